import { afterEach, describe, expect, it } from 'vitest';
import { backoff } from '../../search/core/outbox.js';
import { closeOnly, createSearchStack, expert, institution, names, platform, type SearchStack } from './support/stack.js';
import { TestEngine } from './support/test-engine.js';

const by = { actor: 'test' };
const stacks: SearchStack[] = [];
function open(engine: TestEngine): SearchStack {
  const stack = createSearchStack({ remote: engine });
  stacks.push(stack);
  return stack;
}
afterEach(async () => {
  for (const stack of stacks.splice(0)) await stack.close();
});

function pendingJobs(stack: SearchStack): number {
  return stack.db.prepare('SELECT count(*) FROM index_jobs WHERE doneAt IS NULL').pluck().get() as number;
}

describe('the outbox of index jobs', () => {
  it('when the engine is unreachable, then writes succeed, jobs wait, and searches answer from the embedded engine', async () => {
    const engine = new TestEngine();
    engine.reachable = false;
    const stack = open(engine);
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    stack.listings.create('platforms', platform('番茄研究中心'), by);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stack.search.health()).toMatchObject({ engine: 'sqlite', pendingIndexJobs: 2, lastError: expect.stringContaining('ECONNREFUSED') });
    const result = await stack.find({ q: '甜菜' });
    expect(result.engine).toBe('sqlite');
    expect(names(result)).toEqual(['甜菜研究中心']);
    expect(engine.docs.size).toBe(0);
  });

  it('when the engine comes back, then the waiting jobs drain and searches go to it again', async () => {
    const engine = new TestEngine();
    engine.reachable = false;
    const stack = open(engine);
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    await new Promise((resolve) => setTimeout(resolve, 100));
    engine.reachable = true;
    await stack.settle();
    expect([...engine.docs.keys()]).toEqual(['platforms-1']);
    expect(stack.search.health()).toEqual({ engine: 'meilisearch', pendingIndexJobs: 0 });
    expect((await stack.find({})).engine).toBe('meilisearch');
  });

  it('when the process stops between the commit and the indexing, then the next start indexes the change', async () => {
    const engine = new TestEngine();
    engine.reachable = false;
    const first = open(engine);
    first.listings.create('platforms', platform('甜菜研究中心'), by);
    await closeOnly(first);
    const restartedEngine = new TestEngine();
    const second = first.reopen({ remote: restartedEngine });
    try {
      await second.settle();
      expect([...restartedEngine.docs.keys()]).toEqual(['platforms-1']);
    } finally {
      await closeOnly(second);
    }
  });

  it('when a change is rolled back, then neither its job nor its embedded document remains', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    await stack.settle();
    stack.listings.onChange((change) => {
      if (change.after?.name === '失败的平台') throw new Error('refused by a later listener');
    });
    expect(() => stack.listings.create('platforms', platform('失败的平台'), by)).toThrow('refused');
    expect(pendingJobs(stack)).toBe(0);
    expect((await stack.find({ q: '失败' })).total).toBe(0);
  });

  it('when an institution is renamed, then jobs re-index its experts too', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    const inst = stack.listings.create('institutions', institution('北庭理工学院'), by);
    const person = stack.listings.create('experts', expert('王立新', { affiliation: '北庭理工学院', institutionId: inst.id }), by);
    await stack.settle();
    stack.listings.update('institutions', inst.id, institution('天池理工大学'), by);
    await stack.settle();
    expect(engine.docs.get(`experts-${person.id}`)?.keywords).toContain('天池理工大学');
  });

  it('when the same listing is queued twice, then applying the jobs gives one current document', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    await stack.settle();
    const created = stack.listings.create('platforms', platform('甜菜研究中心'), by);
    stack.listings.update('platforms', created.id, platform('番茄研究中心'), by);
    await stack.settle();
    expect(engine.docs.size).toBe(1);
    expect(engine.docs.get('platforms-1')?.name).toBe('番茄研究中心');
  });

  it('when the engine refuses a document, then the job is kept with its error and retried', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    await stack.settle();
    engine.refusing = true;
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pendingJobs(stack)).toBe(1);
    expect(stack.search.health()).toMatchObject({ engine: 'sqlite', pendingIndexJobs: 1, lastError: expect.stringContaining('invalid document') });
    engine.refusing = false;
    await stack.settle();
    expect(engine.docs.has('platforms-1')).toBe(true);
  });

  it('when changes happen during a rebuild, then they are applied after the new index is in place', async () => {
    const engine = new TestEngine();
    const stack = open(engine);
    stack.listings.create('platforms', platform('甜菜研究中心'), by);
    await stack.settle();
    engine.duringRebuild = () => stack.listings.create('platforms', platform('番茄研究中心'), by);
    const result = await stack.search.reindex();
    await stack.settle();
    expect(result).toEqual({ indexed: 1 });
    expect(new Set([...engine.docs.values()].map((d) => d.name))).toEqual(new Set(['番茄研究中心', '甜菜研究中心']));
  });

  it('when retries back off, then the delay doubles up to a minute', () => {
    expect([1, 2, 3, 4].map(backoff)).toEqual([500, 1000, 2000, 4000]);
    expect(backoff(30)).toBe(60_000);
  });
});
