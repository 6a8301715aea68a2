/** Meilisearch configured but down (a closed port): writes succeed, searches answer from SQLite, jobs wait. */
import { createServer } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { platform } from '../search/support/stack.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('when Meilisearch is configured but unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SEED: 'off', MEILI_HOST: `http://127.0.0.1:${await closedPort()}` });
  });
  afterAll(() => t.close());

  it('then writes succeed, searches answer from the embedded engine and say so, and /healthz shows the waiting jobs', async () => {
    const created = t.ctx.listings.create('platforms', platform('甜菜制糖研究中心', { nameEn: 'Sugar Beet Centre' }), { actor: 'test' });
    t.ctx.listings.update('platforms', created.id, platform('甜菜制糖研究中心', { nameEn: 'Sugar Beet Research Centre' }), { actor: 'test' });

    const search = await request(t.app).get('/api/search').query({ q: '甜菜' });
    expect(search.status).toBe(200);
    expect(search.body).toMatchObject({ engine: 'sqlite', total: 1 });
    expect(search.body.hits[0].nameEn).toBe('Sugar Beet Research Centre');

    const health = await request(t.app).get('/healthz');
    expect(health.body).toEqual({ status: 'ok', engine: 'sqlite', pendingIndexJobs: 2 });
    await expect.poll(() => t.ctx.search.health().lastError, { timeout: 10_000 }).toMatch(/has failed/);
  });

  it('then a reindex rebuilds the embedded index and reports why Meilisearch was not rebuilt', async () => {
    const result = await t.ctx.search.reindex();
    expect(result.indexed).toBe(1);
    expect(result.remoteError).toEqual(expect.any(String));
    expect((await request(t.app).get('/api/search').query({ q: 'beet' })).body.total).toBe(1);
  });
});
