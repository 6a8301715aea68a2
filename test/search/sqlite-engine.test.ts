import { afterEach, describe, expect, it } from 'vitest';
import { queryTerms } from '../../search/analysis.js';
import { SqliteFtsEngine } from '../../search/engines/sqlite-fts.js';
import { closeOnly, createSearchStack, names, platform, type SearchStack } from './support/stack.js';

const by = { actor: 'test' };
const stacks: SearchStack[] = [];
function open(): SearchStack {
  const stack = createSearchStack();
  stacks.push(stack);
  return stack;
}
afterEach(async () => {
  for (const stack of stacks.splice(0)) await stack.close();
});

describe('the embedded index', () => {
  it('when the service restarts, then the index is still there and is not rebuilt', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    const again = stack.reopen();
    try {
      const rebuiltRows = again.db.prepare('SELECT count(*) FROM search_changes').pluck().get();
      expect(names(await again.find({ q: '甜菜' }))).toEqual(['甜菜研究中心']);
      expect(again.db.prepare('SELECT count(*) FROM search_changes').pluck().get()).toBe(rebuiltRows);
    } finally {
      await closeOnly(again);
    }
  });

  it('when another connection changes listings, then the next search here sees the change', async () => {
    const stack = open();
    await stack.find({});
    const other = stack.reopen();
    try {
      const created = other.listings.create('platforms', platform('番茄研究中心'), by);
      expect(names(await stack.find({ q: '番茄' }))).toEqual(['番茄研究中心']);
      other.listings.archive('platforms', created.id, by);
      expect((await stack.find({ q: '番茄' })).total).toBe(0);
      expect((await stack.find({})).total).toBe(0);
    } finally {
      await closeOnly(other);
    }
  });

  it('when the index drifted from the listings, then a reindex repairs it and the counts agree', async () => {
    const stack = open();
    const kept = stack.listings.create('platforms', platform('甜菜研究中心'), by);
    const removed = stack.listings.create('platforms', platform('番茄研究中心'), by);
    // Changes behind the service's back: a row deleted and a name changed without the index knowing.
    stack.db.prepare('DELETE FROM platforms WHERE id = ?').run(removed.id);
    stack.db.prepare("UPDATE platforms SET name = '棉花研究中心' WHERE id = ?").run(kept.id);
    expect((await stack.find({ q: '番茄' })).total).toBe(1);
    const progress: number[] = [];
    expect(await stack.search.reindex((p) => progress.push(p.done))).toEqual({ indexed: 1 });
    expect(progress).toEqual([1]);
    expect((await stack.find({ q: '番茄' })).total).toBe(0);
    expect(names(await stack.find({ q: '棉花' }))).toEqual(['棉花研究中心']);
    expect(await stack.search.counts()).toEqual({ listings: 1, sqlite: 1 });
  });

  it('when documents are built by a newer version, then the next start rebuilds the index', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    stack.db.prepare("UPDATE search_meta SET value = '0' WHERE key = 'embedded.documentVersion'").run();
    stack.db.prepare('DELETE FROM search_docs').run();
    const again = stack.reopen();
    try {
      await again.settle();
      expect(names(await again.find({ q: '甜菜' }))).toEqual(['甜菜研究中心']);
      expect(again.db.prepare("SELECT value FROM search_meta WHERE key = 'embedded.documentVersion'").pluck().get()).not.toBe('0');
    } finally {
      await closeOnly(again);
    }
  });

  it('when a query matches more than the rank limit, then name matches come first, each part in the browse order', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('乙研究中心', { summaryEn: 'cotton' }), by);
    stack.listings.create('platforms', platform('丙棉花中心', { nameEn: 'Cotton Centre B' }), by);
    stack.listings.create('platforms', platform('甲研究中心', { summaryEn: 'cotton' }), by);
    stack.listings.create('platforms', platform('丁棉花中心', { nameEn: 'Cotton Centre D' }), by);
    const engine = new SqliteFtsEngine(stack.db, { rankLimit: 2 });
    const result = await engine.search({ terms: queryTerms('cotton'), filters: {}, available: false, sort: 'relevance', lang: 'zh', offset: 0, limit: 10 });
    expect(result.total).toBe(4);
    // 丙 bing, 丁 ding by name; then 甲 jia, 乙 yi.
    expect(result.keys.map((k) => k.listingId)).toEqual([2, 4, 3, 1]);
  });

  it('when the engine is cleared, then it holds and finds nothing, here and in another connection', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    const other = stack.reopen();
    try {
      expect((await other.find({ q: '甜菜' })).total).toBe(1);
      await new SqliteFtsEngine(stack.db).clear();
      expect(await new SqliteFtsEngine(stack.db).count()).toBe(0);
      expect((await other.find({ q: '甜菜' })).total).toBe(0);
      expect((await other.find({})).total).toBe(0);
    } finally {
      await closeOnly(other);
    }
  });

  it('when a reindex is already running, then another one is refused with 409', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    const first = stack.search.reindex();
    await expect(stack.search.reindex()).rejects.toMatchObject({ status: 409, code: 'reindex_running' });
    await first;
  });
});
