/** Facet codes as small integers: a column value per code, a bit per field code, counts per code index. */
import { FACET_PARAMS } from '../../server/collections/define.js';
import { emptyFacets, type FacetCounts } from '../core/engine.js';
import { FILTER_CODES } from '../core/filters.js';

/** Index of `field` in FACET_PARAMS: the one many-valued parameter, kept as a bit mask. */
export const FIELD = FACET_PARAMS.indexOf('field');
/** For each facet parameter, the index + 1 of each code (0 means none). */
export const CODE_INDEX = FACET_PARAMS.map((p) => new Map(FILTER_CODES[p].map((c, i) => [c, i + 1])));
if (FILTER_CODES.field.length > 32) throw new Error('field codes no longer fit a 32-bit mask');

/** The bit mask of field codes (bit i for the i-th code of the vocabulary). */
export function fieldMask(codes: string[]): number {
  let mask = 0;
  for (const code of codes) {
    const index = CODE_INDEX[FIELD]!.get(code);
    if (index) mask |= 1 << (index - 1);
  }
  return mask >>> 0;
}

/** Adds one to the count of every field code set in `mask`. */
export function countBits(counts: Uint32Array, mask: number): void {
  for (let m = mask; m !== 0; m &= m - 1) counts[32 - Math.clz32(m & -m)]!++;
}

/** Counts by code index → counts by code, codes with none left out. */
export function toFacets(counts: Uint32Array[]): FacetCounts {
  const facets = emptyFacets();
  FACET_PARAMS.forEach((param, p) => {
    FILTER_CODES[param].forEach((code, i) => {
      const n = counts[p]![i + 1]!;
      if (n > 0) facets[param][code] = n;
    });
  });
  return facets;
}
