import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACET_CODES, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import { FacetIndex } from '../../search/embedded/facet-index.js';
import { PositionSet } from '../../search/embedded/position-set.js';

const CAPACITY = 1024;
type Doc = { codes: Record<FacetParam, string | null>; fields: string[]; available: boolean };

// A few codes per parameter, so that filters keep enough documents for both ways of counting.
const codes = (param: FacetParam) => FACET_CODES[param].slice(0, 3);
const code = (param: FacetParam) => fc.option(fc.constantFrom(...codes(param)), { nil: null, freq: 4 });
const doc: fc.Arbitrary<Doc> = fc.record({
  codes: fc.record(Object.fromEntries(FACET_PARAMS.map((p) => [p, code(p)])) as Record<FacetParam, fc.Arbitrary<string | null>>),
  fields: fc.uniqueArray(fc.constantFrom(...codes('field')), { maxLength: 3 }),
  available: fc.boolean(),
});
const filters: fc.Arbitrary<Partial<Record<FacetParam, string[]>>> = fc
  .subarray([...FACET_PARAMS], { maxLength: 3 })
  .chain((params) => fc.tuple(...params.map((p) => fc.uniqueArray(fc.constantFrom(...codes(p)), { minLength: 1, maxLength: 2 }))).map((values) => Object.fromEntries(params.map((p, i) => [p, values[i]!]))));

function valuesOf(d: Doc, param: FacetParam): string[] {
  if (param === 'field') return d.fields;
  return d.codes[param] === null ? [] : [d.codes[param]!];
}

/** The disjunctive counts, one document at a time: each facet counts the documents passing every other filter. */
function expected(docs: Map<number, Doc>, candidates: Set<number> | null, wanted: Partial<Record<FacetParam, string[]>>, available: boolean) {
  const active = FACET_PARAMS.filter((p) => (wanted[p]?.length ?? 0) > 0);
  const passes = (d: Doc, p: FacetParam) => valuesOf(d, p).some((v) => wanted[p]!.includes(v));
  const results: number[] = [];
  const facets = Object.fromEntries(FACET_PARAMS.map((p) => [p, {} as Record<string, number>]));
  for (const [pos, d] of docs) {
    if ((candidates && !candidates.has(pos)) || (available && !d.available)) continue;
    const failed = active.filter((p) => !passes(d, p));
    if (!failed.length) results.push(pos);
    for (const p of FACET_PARAMS) {
      if (failed.length > 1 || (failed.length === 1 && failed[0] !== p)) continue;
      for (const v of valuesOf(d, p)) facets[p]![v] = (facets[p]![v] ?? 0) + 1;
    }
  }
  return { results: results.sort((a, b) => a - b), facets };
}

describe('the facet index', () => {
  it('when documents are set, replaced and removed, then filters and disjunctive counts match a count of each document', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: CAPACITY - 1 }), fc.option(doc, { nil: null, freq: 6 })), { minLength: 1, maxLength: 900, size: 'max' }),
        fc.option(fc.uniqueArray(fc.integer({ min: 0, max: CAPACITY - 1 }), { maxLength: 700, size: 'max' }), { nil: null }),
        filters,
        fc.boolean(),
        (changes, candidateList, wanted, available) => {
          const index = new FacetIndex();
          index.grow(CAPACITY);
          const docs = new Map<number, Doc>();
          for (const [pos, next] of changes) {
            if (next) {
              index.set(pos, { facets: Object.fromEntries(FACET_PARAMS.map((p) => [p, valuesOf(next, p)])), available: next.available });
              docs.set(pos, next);
            } else {
              index.unset(pos);
              docs.delete(pos);
            }
          }
          const held = candidateList?.filter((pos) => docs.has(pos));
          const candidates = held ? PositionSet.of(Int32Array.from(held), CAPACITY) : null;
          const got = index.select(candidates, wanted, available, true);
          const want = expected(docs, held ? new Set(held) : null, wanted, available);
          expect(Array.from(got.results.positions())).toEqual(want.results);
          expect(got.facets).toEqual(want.facets);
        },
      ),
      { seed: 61, numRuns: 150 },
    );
  });
});
