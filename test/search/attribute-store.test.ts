import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import { AttributeStore, type DocAttributes } from '../../search/embedded/attribute-store.js';
import { PositionSet } from '../../search/embedded/position-set.js';

/** A platform's codes; every other facet empty, whatever facets the declarations add. */
const FACETS = {
  ...(Object.fromEntries(FACET_PARAMS.map((p): [FacetParam, string[]] => [p, []])) as Record<FacetParam, string[]>),
  collection: ['platforms'],
  county: ['changji'],
  kind: ['key-lab'],
  level: ['regional'],
};

function doc(i: number, updatedAt: number): DocAttributes {
  return {
    rowid: i * 16,
    nameLength: 4,
    nameEnLength: 4,
    facets: { ...FACETS },
    available: false,
    boost: 0,
    sortName: `n ${i}\u0001名${i}`,
    sortNameEn: `n ${i}`,
    updatedAt,
  };
}

describe('a page in a stored order', () => {
  it('when members are few, many, spread or gathered at the end of the order, then the page is the members in order from the offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (count, share, gathered, offset, limit, seed) => {
          const store = new AttributeStore();
          // Latest update first: document i is i-th in the order when updatedAt falls with i.
          for (let i = 0; i < count; i++) store.set(doc(i, count - i));
          let state = seed;
          const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
          const chosen: number[] = [];
          for (let i = 0; i < count; i++) {
            if (gathered ? i >= count * (1 - share) : random() < share) chosen.push(i);
          }
          const members = PositionSet.of(Int32Array.from(chosen), store.bound);
          const page = store.pageInOrder(members, 'updated', offset, limit).map((pos) => store.rowidAt(pos) / 16);
          expect(page).toEqual(chosen.slice(offset, offset + limit));
          expect(store.pageInOrder(Int32Array.from(chosen).reverse(), 'updated', offset, limit).map((pos) => store.rowidAt(pos) / 16)).toEqual(page);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });
});
