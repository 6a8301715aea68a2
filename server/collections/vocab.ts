/** The stable codes of the domain; their labels in both languages live in `locales/<lang>/vocab.json`. */
export const VOCAB = {
  county: ['changji', 'fukang', 'hutubi', 'manas', 'qitai', 'jimsar', 'mori', 'zhundong', 'hitech', 'agri-zone'],
  field: [
    'coal-chemistry', 'power-equipment', 'silicon-materials', 'chemical-materials', 'cotton', 'seed-industry',
    'livestock', 'food-processing', 'wine', 'biosafety', 'digital', 'logistics', 'ecology', 'medicine',
  ],
  platformKind: [
    'key-lab', 'engineering-center', 'enterprise-tech-center', 'expert-workstation', 'consortium',
    'collaborative-center', 'expert-service-base', 'incubator', 'offsite-rnd',
  ],
  level: ['national', 'regional'],
  institutionType: ['university', 'institute'],
  expertCategory: ['academician', 'expert', 'advisor'],
  housingKind: ['talent-apartment', 'turnover-room'],
  source: ['report-2022', 'sample', 'staff'],
  status: ['active', 'archived'],
} as const;

export type VocabName = keyof typeof VOCAB;
export type Code<V extends VocabName> = (typeof VOCAB)[V][number];

/** True when `value` is one of the codes of vocabulary `vocab`. */
export function isCode(vocab: VocabName, value: string): boolean {
  return (VOCAB[vocab] as readonly string[]).includes(value);
}

/** The label group in `locales/<lang>/vocab.json` of each vocabulary (both kinds of `kind` share one group). */
export const VOCAB_LABEL_GROUP: Record<VocabName, string> = {
  county: 'county',
  field: 'field',
  platformKind: 'kind',
  housingKind: 'kind',
  level: 'level',
  institutionType: 'type',
  expertCategory: 'category',
  source: 'source',
  status: 'status',
};

/** The i18n key of a code's label, e.g. `vocab.kind.key-lab`. */
export function vocabLabelKey(vocab: VocabName, code: string): string {
  return `vocab.${VOCAB_LABEL_GROUP[vocab]}.${code}`;
}
