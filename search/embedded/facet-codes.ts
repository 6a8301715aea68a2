/** Facet codes as small integers: an index per code (0: none), a bit per code of a many-valued facet, counts per code index. */
import { FACETS } from '../../server/collections/facets.js';
import { emptyFacets, type FacetCounts } from '../core/engine.js';

/** For each facet, in parameter order, the index + 1 of each code (0 means none). */
export const CODE_INDEX = FACETS.map((f) => new Map(f.codes.map((c, i) => [c, i + 1])));

/** Positions in the parameter order of the single-valued facets (one code a document) and of the many-valued ones. */
export const SINGLE = FACETS.flatMap((f, p) => (f.many ? [] : [p]));
export const MANY = FACETS.flatMap((f, p) => (f.many ? [p] : []));
for (const p of MANY) if (FACETS[p]!.codes.length > 32) throw new Error(`the codes of ${FACETS[p]!.param} no longer fit a 32-bit mask`);

/** The bit mask of the codes of many-valued facet `p` (bit i for its i-th code). */
export function codeMask(p: number, codes: readonly string[]): number {
  let mask = 0;
  for (const code of codes) {
    const index = CODE_INDEX[p]!.get(code);
    if (index) mask |= 1 << (index - 1);
  }
  return mask >>> 0;
}

/** Counts by code index → counts by code, codes with none left out. */
export function toFacets(counts: Uint32Array[]): FacetCounts {
  const facets = emptyFacets();
  FACETS.forEach((facet, p) => {
    facet.codes.forEach((code, i) => {
      const n = counts[p]![i + 1]!;
      if (n > 0) facets[facet.param][code] = n;
    });
  });
  return facets;
}
