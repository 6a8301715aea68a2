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
