/** FTS5 match expressions built from query terms: every term is a quoted string, so no user text is ever read as syntax. */
import { isPinyinQuery, queryGrams, type QueryTerm } from '../analysis.js';

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

/** Every term, in one of the given columns (Chinese grams and words of both languages live in each). */
export function columnMatch(columns: readonly string[], terms: QueryTerm[]): string {
  return `{${columns.join(' ')}} : (${terms.map((t, i) => termExpression(t, i === terms.length - 1)).join(' AND ')})`;
}

/** Every term, in the name, keyword or summary column. */
export function directMatch(terms: QueryTerm[]): string {
  return columnMatch(['name', 'keywords', 'summary'], terms);
}

/** The terms as pinyin (syllables, joined runs, initials; the last one by prefix), when the query may be pinyin. */
export function pinyinMatch(terms: QueryTerm[]): string | null {
  return isPinyinQuery(terms) ? columnMatch(['pinyin'], terms) : null;
}
