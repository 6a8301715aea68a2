import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readsMoreThanMatches } from '../../search/embedded/match-expressions.js';
import { MatchCache } from '../../search/embedded/match-cache.js';
import { PositionSet } from '../../search/embedded/position-set.js';

const BOUND = 300;
const positions = fc.uniqueArray(fc.integer({ min: 0, max: BOUND - 1 }), { maxLength: 120 });
const sorted = (values: Iterable<number>) => [...values].sort((a, b) => a - b);
const setOf = (values: number[]) => PositionSet.of(Int32Array.from(values), BOUND);

describe('a set of store positions', () => {
  it('when sets are combined, then they hold what the same operations on plain sets hold', () => {
    fc.assert(
      fc.property(positions, positions, (a, b) => {
        const left = setOf(a);
        const right = setOf(b);
        const both = a.filter((pos) => b.includes(pos));
        const onlyLeft = a.filter((pos) => !b.includes(pos));
        expect(Array.from(left.positions())).toEqual(sorted(a));
        expect(Array.from(left.and(right).positions())).toEqual(sorted(both));
        expect(left.and(right).size).toBe(both.length);
        expect(Array.from(left.andNot(right).positions())).toEqual(sorted(onlyLeft));
        expect(left.andNot(right).size).toBe(onlyLeft.length);
        expect(Array.from(left.filter((pos) => pos % 3 === 0).positions())).toEqual(sorted(a.filter((pos) => pos % 3 === 0)));
        for (let pos = 0; pos < BOUND + 40; pos++) expect(left.has(pos)).toBe(a.includes(pos));
      }),
      { seed: 6, numRuns: 200 },
    );
  });

  it('when a set is made from repeated positions, then each counts once', () => {
    const set = PositionSet.of(Int32Array.from([5, 5, 31, 32, 31]), 64);
    expect(set.size).toBe(3);
    expect(Array.from(set.positions())).toEqual([5, 31, 32]);
  });
});

describe('the cache of term match sets', () => {
  const large = () => setOf(Array.from({ length: 260 }, (_, i) => i));
  const small = () => setOf([1, 2, 3]);

  it('when a plain term matches few documents, then its set is not kept; a costly one is', () => {
    const cache = new MatchCache(1 << 20);
    cache.put('plain', small(), false);
    cache.put('prefix', small(), true);
    cache.put('common', large(), false);
    expect(cache.get('plain')).toBeUndefined();
    expect(cache.get('prefix')?.size).toBe(3);
    expect(cache.get('common')?.size).toBe(260);
  });

  it('when the budget is full, then the least recently used set goes first', () => {
    const one = large();
    const cache = new MatchCache(one.bytes * 2);
    cache.put('a', one, true);
    cache.put('b', large(), true);
    expect(cache.get('a')).toBe(one);
    cache.put('c', large(), true);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(one);
    expect(cache.get('c')?.size).toBe(260);
    expect(cache.stats()).toEqual({ sets: 2, bytes: one.bytes * 2 });
  });

  it('when the budget is zero or the cache is cleared, then nothing is kept', () => {
    const none = new MatchCache(0);
    none.put('a', large(), true);
    expect(none.get('a')).toBeUndefined();
    const cache = new MatchCache(1 << 20);
    cache.put('a', large(), true);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.stats()).toEqual({ sets: 0, bytes: 0 });
  });
});

describe('which term sets are costly to read', () => {
  it('when a form is a prefix or a phrase, then it is costly; a whole word or a bigram is not', () => {
    expect(readsMoreThanMatches({ kind: 'words', words: ['coal'], prefix: false })).toBe(false);
    expect(readsMoreThanMatches({ kind: 'words', words: ['see'], prefix: true })).toBe(true);
    expect(readsMoreThanMatches({ kind: 'words', words: ['key', 'lab'], prefix: false })).toBe(true);
    expect(readsMoreThanMatches({ kind: 'han', text: '煤炭' })).toBe(false);
    expect(readsMoreThanMatches({ kind: 'han', text: '煤' })).toBe(true);
    expect(readsMoreThanMatches({ kind: 'han', text: '煤炭清洁' })).toBe(true);
  });
});
