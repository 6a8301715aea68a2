/**
 * Match sets of query terms, kept between searches until the index changes. A common term (a bigram such
 * as 研究, a word such as `changji`) matches tens of thousands of documents at 100,000, and reading its ids from
 * FTS5 costs milliseconds at every search; so does a prefix or a phrase, which reads far more than its matches. A
 * rare plain term costs microseconds and is read again each time. Any change to the index empties the cache, so
 * a kept set is always the one FTS5 would return now.
 */
import type { PositionSet } from './position-set.js';

/** Sets of plain terms smaller than this are read again from the index: cheaper than the memory they would hold. */
export const MIN_CACHED = 256;

/** Term match sets by key, least recently used dropped first, within a memory budget. */
export class MatchCache {
  private readonly sets = new Map<string, PositionSet>();
  private bytes = 0;

  /** `budgetBytes` 0 keeps nothing. */
  constructor(private readonly budgetBytes: number) {}

  get(key: string): PositionSet | undefined {
    const set = this.sets.get(key);
    if (set) {
      // Map order is insertion order: re-inserting marks the set as the most recently used.
      this.sets.delete(key);
      this.sets.set(key, set);
    }
    return set;
  }

  /**
   * Keeps `set` if it was `costly` to read or is large, dropping the least recently used ones to stay in budget.
   */
  put(key: string, set: PositionSet, costly: boolean): void {
    if ((!costly && set.size < MIN_CACHED) || set.bytes > this.budgetBytes) return;
    const old = this.sets.get(key);
    if (old) this.bytes -= old.bytes;
    this.sets.delete(key);
    this.sets.set(key, set);
    this.bytes += set.bytes;
    for (const [oldest, dropped] of this.sets) {
      if (this.bytes <= this.budgetBytes) break;
      this.sets.delete(oldest);
      this.bytes -= dropped.bytes;
    }
  }

  clear(): void {
    this.sets.clear();
    this.bytes = 0;
  }

  /** Sets held, and the bytes they take. */
  stats(): { sets: number; bytes: number } {
    return { sets: this.sets.size, bytes: this.bytes };
  }
}
