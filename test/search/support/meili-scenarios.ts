/**
 * Rebuild and recovery scenarios that only a real Meilisearch server can answer (run when MEILI_HOST is set): a
 * write during a rebuild, two rebuilds at once, an index deleted from outside, a refused key, a refused settings
 * update, and an index gone as after a restart with an empty data folder.
 */
import { randomUUID } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { indexSettings, settingsMismatch } from '../../../search/meilisearch/meili-settings.js';
import type { RemoteIndexOptions } from '../../../search/meilisearch/remote-engine.js';
import { closeOnly, createSearchStack, names, platform, type SearchStack, type StackOptions } from './stack.js';

const by = { actor: 'test' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the server is and how to name a fresh index (the caller drops every index under its prefix). */
export interface MeiliTarget {
  host: string;
  apiKey?: string;
  newIndex: () => string;
}

/** Registers the scenarios against the server of `target`. */
export function meiliScenarios(target: MeiliTarget): void {
  // Made when a scenario runs: the describe block is collected even when the suite is skipped.
  let made: Meilisearch | null = null;
  const server = () => (made ??= new Meilisearch({ host: target.host, apiKey: target.apiKey }));
  const env = { MEILI_HOST: target.host, MEILI_API_KEY: target.apiKey ?? '' };
  const quick: RemoteIndexOptions = { slowRetryMs: 500, watchMs: 200, log: () => undefined };
  const open = (uid: string, over: StackOptions = {}) => createSearchStack({ env, meiliIndex: uid, remoteOptions: quick, ...over });
  const seed = (stack: SearchStack, n: number) => {
    for (let i = 0; i < n; i++) stack.listings.create('platforms', platform(`样本平台${i}`, { nameEn: `Sample platform ${i}` }), by);
  };
  const leftovers = async (uid: string) => (await server().getRawIndexes({ limit: 1000 })).results.map((i) => i.uid).filter((u) => u.startsWith(`${uid}_rebuild`));
  const mismatch = async (uid: string) => settingsMismatch(indexSettings(), (await server().index(uid).getSettings()) as Record<string, unknown>);
  const count = async (uid: string) => (await server().index(uid).getStats()).numberOfDocuments;
  const waitUntil = async (what: string, test: () => Promise<boolean>, ms = 20_000) => {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (await test().catch(() => false)) return;
    throw new Error(`timed out waiting until ${what}`);
  };

  describe('rebuilding and recovering on a real server', { timeout: 60_000 }, () => {
    it('when a listing is written during a rebuild, then it is in the live index afterwards and no temporary index remains', async () => {
      const uid = target.newIndex();
      const stack = open(uid);
      try {
        seed(stack, 30);
        await stack.settle();
        let written = false;
        const result = await stack.search.reindex((p) => {
          if (p.engine !== 'meilisearch' || written) return;
          written = true;
          stack.listings.create('platforms', platform('重建期间新增平台'), by);
        });
        expect(result.remoteError).toBeUndefined();
        await stack.settle();
        const found = await stack.find({ q: '重建期间' });
        expect(found.engine).toBe('meilisearch');
        expect(names(found)).toEqual(['重建期间新增平台']);
        expect(await count(uid)).toBe(31);
        expect(await leftovers(uid)).toEqual([]);
      } finally {
        await stack.close();
      }
    });

    it('when two processes rebuild at once, then the live index has its settings and every listing', async () => {
      const uid = target.newIndex();
      const first = open(uid);
      const second = first.reopen({ env, meiliIndex: uid, remoteOptions: quick });
      try {
        seed(first, 30);
        await first.settle();
        await second.settle();
        const results = await Promise.all([first.search.reindex(undefined, { wait: true }), second.search.reindex(undefined, { wait: true })]);
        expect(results.map((r) => r.remoteError)).toEqual([undefined, undefined]);
        expect(await mismatch(uid)).toEqual([]);
        expect(await count(uid)).toBe(30);
        expect(await leftovers(uid)).toEqual([]);
      } finally {
        await closeOnly(second);
        await first.close();
      }
    });

    it('when the index is deleted from outside and a write re-creates it, then no partial answer is served and it is rebuilt', async () => {
      const uid = target.newIndex();
      const stack = open(uid);
      try {
        seed(stack, 30);
        await stack.settle();
        await server().deleteIndex(uid).waitTask();
        stack.listings.create('platforms', platform('删除后新增平台'), by);
        const answers: { engine: string; total: number }[] = [];
        let settled = false;
        const settling = stack.settle().finally(() => (settled = true));
        while (!settled) {
          const r = await stack.find({ q: '平台' });
          answers.push({ engine: r.engine, total: r.total });
          await sleep(20);
        }
        await settling;
        expect(answers.filter((a) => a.engine === 'meilisearch' && a.total !== 31)).toEqual([]);
        expect(await stack.find({ q: '平台' })).toMatchObject({ engine: 'meilisearch', total: 31 });
        expect(await mismatch(uid)).toEqual([]);
      } finally {
        await stack.close();
      }
    });

    it('when the key is refused, then the embedded engine answers and the right key recovers at the next retry', async () => {
      const uid = target.newIndex();
      const keyUid = randomUUID();
      // A key's value derives from its uid: deleted, it is refused; created again with that uid, it works again.
      const { key } = await server().createKey({ uid: keyUid, actions: ['*'], indexes: ['*'], expiresAt: null });
      await server().deleteKey(keyUid);
      const stack = open(uid, { env: { ...env, MEILI_API_KEY: key } });
      try {
        seed(stack, 3);
        await sleep(300);
        expect(stack.search.health()).toMatchObject({ engine: 'sqlite', lastError: expect.stringMatching(/API key/i) });
        expect((await stack.find({ q: '样本' })).engine).toBe('sqlite');
        await server().createKey({ uid: keyUid, actions: ['*'], indexes: ['*'], expiresAt: null });
        await stack.settle();
        expect((await stack.find({ q: '样本' })).engine).toBe('meilisearch');
      } finally {
        await stack.close();
        await server().deleteKey(keyUid).catch(() => undefined);
      }
    });

    it('when the settings update is refused at start, then searches answer from the embedded engine until a retry succeeds', async () => {
      const uid = target.newIndex();
      const keyUid = randomUUID();
      const allBut = ['search', 'documents.add', 'documents.get', 'documents.delete', 'indexes.create', 'indexes.get', 'indexes.update', 'indexes.delete', 'indexes.swap', 'tasks.get', 'settings.get', 'stats.get', 'version'];
      const { key } = await server().createKey({ uid: keyUid, actions: allBut, indexes: ['*'], expiresAt: null });
      const stack = open(uid, { env: { ...env, MEILI_API_KEY: key } });
      try {
        seed(stack, 3);
        await waitUntil('the settings update is refused', async () => /refused/.test(stack.search.health().lastError ?? ''));
        expect((await stack.find({ q: '样本' })).engine).toBe('sqlite');
        await server().deleteKey(keyUid);
        await server().createKey({ uid: keyUid, actions: ['*'], indexes: ['*'], expiresAt: null });
        await stack.settle();
        expect((await stack.find({ q: '样本' })).engine).toBe('meilisearch');
        expect(await mismatch(uid)).toEqual([]);
      } finally {
        await stack.close();
        await server().deleteKey(keyUid).catch(() => undefined);
      }
    });

    it('when the index is gone as after a restart with an empty data folder, then it is rebuilt without a search noticing', async () => {
      const uid = target.newIndex();
      const stack = open(uid);
      try {
        seed(stack, 5);
        await stack.settle();
        await server().deleteIndex(uid).waitTask();
        await waitUntil('the index is back with every listing', async () => (await count(uid)) === 5);
        await stack.settle();
        expect(await mismatch(uid)).toEqual([]);
        expect((await stack.find({ q: '样本' })).engine).toBe('meilisearch');
      } finally {
        await stack.close();
      }
    });
  });
}
