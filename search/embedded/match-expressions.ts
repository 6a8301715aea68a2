/** FTS5 match expressions built from query terms: every form is a quoted string, so no user text is ever read as syntax. */
import { queryGrams } from '../analysis/analysis.js';
import type { SearchTerm, TermForm } from '../analysis/query-analysis.js';

/** An FTS5 string: double quotes around, inner double quotes doubled. Operators, `*`, brackets inside are plain text. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * One form. Words match whole, except the word being typed, which matches by prefix (`"cott"*`), as in
 * Meilisearch. One Chinese character is a prefix over the grams; two characters are their bigram; longer runs are
 * the phrase of their bigrams, which only a text containing the run matches.
 */
export function formExpression(form: TermForm): string {
  if (form.kind === 'words') return form.prefix ? `${ftsString(form.words.join(' '))}*` : ftsString(form.words.join(' '));
  if (Array.from(form.text).length === 1) return `${ftsString(form.text)}*`;
  return ftsString(queryGrams(form.text).join(' '));
}

/**
 * True when FTS5 reads much more than the form's matches to find them: a prefix merges the lists of every word it
 * begins, a phrase reads the positions of each of its parts.
 */
export function readsMoreThanMatches(form: TermForm): boolean {
  return form.kind === 'words' ? form.prefix || form.words.length > 1 : Array.from(form.text).length !== 2;
}

/** The columns a term is looked for in: Chinese grams and words of both languages live in each. */
export type Columns = readonly string[];

/** The name, keyword (labels included) and summary columns: a direct match. */
export const DIRECT_COLUMNS: Columns = ['name', 'keywords', 'summary'];
/** The name: the first tier of relevance. */
export const NAME_COLUMNS: Columns = ['name'];
/** The name or the keywords: the second tier. */
export const NAME_OR_KEYWORD_COLUMNS: Columns = ['name', 'keywords'];
/** The pinyin of the name (syllables, joined runs, initials). */
export const PINYIN_COLUMNS: Columns = ['pinyin'];
/** The pinyin of the labels a listing carries. */
export const LABEL_PINYIN_COLUMNS: Columns = ['labelpinyin'];

/** Any of `forms` in one of `columns`. */
export function formsMatch(columns: Columns, forms: TermForm[]): string {
  const alternatives = [...new Set(forms.map(formExpression))];
  return `{${columns.join(' ')}} : (${alternatives.join(' OR ')})`;
}

/** A term in one of the columns: any of its forms (its typo corrections too, with `typos`). */
export function termMatch(columns: Columns, term: SearchTerm, typos = false): string {
  return formsMatch(columns, typos ? [...term.forms, ...(term.typos ?? [])] : term.forms);
}

/** Every term in one of the columns: one scan that reads each term's lists but returns only the listings with all. */
export function allTermsMatch(columns: Columns, terms: SearchTerm[]): string {
  const [only] = terms;
  if (only && terms.length === 1) return termMatch(columns, only);
  return `{${columns.join(' ')}} : (${terms.map((t) => `(${[...new Set(t.forms.map(formExpression))].join(' OR ')})`).join(' AND ')})`;
}

/** A term's pinyin tokens in the pinyin columns; the word being typed by prefix. */
export function pinyinMatch(columns: Columns, term: SearchTerm): string {
  return `{${columns.join(' ')}} : (${term.pinyin.map((p) => (term.last ? `${ftsString(p)}*` : ftsString(p))).join(' OR ')})`;
}

/** True when reading the term costs more than its matches (see `readsMoreThanMatches`). */
export function termIsCostly(term: SearchTerm): boolean {
  return term.forms.length > 1 || term.forms.some(readsMoreThanMatches);
}

/**
 * The terms side by side, as typed, in one of the direct columns: Chinese terms as one run, words as one phrase;
 * null when the terms mix the two (no phrase can hold both).
 */
export function phraseMatch(terms: SearchTerm[]): string | null {
  if (terms.length < 2) return null;
  const first = terms.map((t) => t.forms[0]);
  if (first.every((f) => f?.kind === 'han')) return formsMatch(DIRECT_COLUMNS, [{ kind: 'han', text: first.map((f) => f.text).join('') }]);
  if (first.every((f) => f?.kind === 'words')) return formsMatch(DIRECT_COLUMNS, [{ kind: 'words', words: first.flatMap((f) => f.words), prefix: false }]);
  return null;
}
