import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateMatch, loadJudgedNeeds, ndcgAt } from '../../scripts/eval-match/evaluate.js';
import { createTestApp, type TestApp } from '../helpers/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the judged set of needs', () => {
  it('when it is read, then it holds at least 40 needs of every industry of the review, in both languages, short and long', () => {
    const needs = loadJudgedNeeds();
    expect(needs.length).toBeGreaterThanOrEqual(40);
    const industries = new Set(needs.map((n) => n.industry));
    for (const industry of ['coal-chemistry', 'power-equipment', 'cotton', 'seed-industry', 'livestock', 'biosafety', 'food-processing', 'chemical-materials', 'silicon-materials', 'digital']) {
      expect(industries, industry).toContain(industry);
    }
    for (const lang of ['zh', 'en']) expect(needs.filter((n) => n.lang === lang).length).toBeGreaterThanOrEqual(10);
    for (const length of ['short', 'long']) expect(needs.filter((n) => n.length === length).length).toBeGreaterThanOrEqual(10);
    const refs = needs.flatMap((n) => Object.keys(n.relevant));
    for (const ref of refs) {
      const [collection, id] = ref.split(':');
      expect(t.ctx.listings.get(collection!, Number(id)), ref).toBeDefined();
    }
  });

  it('when a ranking puts the best partners first, then its nDCG@5 is 1, and 0 with none of them', () => {
    expect(ndcgAt(['a', 'b'], { a: 2, b: 1 })).toBe(1);
    expect(ndcgAt(['b', 'a'], { a: 2, b: 1 })).toBeLessThan(1);
    expect(ndcgAt(['x', 'y'], { a: 2 })).toBe(0);
  });

  it('when every judged need is shortlisted, then success@5 holds its floor of 90% and nDCG@5 of 0.75', async () => {
    const report = await evaluateMatch(t.ctx.needs.shortlists);
    const misses = report.results.filter((r) => !r.success).map((r) => r.id);
    expect(report.successAt5, `needs with no recommended partner in the first five: ${misses.join(', ')}`).toBeGreaterThanOrEqual(0.9);
    expect(report.ndcgAt5).toBeGreaterThanOrEqual(0.75);
    expect(report.groups['lang:en']!.successAt5).toBeGreaterThanOrEqual(0.85);
  });
});
