/**
 * The facet codes of every store position, as combinations (a code a position) and as bitsets (the positions a
 * code), both kept with each change. A filter is the union of its codes' bitsets, so filtering costs a few thousand
 * word operations whatever the number of documents. Facets are counted per combination of codes: documents share a
 * few hundred combinations of their single-valued codes (collection, county, kind, level…), and a few hundred sets
 * of codes of each many-valued facet (their fields), so a walk over the documents adds one to a small counter of
 * each, and the combinations' counts then go to every facet at once. The combinations serve the benchmark's
 * "with facets ÷ without (p50)" figure at 100,000 listings; the bitsets, its search ÷ bare route figure.
 */
import { FACETS, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import type { FacetCounts } from '../core/engine.js';
import { activeFilters } from '../core/filters.js';
import { CODE_INDEX, codeMask, MANY, SINGLE, toFacets } from './facet-codes.js';
import { PositionSet } from './position-set.js';

/** The facet values of one document. */
export interface FacetValues {
  /** The codes of each facet parameter (only the first counts for a single-valued one). */
  facets: Partial<Record<FacetParam, readonly string[]>>;
  available: boolean;
}

/** What passes the filters, and the disjunctive facet counts. */
export interface Selection {
  results: PositionSet;
  facets: FacetCounts;
}

/** Number of codes of each facet parameter, and of parameters (the width of a combination's codes). */
const CODES = FACETS.map((f) => f.codes.length);
const WIDTH = FACETS.length;
const COLLECTION = FACET_PARAMS.indexOf('collection');
if (SINGLE.reduce((n, p) => n * (CODES[p]! + 1), 1) > Number.MAX_SAFE_INTEGER) throw new Error('the single-valued facets have too many combinations for a numeric key');

/** Facet codes and per-code bitsets over store positions. */
export class FacetIndex {
  /** For each parameter, a bitset per code index (index 0, no code, has none). */
  private bits: Uint32Array[][] = CODES.map((n) => Array.from({ length: n + 1 }, () => new Uint32Array(0)));
  private alive = new Uint32Array(0);
  private available = new Uint32Array(0);
  /** Words of a bitset that have ever held a position: sets over the index need no more. */
  private usedWords = 0;
  /** The combination of single codes of each position: a position's codes are its combination's. */
  private combo = new Uint32Array(0);
  /** Combination number by key (every single code, in mixed radix). */
  private readonly combos = new Map<number, number>();
  /** Each combination's code indexes (index + 1, 0 = none), WIDTH a combination (many-valued entries unused). */
  private readonly comboCodes: number[] = [];
  /** For each many-valued facet (in `MANY` order): each position's set of codes, sets by mask, and each set's mask. */
  private maskCombo: Uint32Array[] = MANY.map(() => new Uint32Array(0));
  private readonly maskCombos = MANY.map(() => new Map<number, number>());
  private readonly masks: number[][] = MANY.map(() => []);

  /** Makes room for positions below `capacity`. */
  grow(capacity: number): void {
    const grown = (old: Uint32Array, length: number) => {
      const next = new Uint32Array(length);
      next.set(old);
      return next;
    };
    const words = (capacity + 31) >>> 5;
    this.combo = grown(this.combo, capacity);
    this.maskCombo = this.maskCombo.map((combos) => grown(combos, capacity));
    this.bits = this.bits.map((sets) => sets.map((set) => grown(set, words)));
    this.alive = grown(this.alive, words);
    this.available = grown(this.available, words);
  }

  /** The collection code index of a position (the first key of the browse order). */
  collectionAt(pos: number): number {
    return this.comboCodes[this.combo[pos]! * WIDTH + COLLECTION]!;
  }

  /** Records a document's values at `pos`, replacing what was there. */
  set(pos: number, values: FacetValues): void {
    this.unset(pos);
    const indexes = new Array<number>(WIDTH).fill(0);
    for (const p of SINGLE) {
      const code = values.facets[FACETS[p]!.param]?.[0];
      indexes[p] = code === undefined ? 0 : (CODE_INDEX[p]!.get(code) ?? 0);
    }
    this.combo[pos] = this.comboOf(indexes);
    MANY.forEach((p, m) => (this.maskCombo[m]![pos] = this.maskComboOf(m, codeMask(p, values.facets[FACETS[p]!.param] ?? []))));
    this.mark(pos, true);
    if (values.available) this.available[pos >>> 5] = this.available[pos >>> 5]! | (1 << (pos & 31));
    this.usedWords = Math.max(this.usedWords, (pos >>> 5) + 1);
  }

  /** Forgets the document at `pos`. */
  unset(pos: number): void {
    if ((this.alive[pos >>> 5]! & (1 << (pos & 31))) === 0) return;
    this.mark(pos, false);
    this.available[pos >>> 5] = this.available[pos >>> 5]! & ~(1 << (pos & 31));
  }

  /** Sets or clears the bit of `pos` in its codes' bitsets and in the set of every document. */
  private mark(pos: number, on: boolean): void {
    const word = pos >>> 5;
    const bit = 1 << (pos & 31);
    const flip = (set: Uint32Array) => (set[word] = on ? set[word]! | bit : set[word]! & ~bit);
    const at = this.combo[pos]! * WIDTH;
    for (const p of SINGLE) {
      const index = this.comboCodes[at + p]!;
      if (index) flip(this.bits[p]![index]!);
    }
    MANY.forEach((p, m) => {
      for (let mask = this.masks[m]![this.maskCombo[m]![pos]!]!; mask !== 0; mask &= mask - 1) flip(this.bits[p]![32 - Math.clz32(mask & -mask)]!);
    });
    flip(this.alive);
  }

  clear(): void {
    for (const sets of this.bits) for (const set of sets) set.fill(0);
    this.alive.fill(0);
    this.available.fill(0);
    this.usedWords = 0;
  }

  /** The number of a combination of single code indexes, registered on first sight. */
  private comboOf(indexes: number[]): number {
    const key = SINGLE.reduce((sum, p) => sum * (CODES[p]! + 1) + indexes[p]!, 0);
    let combo = this.combos.get(key);
    if (combo === undefined) {
      combo = this.combos.size;
      this.combos.set(key, combo);
      this.comboCodes.push(...indexes);
    }
    return combo;
  }

  /** The number of a set of codes of the `m`-th many-valued facet, registered on first sight. */
  private maskComboOf(m: number, mask: number): number {
    const combos = this.maskCombos[m]!;
    let combo = combos.get(mask);
    if (combo === undefined) {
      combo = combos.size;
      combos.set(mask, combo);
      this.masks[m]!.push(mask);
    }
    return combo;
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

  /** Adds the codes of the positions in `set` to the counts of each parameter in `params`. */
  private count(set: PositionSet, counts: Uint32Array[], params: number[]): void {
    const single = params.filter((p) => !FACETS[p]!.many);
    if (single.length) {
      const perCombo = set.countBy(this.combo, this.combos.size);
      for (let c = 0; c < perCombo.length; c++) {
        const n = perCombo[c]!;
        if (n !== 0) for (const p of single) counts[p]![this.comboCodes[c * WIDTH + p]!]! += n;
      }
    }
    MANY.forEach((p, m) => {
      if (!params.includes(p)) return;
      const perMask = set.countBy(this.maskCombo[m]!, this.maskCombos[m]!.size);
      const count = counts[p]!;
      const masks = this.masks[m]!;
      for (let c = 0; c < perMask.length; c++) {
        const n = perMask[c]!;
        if (n !== 0) for (let mask = masks[c]!; mask !== 0; mask &= mask - 1) count[32 - Math.clz32(mask & -mask)]! += n;
      }
    });
  }
}
