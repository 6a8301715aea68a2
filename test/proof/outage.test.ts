import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../scripts/bench/admin-client.js';
import { syntheticInput } from '../../scripts/bench/synthetic.js';
import { Rng } from '../../seeds/generator/random.js';
import { tempDir } from '../helpers/context.js';
import { getJson, startServerProcess, type ServerChild } from './support/child-process.js';

/** The Meilisearch client's request timeout: a search must answer well within what a user waits. */
const CLIENT_TIMEOUT_MS = 2000;
const ADMIN = ['outage-admin', 'outage test password'] as const;

type Health = { status: string; engine: string; pendingIndexJobs: number };
type Answer = { total: number; engine: string; hits: { id: number; collection: string; nameEn: string }[] };

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<{ port: number; close(): Promise<void> }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return { port, close: async () => {} };
}

/** A port that accepts connections and never answers: every request hangs until the client gives up. */
async function silentPort(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function timedSearch(baseUrl: string, query: string): Promise<{ ms: number; answer: Answer }> {
  const started = performance.now();
  const answer = await getJson<Answer>(baseUrl, `/api/search?${query}`, CLIENT_TIMEOUT_MS * 2);
  return { ms: performance.now() - started, answer };
}

describe.each([
  ['a closed port', closedPort],
  ['a server that accepts and never answers', silentPort],
])('when MEILI_HOST points at %s', (_what, makePort) => {
  const tmp = tempDir('cjd-outage-');
  let meili: { port: number; close(): Promise<void> };
  let server: ServerChild;
  const created: { collection: string; id: number; word: string }[] = [];

  beforeAll(async () => {
    meili = await makePort();
    server = await startServerProcess({
      DATABASE_PATH: join(tmp.dir, 'directory.db'),
      MEILI_HOST: `http://127.0.0.1:${meili.port}`,
      ADMIN_USERNAME: ADMIN[0],
      ADMIN_PASSWORD: ADMIN[1],
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await meili?.close();
    tmp.remove();
  });

  it('then staff writes through the back office succeed, each within the client timeout', async () => {
    const admin = new AdminClient(server.baseUrl);
    await admin.signIn(...ADMIN);
    const rng = new Rng('outage');
    for (let n = 0; n < 6; n++) {
      const collection = (['platforms', 'experts', 'apartments'] as const)[n % 3] ?? 'platforms';
      const word = `outageprobe${n}x${meili.port}`;
      const started = performance.now();
      const id = await admin.create(collection, { ...syntheticInput(rng, collection, 9), nameEn: `Outage ${word}` });
      expect(performance.now() - started).toBeLessThan(CLIENT_TIMEOUT_MS);
      created.push({ collection, id, word });
    }
  }, 60_000);

  it('then searches answer from the embedded engine within the client timeout and find those writes', async () => {
    for (const query of ['q=煤炭', 'q=tbdg', 'collection=apartments&available=true', '']) {
      const { ms, answer } = await timedSearch(server.baseUrl, query);
      expect(answer.engine, query).toBe('sqlite');
      expect(answer.total, query).toBeGreaterThan(0);
      expect(ms, query).toBeLessThan(CLIENT_TIMEOUT_MS);
    }
    for (const { collection, id, word } of created) {
      const { ms, answer } = await timedSearch(server.baseUrl, `q=${word}`);
      expect(answer.hits.map((h) => `${h.collection}/${h.id}`)).toEqual([`${collection}/${id}`]);
      expect(ms).toBeLessThan(CLIENT_TIMEOUT_MS);
    }
  }, 60_000);

  it('then the index jobs wait in the outbox and health says so', async () => {
    const health = await getJson<Health>(server.baseUrl, '/healthz', CLIENT_TIMEOUT_MS);
    expect(health).toMatchObject({ status: 'ok', engine: 'sqlite' });
    expect(health.pendingIndexJobs).toBeGreaterThanOrEqual(created.length);
  });
});
