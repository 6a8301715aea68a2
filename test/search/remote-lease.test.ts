import { afterEach, describe, expect, it } from 'vitest';
import { Lease } from '../../search/meilisearch/remote-lease.js';
import { closeOnly, createSearchStack, platform, type SearchStack } from './support/stack.js';
import { TestEngine } from './support/test-engine.js';

const by = { actor: 'test' };
const opened: SearchStack[] = [];
const reopened: SearchStack[] = [];
afterEach(async () => {
  for (const stack of reopened.splice(0)) await closeOnly(stack);
  for (const stack of opened.splice(0)) await stack.close();
});

/** Two search services on one database and one Meilisearch, as the server and `npm run reindex` are. */
async function twoProcesses(): Promise<{ server: SearchStack; cli: SearchStack; engine: TestEngine }> {
  const engine = new TestEngine();
  const server = createSearchStack({ remote: engine });
  opened.push(server);
  server.listings.create('platforms', platform('准东煤化工研究中心'), by);
  await server.settle();
  const cli = server.reopen({ remote: engine, remoteOptions: { lease: { pollMs: 20 } } });
  reopened.push(cli);
  await cli.settle();
  return { server, cli, engine };
}

describe('the rebuild lease', () => {
  it('when one process holds the lease, then another cannot take it until it is released', () => {
    const stack = createSearchStack();
    opened.push(stack);
    const a = new Lease(stack.db, 'meilisearch.rebuild');
    const b = new Lease(stack.db, 'meilisearch.rebuild');
    expect(a.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    expect(b.holder()?.owner).toBe(a.owner);
    a.release();
    expect(b.tryAcquire()).toBe(true);
    b.release();
  });

  it('when the holder dies without releasing, then the lease expires and another process takes it', async () => {
    const stack = createSearchStack();
    opened.push(stack);
    const dead = new Lease(stack.db, 'meilisearch.rebuild', { ttlMs: 60 });
    const next = new Lease(stack.db, 'meilisearch.rebuild', { ttlMs: 60 });
    expect(dead.tryAcquire(Date.now() - 1000)).toBe(true);
    expect(next.tryAcquire()).toBe(true);
    expect(dead.renew()).toBe(false);
    next.release();
    dead.release();
  });

  it('when another process is rebuilding, then the admin’s rebuild says so at once and the command line waits for it', async () => {
    const { server, cli, engine } = await twoProcesses();
    const told: string[] = [];
    let refused: unknown;
    let waited: Promise<unknown> = Promise.resolve();
    engine.duringRebuild = async () => {
      refused = (await cli.search.reindex(undefined, { wait: false })).remoteError;
      waited = cli.search.reindex(undefined, { wait: true, onWait: (line) => told.push(line) });
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const rebuilds = engine.rebuilds;
    await server.search.reindex();
    expect(refused).toMatch(/^another rebuild is running \(.+ pid \d+ \w+, since \d\d:\d\d:\d\d UTC\)$/);
    expect(told).toEqual([expect.stringMatching(/^waiting for another rebuild to finish \(.+ pid \d+/)]);
    expect(await waited).toEqual({ indexed: 1 });
    expect(engine.rebuilds).toBe(rebuilds + 1 + 1);
    expect([...engine.docs.keys()]).toEqual(['platforms-1']);
  });

  it('when the lease is taken from a rebuild before its swap, then the rebuild is abandoned and the live index kept', async () => {
    const engine = new TestEngine();
    const stack = createSearchStack({ remote: engine, remoteOptions: { lease: { ttlMs: 60_000 } } });
    opened.push(stack);
    stack.listings.create('platforms', platform('准东煤化工研究中心'), by);
    await stack.settle();
    const generation = engine.generation;
    const other = new Lease(stack.db, 'meilisearch.rebuild');
    engine.duringRebuild = () => {
      stack.db.prepare('DELETE FROM search_leases').run();
      expect(other.tryAcquire()).toBe(true);
    };
    const result = await stack.search.reindex();
    other.release();
    expect(result.remoteError).toMatch(/the rebuild lease expired and another process took it/);
    expect(engine.generation).toBe(generation);
  });
});
