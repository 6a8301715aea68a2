/** FTS5 match expressions built from query terms: every term is a quoted string, so no user text is ever read as syntax. */
import { queryGrams, type QueryTerm } from '../analysis.js';

/** An FTS5 string: double quotes around, inner double quotes doubled. Operators, `*`, brackets inside are plain text. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * One term. Words match whole, except the last one, which matches by prefix (`"cott"*`), as in Meilisearch: the
 * word being typed is completed, the words before it are taken as typed. One Chinese character is a prefix over
 * the grams; two characters are their bigram; longer runs are the phrase of their bigrams, which only a text
 * containing the run matches.
 */
function termExpression(term: QueryTerm, last: boolean): string {
  if (term.kind === 'word') return last ? `${ftsString(term.text)}*` : ftsString(term.text);
  if (Array.from(term.text).length === 1) return `${ftsString(term.text)}*`;
  return ftsString(queryGrams(term.text).join(' '));
}

/**
 * True when FTS5 reads much more than the term's matches to find them: a prefix merges the lists of every word
 * it begins, a phrase reads the positions of each of its grams.
 */
export function readsMoreThanMatches(term: QueryTerm, last: boolean): boolean {
  return term.kind === 'word' ? last : Array.from(term.text).length !== 2;
}

/** The columns a term is looked for in: Chinese grams and words of both languages live in each. */
export type Columns = readonly string[];

/** The name, keyword and summary columns: a direct match. */
export const DIRECT_COLUMNS: Columns = ['name', 'keywords', 'summary'];
/** The name: the first tier of relevance. */
export const NAME_COLUMNS: Columns = ['name'];
/** The name or the keywords: the second tier. */
export const NAME_OR_KEYWORD_COLUMNS: Columns = ['name', 'keywords'];
/** The pinyin of the name (syllables, joined runs, initials), searched when the query may be pinyin. */
export const PINYIN_COLUMNS: Columns = ['pinyin'];

/**
 * One term in one of the columns, the last term of a query by prefix. A query's match set is the intersection of
 * its terms' (FTS5 applies a column filter to each phrase of an AND on its own), so each term's set can be read,
 * and kept, alone.
 */
export function termMatch(columns: Columns, term: QueryTerm, last: boolean): string {
  return `{${columns.join(' ')}} : ${termExpression(term, last)}`;
}

/** Every term in one of the columns: one scan that reads each term's list but returns only the documents with all. */
export function columnMatch(columns: Columns, terms: QueryTerm[]): string {
  return `{${columns.join(' ')}} : (${terms.map((t, i) => termExpression(t, i === terms.length - 1)).join(' AND ')})`;
}
