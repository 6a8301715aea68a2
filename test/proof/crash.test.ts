import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../seeds/generator/random.js';
import { COLLECTION_NAMES } from '../../server/collections/define.js';
import { loadConfig } from '../../server/core/config.js';
import { buildContext } from '../../server/context.js';
import { tempDir } from '../helpers/context.js';
import { getJson, runTs, startServerProcess, type Child } from './support/child-process.js';
import { parseAcks, type Ack } from './support/writer.js';

/** Kill points are random but the same on every run: a failure can be replayed. */
const rng = new Rng('crash-test:v1');
const ROUNDS = 3;

type Row = { collection: string; id: number; version: number; status: string; summaryEn: string; nameEn: string };
type Hit = { collection: string; id: number; version: number; nameEn: string };

const tmp = tempDir('cjd-crash-');
const dbPath = join(tmp.dir, 'directory.db');
const env = { DATABASE_PATH: dbPath };
const running = new Set<Child>();

afterAll(async () => {
  await Promise.all([...running].map((c) => c.stop('SIGKILL')));
  tmp.remove();
});

/** Keeps the server busy answering searches until it dies. */
async function searchUntilDead(baseUrl: string): Promise<void> {
  for (let i = 0; i < 10_000; i++) {
    try {
      await fetch(`${baseUrl}/api/search?q=crash&perPage=5`, { signal: AbortSignal.timeout(2000) });
    } catch {
      return;
    }
  }
}

/** One round: the server serves and a writer writes; both are killed with SIGKILL at seeded random points. */
async function crashRound(round: number): Promise<Ack[]> {
  const writer = runTs('test/proof/support/writer.ts', ['--tag', `r${round}`, '--seed', String(round), '--count', '20000'], env);
  running.add(writer);
  const server = await startServerProcess(env);
  running.add(server);
  await writer.waitUntil((lines) => lines.length > 10, 'ten acknowledged writes');
  const busy = searchUntilDead(server.baseUrl);
  await sleep(rng.int(0, 800));
  const [first, second] = rng.chance(0.5) ? [writer, server] : [server, writer];
  await first.stop('SIGKILL');
  await sleep(rng.int(0, 300));
  await second.stop('SIGKILL');
  await busy;
  running.delete(server);
  running.delete(writer);
  return parseAcks(writer.lines);
}

function readRows(): Map<string, Row> {
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = new Map<string, Row>();
    for (const c of COLLECTION_NAMES) {
      const stmt = db.prepare(`SELECT '${c}' AS collection, id, version, status, summaryEn, nameEn FROM ${c} WHERE nameEn LIKE 'Crash probe%'`);
      for (const row of stmt.all() as Row[]) rows.set(`${c}/${row.id}`, row);
    }
    return rows;
  } finally {
    db.close();
  }
}

/** Every active listing the writers made, as the search API finds it (all pages). */
async function searchedProbes(baseUrl: string): Promise<Map<string, Hit>> {
  const found = new Map<string, Hit>();
  for (let page = 1; page <= 200; page++) {
    const res = await getJson<{ total: number; hits: Hit[] }>(baseUrl, `/api/search?q=crash&sort=name&perPage=100&page=${page}`);
    for (const hit of res.hits) if (hit.nameEn.startsWith('Crash probe')) found.set(`${hit.collection}/${hit.id}`, hit);
    if (page * 100 >= res.total) break;
  }
  return found;
}

describe('when the server and a writer are killed with SIGKILL in the middle of acknowledged writes', () => {
  it('then after a restart every acknowledged write is there, the database is intact and search agrees with it', async () => {
    const seeded = await buildContext(loadConfig({ ...env, SEED: 'auto' }));
    await seeded.close();
    const acks: Ack[] = [];
    for (let round = 1; round <= ROUNDS; round++) acks.push(...(await crashRound(round)));
    expect(acks.length, 'the writers acknowledged writes before being killed').toBeGreaterThan(ROUNDS * 20);

    const server = await startServerProcess(env);
    running.add(server);
    const rows = readRows();
    const last = new Map(acks.map((a) => [`${a.collection}/${a.id}`, a]));
    for (const [key, ack] of last) {
      const row = rows.get(key);
      expect(row, `acknowledged ${ack.op} of ${key} is lost`).toBeDefined();
      // One more write may have committed after the last acknowledged one, before its ack was printed.
      expect(row!.version - ack.version, `${key} version`).toBeGreaterThanOrEqual(0);
      expect(row!.version - ack.version, `${key} version`).toBeLessThanOrEqual(1);
      if (row!.version === ack.version) expect({ status: row!.status, summaryEn: row!.summaryEn }).toEqual({ status: ack.status, summaryEn: ack.summaryEn });
    }

    for (let i = 0; i < 100 && (await getJson<{ pendingIndexJobs: number }>(server.baseUrl, '/healthz')).pendingIndexJobs > 0; i++) await sleep(100);
    expect((await getJson<{ pendingIndexJobs: number }>(server.baseUrl, '/healthz')).pendingIndexJobs, 'index jobs left after 10 s').toBe(0);
    const hits = await searchedProbes(server.baseUrl);
    const active = [...rows].filter(([, r]) => r.status === 'active');
    expect([...hits.keys()].sort(), 'search finds exactly the active listings').toEqual(active.map(([k]) => k).sort());
    for (const [key, row] of active) expect(hits.get(key)!.version, `${key} is stale in search`).toBe(row.version);
  }, 90_000);
});
