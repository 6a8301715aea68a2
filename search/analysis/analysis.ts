/** Text analysis shared by both engines: Chinese grams for infix search, folded words, the terms of a query. */
// The Traditional → Simplified bundle only: the full one also loads every Simplified → Traditional dictionary.
import * as OpenCC from 'opencc-js/t2cn';
import { stemmer } from 'stemmer';

/** A term of a user's query: a run of Chinese characters, or a word of any other script, folded. */
export type QueryTerm = { kind: 'han'; text: string } | { kind: 'word'; text: string };

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True when the character (one code point) is a Chinese character. */
export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** True when the character belongs to a word of a spaced script (letters, marks, digits; not Chinese). */
export function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch) && !HAN.test(ch);
}

const ASCII = /^[\x00-\x7f]*$/;

/** Case and accents folded, compatibility forms unified (ＴＢＥＡ → tbea, Café → cafe). */
export function fold(text: string): string {
  // Plain ASCII has nothing to decompose, and most indexed and queried text is (English names, pinyin syllables).
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Traditional characters (Taiwan and Hong Kong forms and phrases) written as Simplified, the form the directory is
 * written in. Applied to indexed text and to queries alike, so a name typed in Traditional is its Simplified name.
 */
let converter: ((text: string) => string) | null = null;

/**
 * One chain, each dictionary once: Taiwan phrases and variants, Hong Kong variants, then Traditional → Simplified.
 * Built when first needed: a process that only indexes (an import's worker) meets Traditional text rarely.
 */
function traditionalToSimplified(text: string): string {
  const convert = (converter ??= OpenCC.ConverterFactory(OpenCC.Locale.from.twp, OpenCC.Locale.from.hk, OpenCC.Locale.to.cn));
  return convert(text);
}

/** Chinese text in Simplified characters (other scripts unchanged). */
export function toSimplified(text: string): string {
  if (ASCII.test(text)) return text;
  return traditionalToSimplified(text);
}

/**
 * Whether a character is written differently in Simplified, by code point, learned as characters are met. Indexed
 * text is nearly always Simplified already, and reading it all through OpenCC cost a fifth of a full reindex.
 */
const TRADITIONAL = new Map<number, boolean>();

/**
 * `toSimplified` for indexed text: converted only when a character of it is Traditional. (Taiwan phrases written
 * in characters common to both scripts, such as 人工智慧, stay: the directory is written in mainland usage.)
 */
export function toSimplifiedIndexed(text: string): string {
  if (ASCII.test(text)) return text;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x2e80) continue;
    let traditional = TRADITIONAL.get(code);
    if (traditional === undefined) TRADITIONAL.set(code, (traditional = toSimplified(ch) !== ch));
    if (traditional) return toSimplified(text);
  }
  return text;
}

/** The bigrams of a run in order, and its last character. */
function bigrams(run: string): { grams: string[]; last: string } {
  const grams: string[] = [];
  let last = '';
  for (const ch of run) {
    if (last) grams.push(last + ch);
    last = ch;
  }
  return { grams, last };
}

/**
 * The grams of a Chinese run: its bigrams, then its last character ("abcd" → ab bc cd d).
 * A query of two characters is one bigram and a longer one a phrase of bigrams, so any substring is found.
 * The trailing unigram lets a one-character prefix query find the run's last character, and it sits between
 * two runs so their bigrams never join into a phrase that the text does not contain.
 */
export function runGrams(run: string): string[] {
  const { grams, last } = bigrams(run);
  if (last) grams.push(last);
  return grams;
}

/** The bigrams a query run must match in sequence (a run of one character is its own prefix). */
export function queryGrams(run: string): string[] {
  const { grams } = bigrams(run);
  return grams.length < 2 ? [run] : grams;
}

/** Text as the index stores it: every Chinese run replaced by its grams, everything else kept as written. */
export function indexText(text: string): string {
  return toSimplifiedIndexed(text).replace(/\p{Script=Han}+/gu, (run) => ` ${runGrams(run).join(' ')} `).replace(/\s+/g, ' ').trim();
}

/** A name or query reduced to its letters and digits, Simplified and folded: equal keys are the same name as typed. */
export function nameKey(text: string): string {
  return fold(toSimplified(text.normalize('NFKC'))).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** English words shorter than this are not stemmed: their stems would match too much. */
export const MIN_STEMMED = 4;

/** The stems of words met lately: an index of 100,000 listings holds a few thousand distinct English words. */
const STEMS = new Map<string, string>();

/** A word's stem, kept for the next time the word is met. */
function stemOf(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (STEMS.size >= 50_000) STEMS.clear();
    STEMS.set(word, stem);
  }
  return stem;
}

/**
 * English text followed by the stems of its words that differ from the word (`laboratories` → `laboratori`), so a
 * query word's stem finds every inflection of it. The stems go after the text, where they join no phrase.
 */
export function withStems(text: string): string {
  const stems = new Set<string>();
  for (const word of fold(text).match(/[a-z]+/g) ?? []) {
    if (word.length < MIN_STEMMED) continue;
    const stem = stemOf(word);
    if (stem !== word) stems.add(stem);
  }
  return stems.size ? `${text} ${[...stems].join(' ')}` : text;
}

/** At most this many terms of a query are used: more only slow a search down without narrowing it usefully. */
const MAX_TERMS = 16;

/**
 * The terms of a query: runs of Chinese characters and folded words; everything else (punctuation, quotes,
 * operators, brackets) only separates terms, so no character a user types can act as search syntax.
 */
export function queryTerms(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const push = (kind: QueryTerm['kind'], text: string) => {
    if (!text || seen.has(kind + text) || terms.length >= MAX_TERMS) return;
    if (kind === 'word' && !LETTER_OR_DIGIT.test(text)) return;
    seen.add(kind + text);
    terms.push({ kind, text });
  };
  let kind: QueryTerm['kind'] | null = null;
  let current = '';
  for (const ch of toSimplified(q.normalize('NFKC'))) {
    const next: QueryTerm['kind'] | null = isHan(ch) ? 'han' : isWordChar(ch) ? 'word' : null;
    if (next !== kind) {
      if (kind) push(kind, kind === 'word' ? fold(current) : current);
      current = '';
      kind = next;
    }
    if (next) current += ch;
  }
  if (kind) push(kind, kind === 'word' ? fold(current) : current);
  return terms;
}

/** True when every term is a word of plain letters a-z: the query may be pinyin. */
export function isPinyinQuery(terms: QueryTerm[]): boolean {
  return terms.length > 0 && terms.every((t) => t.kind === 'word' && /^[a-z]+$/.test(t.text));
}
