import { afterEach, describe, expect, it } from 'vitest';
import { closeOnly, createSearchStack, platform, type SearchStack } from './support/stack.js';
import { TestEngine } from './support/test-engine.js';

const by = { actor: 'test' };
const stacks: SearchStack[] = [];
function open(engine: TestEngine, watchMs = 60_000): SearchStack {
  const stack = createSearchStack({ remote: engine, remoteOptions: { watchMs, slowRetryMs: 100, log: () => undefined } });
  stacks.push(stack);
  return stack;
}
afterEach(async () => {
  for (const stack of stacks.splice(0)) await stack.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `condition` holds (checked every 10 ms), failing after 5 s. */
async function until(condition: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !condition(); await sleep(10)) if (Date.now() > end) throw new Error('the condition never held');
}

/** Every search answered while `during` runs, by engine and total. */
async function searchesDuring(stack: SearchStack, during: Promise<unknown>): Promise<{ engine: string; total: number }[]> {
  const seen: { engine: string; total: number }[] = [];
  let done = false;
  void during.finally(() => (done = true));
  while (!done) {
    const r = await stack.find({});
    seen.push({ engine: r.engine, total: r.total });
    await sleep(5);
  }
  return seen;
}

describe('the remote index recovering', () => {
  it('when a write re-creates the deleted index without settings, then no search is answered from it and it is rebuilt', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    for (const name of ['准东煤化工研究中心', '昌吉棉花育种实验室', '阜康葡萄酒研究所']) stack.listings.create('platforms', platform(name), by);
    await stack.settle();
    const rebuilds = engine.rebuilds;
    engine.loseIndex();
    stack.listings.create('platforms', platform('天山理工大学'), by);
    const seen = await searchesDuring(stack, stack.settle());
    expect(seen.filter((s) => s.engine === 'meilisearch' && s.total !== 4)).toEqual([]);
    expect(engine.rebuilds).toBe(rebuilds + 1);
    expect(engine.docs.size).toBe(4);
    expect(engine.mismatched).toEqual([]);
    expect((await stack.find({})).engine).toBe('meilisearch');
  });

  it('when the server restarts with an empty data folder, then the watch finds the index gone and it is rebuilt', async () => {
    const engine = new TestEngine();
    const stack = open(engine, 30);
    stack.listings.create('platforms', platform('准东煤化工研究中心'), by);
    await stack.settle();
    engine.loseIndex();
    await until(() => engine.rebuilds === 2);
    await stack.settle();
    expect(engine.docs.size).toBe(1);
  });

  it('when the index at start lacks a setting, then it is rebuilt; when it is current, then it is kept', async () => {
    const engine = new TestEngine();
    const first = open(engine);
    first.listings.create('platforms', platform('准东煤化工研究中心'), by);
    await first.settle();
    await closeOnly(first);
    stacks.splice(0);
    const again = first.reopen({ remote: engine });
    await again.settle();
    expect(engine.rebuilds).toBe(1);
    await closeOnly(again);
    engine.mismatched = ['rankingRules'];
    const third = first.reopen({ remote: engine });
    await third.settle();
    expect(engine.rebuilds).toBe(2);
    expect(engine.mismatched).toEqual([]);
    await third.close();
  });

  it('when one search fails but the health check passes, then the engine stays in use', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    stack.listings.create('platforms', platform('准东煤化工研究中心'), by);
    await stack.settle();
    const connects = engine.connects;
    engine.searchesAnswer = false;
    expect((await stack.find({ q: '煤化工' })).engine).toBe('sqlite');
    engine.searchesAnswer = true;
    await until(() => engine.healthChecks === 1);
    expect((await stack.find({ q: '煤化工' })).engine).toBe('meilisearch');
    expect(engine.connects).toBe(connects);
  });

  it('when a query has more than 10 words, then the embedded engine answers it and the engine stays in use', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    stack.listings.create('platforms', platform('准东煤化工研究中心'), by);
    await stack.settle();
    const words = 'coal clean chemistry power energy cotton seed dairy wine logistics';
    expect((await stack.find({ q: words })).engine).toBe('meilisearch');
    const long = await stack.find({ q: `煤化工 ${words}` });
    expect(long.engine).toBe('sqlite');
    expect(stack.search.health()).toEqual({ engine: 'meilisearch', pendingIndexJobs: 0 });
  });

  it('when a listing is written during a rebuild, then the new index already holds it when it is swapped in', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    stack.listings.create('platforms', platform('准东煤化工研究中心'), by);
    await stack.settle();
    let created = 0;
    engine.duringRebuild = () => (created = stack.listings.create('platforms', platform('重建期间新增平台'), by).id);
    await stack.search.reindex();
    expect(engine.swappedIds.sort()).toEqual(['platforms-1', `platforms-${created}`]);
  });

  it('when flush waits during a rebuild, then it sleeps and lets timers run instead of spinning', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    stack.listings.create('platforms', platform('准东煤化工研究中心'), by);
    await stack.settle();
    // The rebuild ends on a timer: a flush that never yields would wait out its whole timeout and answer false.
    engine.duringRebuild = () => sleep(50);
    const rebuilt = stack.search.reindex();
    await sleep(5);
    const started = Date.now();
    expect(await stack.search.flush(2000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    await rebuilt;
  });
});
