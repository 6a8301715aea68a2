import { afterEach, describe, expect, it } from 'vitest';
import { SqliteFtsEngine } from '../../search/embedded/sqlite-engine.js';
import { ReindexRunningError } from '../../search/search-service.js';
import { inTransaction } from '../../server/db/connection.js';
import { closeOnly, createSearchStack, institution, names, platform, type SearchStack } from './support/stack.js';

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

  it('when listings change after searches kept their match sets, then the next searches see the change, here and from another connection', async () => {
    const stack = open();
    const tomato = stack.listings.create('platforms', platform('番茄育种研究中心', { nameEn: 'Tomato Breeding Centre' }), by);
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    // A phrase, a one-character prefix, a word being typed and pinyin: match sets kept between searches.
    const queries = [{ q: '番茄育种' }, { q: '番' }, { q: 'tomat' }, { q: 'fanqie' }];
    for (const query of queries) expect(names(await stack.find(query))).toEqual(['番茄育种研究中心']);
    const renamed = stack.listings.update('platforms', tomato.id, platform('甜菜育种中心', { nameEn: 'Sugar Beet Breeding Centre' }), { ...by, version: tomato.version });
    for (const query of queries) expect(names(await stack.find(query))).not.toContain('番茄育种研究中心');
    // The place the archived listing held in memory goes to the next one: an old match must not point at it.
    stack.listings.archive('platforms', renamed.id, by);
    const other = stack.reopen();
    try {
      const created = other.listings.create('platforms', platform('番茄育种工程技术研究中心', { nameEn: 'Tomato Breeding Engineering Centre' }), by);
      for (const query of queries) expect(names(await stack.find(query))).toEqual(['番茄育种工程技术研究中心']);
      other.listings.archive('platforms', created.id, by);
      for (const query of queries) expect(names(await stack.find(query))).not.toContain('番茄育种工程技术研究中心');
      expect(names(await stack.find({ q: '甜菜' }))).toEqual(['甜菜研究中心']);
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

  it('when several names hold the query, then the shortest name comes first, and matches outside names follow in the browse order', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('乙研究中心', { summary: '棉花育种' }), by);
    stack.listings.create('platforms', platform('昌吉棉花品种改良工程技术研究中心'), by);
    stack.listings.create('platforms', platform('甲研究中心', { summary: '棉花育种' }), by);
    stack.listings.create('platforms', platform('棉花研究中心'), by);
    stack.listings.create('platforms', platform('丙棉花中心'), by);
    // Names by length (5, 6, 15 characters); then 甲 jia before 乙 yi, the browse order by pinyin.
    expect(names(await stack.find({ q: '棉花' }))).toEqual(['丙棉花中心', '棉花研究中心', '昌吉棉花品种改良工程技术研究中心', '甲研究中心', '乙研究中心']);
  });

  it('when Chinese words are in a name, a host and summaries, then the name ranks first, the words side by side before the words apart', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('丙中心', { summary: '从事棉花育种' }), by);
    stack.listings.create('platforms', platform('棉花丁育种中心', { summary: '棉花育种' }), by);
    stack.listings.create('platforms', platform('乙研究中心', { host: '棉花育种公司' }), by);
    stack.listings.create('platforms', platform('甲棉花育种中心'), by);
    // Typed without a space or with one, the words are the same: both in the name first, side by side before apart;
    // then in the host; then in a summary.
    expect(names(await stack.find({ q: '棉花育种' }))).toEqual(['甲棉花育种中心', '棉花丁育种中心', '乙研究中心', '丙中心']);
    expect(names(await stack.find({ q: '棉花 育种' }))).toEqual(['甲棉花育种中心', '棉花丁育种中心', '乙研究中心', '丙中心']);
  });

  it('when the query is English, then closeness is the length of the English name', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('棉花研究中心', { nameEn: 'Changji Prefecture Cotton Breeding Research Centre' }), by);
    stack.listings.create('platforms', platform('昌吉棉花品种改良工程技术研究中心', { nameEn: 'Cotton Centre' }), by);
    expect(names(await stack.find({ q: 'cotton' }))).toEqual(['昌吉棉花品种改良工程技术研究中心', '棉花研究中心']);
  });

  it('when a query matches only by pinyin, then the shortest Chinese name comes first', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('棉花品种改良工程技术研究中心'), by);
    stack.listings.create('platforms', platform('棉花中心'), by);
    expect(names(await stack.find({ q: 'mianhua' }))).toEqual(['棉花中心', '棉花品种改良工程技术研究中心']);
  });

  it('when a listing carries a very large id (restored from another system), then it is found, and so are the others', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    const value = stack.listings.validate('platforms', platform('番茄研究中心'));
    if (!value.ok) throw new Error('the test listing is invalid');
    inTransaction(stack.db, () => stack.listings.insertValid('platforms', value.value, 'test', 'staff', 900_000_000));
    const after = stack.listings.create('platforms', platform('辣椒研究中心'), by);
    expect(after.id).toBe(900_000_001);
    const found = await stack.find({ q: '研究中心' });
    expect(names(found).sort()).toEqual(['番茄研究中心', '甜菜研究中心', '辣椒研究中心'].sort());
    expect(found.hits.map((h) => h.url)).toContain('/platforms/900000000');
    stack.listings.archive('platforms', 900_000_000, by);
    expect(names(await stack.find({ q: '研究中心' })).sort()).toEqual(['甜菜研究中心', '辣椒研究中心'].sort());
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

  it('when listings change while the index is rebuilt, then the rebuilt index holds every change', async () => {
    const stack = open();
    const renamed = stack.listings.create('platforms', platform('甜菜研究中心'), by);
    const archived = stack.listings.create('platforms', platform('番茄研究中心'), by);
    stack.listings.create('institutions', institution('昌吉学院'), by);
    let batches = 0;
    await stack.search.reindex(() => {
      // After the platforms are written into the new index, and before it replaces the live one.
      if (++batches !== 1) return;
      stack.listings.update('platforms', renamed.id, platform('甜瓜研究中心'), by);
      stack.listings.archive('platforms', archived.id, by);
      stack.listings.create('platforms', platform('辣椒研究中心'), by);
    });
    expect(batches).toBeGreaterThan(1);
    expect(names(await stack.find({ q: '研究中心' })).sort()).toEqual(['甜瓜研究中心', '辣椒研究中心'].sort());
    expect((await stack.find({ q: '甜菜' })).total).toBe(0);
    expect(await stack.search.counts()).toMatchObject({ listings: 3, sqlite: 3 });
    await stack.search.reindex();
    expect(names(await stack.find({ q: '研究中心' })).sort()).toEqual(['甜瓜研究中心', '辣椒研究中心'].sort());
    const other = stack.reopen();
    try {
      expect(names(await other.find({ q: '甜瓜' }))).toEqual(['甜瓜研究中心']);
    } finally {
      await closeOnly(other);
    }
  });

  it('when a reindex is already running, then another one is refused as running', async () => {
    const stack = open();
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    const first = stack.search.reindex();
    await expect(stack.search.reindex()).rejects.toBeInstanceOf(ReindexRunningError);
    await first;
  });
});
