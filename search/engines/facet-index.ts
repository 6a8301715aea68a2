/**
 * The facet codes of every store position, as columns (a code a position) and as bitsets (the positions a code),
 * both kept with each change. A filter is the union of its codes' bitsets, so filtering costs a few thousand word
 * operations whatever the number of documents; a facet is counted by walking the documents it counts, or, when they
 * are many, by intersecting them with each code's bitset.
 */
import { FACET_PARAMS, type FacetParam } from '../../server/collections/define.js';
import type { FacetCounts } from '../engine.js';
import { activeFilters, FILTER_CODES } from '../filters.js';
import { CODE_INDEX, countBits, FIELD, fieldMask, toFacets } from './facet-codes.js';
import { PositionSet } from './position-set.js';

/** The facet values of one document. */
export interface FacetValues {
  /** The code of each facet parameter (null: none); the `field` entry is ignored. */
  codes: (string | null)[];
  fields: string[];
  available: boolean;
}

/** What passes the filters, and the disjunctive facet counts. */
export interface Selection {
  results: PositionSet;
  facets: FacetCounts;
}

/** Number of codes of each facet parameter. */
const CODES = FACET_PARAMS.map((p) => FILTER_CODES[p].length);

/** Facet columns and per-code bitsets over store positions. */
export class FacetIndex {
  /** One column per facet parameter: the code's index + 1 (0 = none); the `field` column is unused. */
  private codes: Uint8Array[] = FACET_PARAMS.map(() => new Uint8Array(0));
  private fields = new Uint32Array(0);
  /** For each parameter, a bitset per code index (index 0, no code, has none). */
  private bits: Uint32Array[][] = CODES.map((n) => Array.from({ length: n + 1 }, () => new Uint32Array(0)));
  private alive = new Uint32Array(0);
  private available = new Uint32Array(0);
  /** Words of a bitset that have ever held a position: sets over the index need no more. */
  private usedWords = 0;

  /** Makes room for positions below `capacity`. */
  grow(capacity: number): void {
    const grown = <T extends Uint8Array | Uint32Array>(old: T, length: number): T => {
      const next = new (old.constructor as new (n: number) => T)(length);
      next.set(old);
      return next;
    };
    const words = (capacity + 31) >>> 5;
    this.codes = this.codes.map((column) => grown(column, capacity));
    this.fields = grown(this.fields, capacity);
    this.bits = this.bits.map((sets) => sets.map((set) => grown(set, words)));
    this.alive = grown(this.alive, words);
    this.available = grown(this.available, words);
  }

  /** The collection code index of a position (the first key of the browse order). */
  collectionAt(pos: number): number {
    return this.codes[0]![pos]!;
  }

  /** Records a document's values at `pos`, replacing what was there. */
  set(pos: number, values: FacetValues): void {
    this.unset(pos);
    const word = pos >>> 5;
    const bit = 1 << (pos & 31);
    values.codes.forEach((code, p) => {
      if (p === FIELD) return;
      const index = code === null ? 0 : (CODE_INDEX[p]!.get(code) ?? 0);
      this.codes[p]![pos] = index;
      if (index) this.bits[p]![index]![word] |= bit;
    });
    const mask = fieldMask(values.fields);
    this.fields[pos] = mask;
    for (let m = mask; m !== 0; m &= m - 1) this.bits[FIELD]![32 - Math.clz32(m & -m)]![word] |= bit;
    this.alive[word] |= bit;
    if (values.available) this.available[word] |= bit;
    this.usedWords = Math.max(this.usedWords, word + 1);
  }

  /** Forgets the document at `pos`. */
  unset(pos: number): void {
    const word = pos >>> 5;
    const bit = 1 << (pos & 31);
    if ((this.alive[word]! & bit) === 0) return;
    this.codes.forEach((column, p) => {
      if (p !== FIELD && column[pos]) this.bits[p]![column[pos]!]![word] &= ~bit;
      column[pos] = 0;
    });
    for (let m = this.fields[pos]!; m !== 0; m &= m - 1) this.bits[FIELD]![32 - Math.clz32(m & -m)]![word] &= ~bit;
    this.fields[pos] = 0;
    this.alive[word] &= ~bit;
    this.available[word] &= ~bit;
  }

  clear(): void {
    for (const column of this.codes) column.fill(0);
    this.fields.fill(0);
    for (const sets of this.bits) for (const set of sets) set.fill(0);
    this.alive.fill(0);
    this.available.fill(0);
    this.usedWords = 0;
  }

  /** Every document. */
  all(): PositionSet {
    return PositionSet.ofWords(this.alive.slice(0, this.usedWords));
  }

  /**
   * The `candidates` (positions of documents held; every document when null) that pass the filters, and the facet
   * counts: each facet counts the candidates that pass every filter but its own.
   */
  select(candidates: PositionSet | null, filters: Partial<Record<FacetParam, string[]>>, available: boolean, countFacets: boolean): Selection {
    let base = candidates ?? this.all();
    if (available) base = base.andWords(this.available);
    const active = activeFilters(filters).map(([param, codes]) => ({ p: FACET_PARAMS.indexOf(param), words: this.union(param, codes) }));
    const results = active.reduce((set, filter) => set.andWords(filter.words), base);
    const counts = CODES.map((n) => new Uint32Array(n + 1));
    if (countFacets) {
      const filtered = new Set(active.map((filter) => filter.p));
      this.count(results, counts, FACET_PARAMS.map((_, p) => p).filter((p) => !filtered.has(p)));
      for (const filter of active) {
        const others = active.reduce((set, other) => (other === filter ? set : set.andWords(other.words)), base);
        this.count(others, counts, [filter.p]);
      }
    }
    return { results, facets: toFacets(counts) };
  }

  /** The bitset of the positions holding any of `codes`. */
  private union(param: FacetParam, codes: string[]): Uint32Array {
    const p = FACET_PARAMS.indexOf(param);
    const out = new Uint32Array(this.alive.length);
    for (const code of codes) {
      const set = this.bits[p]![CODE_INDEX[p]!.get(code) ?? 0];
      if (!set) continue;
      for (let w = 0; w < out.length; w++) out[w] = out[w]! | set[w]!;
    }
    return out;
  }

  /**
   * Adds the codes of the positions in `set` to the counts of each parameter in `params`: by one walk over the
   * positions, or, when the set holds more positions than all a parameter's bitsets hold words (a word costs about
   * what a position costs), by intersecting the set with each code's bitset.
   */
  private count(set: PositionSet, counts: Uint32Array[], params: number[]): void {
    const words = Math.ceil(set.bytes / 4);
    const walked: number[] = [];
    for (const p of params) {
      if (set.size > CODES[p]! * words) for (let i = 1; i <= CODES[p]!; i++) counts[p]![i] = set.countAnd(this.bits[p]![i]!);
      else walked.push(p);
    }
    if (!walked.length) return;
    const positions = set.positions();
    for (const p of walked) {
      const count = counts[p]!;
      if (p === FIELD) {
        const fields = this.fields;
        for (const pos of positions) countBits(count, fields[pos]!);
      } else {
        const column = this.codes[p]!;
        for (const pos of positions) count[column[pos]!]!++;
      }
    }
  }
}
