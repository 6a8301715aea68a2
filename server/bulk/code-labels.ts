/** Code cells as staff write them: the code itself, or its Chinese or English label, read back to the code. */
import type { FieldSpec } from '../collections/field-spec.js';
import { VOCAB, vocabLabelKey, type VocabName } from '../collections/vocab.js';
import { translator } from '../i18n/i18n.js';

/** One allowed value of a code column, as the column guide lists it. */
export interface AllowedValue {
  code: string;
  zh: string;
  en: string;
}

const zh = translator('zh');
const en = translator('en');

/** Case, width and spacing do not matter: `Hutubi  county`, `ＨＵＴＵＢＩ` and `呼图壁县 ` all read. */
function normal(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Every code of a vocabulary with its labels in both languages. */
export function allowedValues(vocab: VocabName): AllowedValue[] {
  return VOCAB[vocab].map((code) => ({ code, zh: zh(vocabLabelKey(vocab, code)), en: en(vocabLabelKey(vocab, code)) }));
}

const READERS = new Map<VocabName, Map<string, string>>();

function reader(vocab: VocabName): Map<string, string> {
  let known = READERS.get(vocab);
  if (!known) {
    known = new Map();
    // Labels first, codes last: a code always reads as itself.
    for (const v of allowedValues(vocab)) for (const text of [v.en, v.zh, v.code]) known.set(normal(text), v.code);
    READERS.set(vocab, known);
  }
  return known;
}

/** The code a cell names (code, Chinese or English label); anything else is returned as written, for validation to name. */
export function readCode(vocab: VocabName, text: string): string {
  return reader(vocab).get(normal(text)) ?? text;
}

/** A coerced code or codes value with every label read back to its code; other fields pass unchanged. */
export function readCodeCells(spec: FieldSpec, value: unknown): unknown {
  if (spec.type === 'code' && typeof value === 'string') return readCode(spec.vocab, value);
  if (spec.type === 'codes' && Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? readCode(spec.vocab, v) : v));
  return value;
}
