import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferFields } from '../../server/needs/need-fields.js';
import { needTerms } from '../../server/needs/need-terms.js';
import { mixCollections, type ShortlistEntry } from '../../server/needs/shortlist.js';
import { createTestApp, type TestApp } from '../helpers/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const texts = (text: string) => needTerms(text).map((term) => term.text);

describe('the words of a need', () => {
  it('when a need is written in Chinese, then the words every request holds are left out and the problem stays', () => {
    expect(texts('我们的煤化工废水含盐量高、含酚，需要合作伙伴建设中试处理线')).toEqual(['煤化工', '废水', '含盐量', '含酚', '中试', '处理']);
  });

  it('when a need is written in Traditional characters or in English, then it reads as Simplified and folded words', () => {
    expect(texts('我們需要棉花種子加工技術')).toEqual(['棉花', '种子', '加工']);
    expect(texts('We NEED a partner for Coal Tar processing')).toEqual(['coal', 'tar', 'processing']);
  });

  it('when jieba leaves a joining character on a word, then the word is searched without it', () => {
    expect(texts('二氧化碳捕集与利用')).toContain('捕集');
  });

  it('when a need names no field, then the fields its words name are inferred, in both languages', () => {
    expect(inferFields('奶牛胚胎移植', needTerms('奶牛胚胎移植'))).toEqual(['livestock']);
    expect(inferFields('coal tar processing', needTerms('coal tar processing'))).toEqual(['coal-chemistry']);
    expect(inferFields('量子计算', needTerms('量子计算'))).toEqual([]);
  });
});

function entry(collection: ShortlistEntry['collection'], id: number, score: number): ShortlistEntry {
  return { collection, id, name: '', nameEn: '', url: '', score, sample: true, fit: 'fair', reasons: { words: [], fields: [], sameCounty: false, standing: [], completed: 0 } };
}

describe('mixing collections', () => {
  it('when experts outscore everything, then platforms and institutions still get their share of the shortlist', () => {
    const entries = [...Array.from({ length: 20 }, (_, i) => entry('experts', i + 1, 10 - i * 0.1)), entry('platforms', 1, 3), entry('platforms', 2, 2.5), entry('institutions', 1, 1)];
    const mixed = mixCollections(entries, 12);
    expect(mixed).toHaveLength(12);
    expect(mixed.filter((e) => e.collection === 'experts').length).toBeLessThanOrEqual(9);
    expect(mixed.map((e) => `${e.collection}:${e.id}`)).toEqual(expect.arrayContaining(['platforms:1', 'platforms:2', 'institutions:1']));
  });

  it('when one collection alone has entries, then it fills the shortlist', () => {
    expect(mixCollections(Array.from({ length: 20 }, (_, i) => entry('experts', i + 1, 5)), 12)).toHaveLength(12);
  });
});

describe('the shortlist', () => {
  it('when a need holds only words every request holds, then the shortlist is empty', async () => {
    const shortlist = await t.ctx.needs.shortlists.build({ text: '我们需要一个合作伙伴', fields: [], county: null, collections: [] });
    expect(shortlist.terms).toEqual([]);
    expect(shortlist.entries).toEqual([]);
  });

  it('when a need is long, then its shortlist still answers at the seeded size in well under 300 ms', async () => {
    const text = '我们是一家位于准东的煤化工企业，主要产品是煤制烯烃，目前气化炉排渣和废水处理问题突出，含盐量高、含酚，'.repeat(8);
    await t.ctx.needs.shortlists.build({ text, fields: [], county: null, collections: [] });
    const took: number[] = [];
    for (let i = 0; i < 5; i++) took.push((await t.ctx.needs.shortlists.build({ text, fields: [], county: 'zhundong', collections: [] })).tookMs);
    expect(took.sort((a, b) => a - b)[2]).toBeLessThan(300);
  });

  it('when a listing that holds the need\'s words is archived, then it leaves the shortlist', async () => {
    const need = { text: '工业废水处理', fields: [] as string[], county: null, collections: [] };
    const before = await t.ctx.needs.shortlists.build(need);
    expect(before.entries.some((e) => e.collection === 'platforms' && e.id === 63)).toBe(true);
    t.ctx.listings.archive('platforms', 63, { actor: 'test' });
    const after = await t.ctx.needs.shortlists.build(need);
    expect(after.entries.some((e) => e.collection === 'platforms' && e.id === 63)).toBe(false);
  });
});
