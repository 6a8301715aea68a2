/**
 * The Latin words of the embedded index (FTS5's own vocabulary, through `fts5vocab`), for typo tolerance: a word
 * that matches nothing is looked for at one typo from 5 letters and two from 9 (insertions, deletions,
 * substitutions, swaps of neighbours), as Meilisearch and Algolia count them. Read when first needed and again at
 * most every `REFRESH_MS` after the index changed: a correction found a little late costs less than reading the
 * vocabulary after every write.
 */
import type { Db } from '../../server/db/connection.js';

const REFRESH_MS = 30_000;
/** Corrections tried for one word: the closest, then the most common. */
const MAX_CANDIDATES = 6;

/** The number of typos a word of this length may carry. */
export function typoBudget(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/** Optimal string alignment distance (Damerau–Levenshtein without moving a letter twice), stopped past `max`. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** The index's Latin words by first letter, with the number of documents holding each. */
export class Vocabulary {
  private readonly read;
  private byLetter = new Map<string, { term: string; docs: number }[]>();
  private loadedAt = -Infinity;
  private stale = true;

  constructor(db: Db) {
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'search_fts', 'col')");
    this.read = db.prepare<[], { term: string; docs: number }>("SELECT term, sum(doc) AS docs FROM temp.search_vocab WHERE term >= 'a' AND term < '{' AND col IN ('name', 'keywords', 'summary') GROUP BY term");
  }

  /** The index changed: the words are read again when next needed (at most every REFRESH_MS). */
  invalidate(): void {
    this.stale = true;
  }

  /** Words of the index within the word's typo budget, the closest and most common first; never the word itself. */
  corrections(word: string): string[] {
    const budget = typoBudget(word.length);
    if (!budget || !/^[a-z]+$/.test(word)) return [];
    this.load();
    // A typo on the first letter is rare in typing and would multiply the words to compare.
    const found: { term: string; distance: number; docs: number }[] = [];
    for (const entry of this.byLetter.get(word.charAt(0)) ?? []) {
      if (entry.term === word) continue;
      const distance = typoDistance(word, entry.term, budget);
      if (distance <= budget) found.push({ term: entry.term, distance, docs: entry.docs });
    }
    found.sort((a, b) => a.distance - b.distance || b.docs - a.docs);
    return found.slice(0, MAX_CANDIDATES).map((f) => f.term);
  }

  private load(): void {
    if (!this.stale || Date.now() - this.loadedAt < REFRESH_MS) return;
    const byLetter = new Map<string, { term: string; docs: number }[]>();
    for (const row of this.read.iterate()) {
      if (row.term.length < 3 || !/^[a-z]+$/.test(row.term)) continue;
      const letter = row.term.charAt(0);
      const list = byLetter.get(letter) ?? [];
      list.push(row);
      byLetter.set(letter, list);
    }
    this.byLetter = byLetter;
    this.loadedAt = Date.now();
    this.stale = false;
  }
}
