/**
 * How the search service connects to Meilisearch, refuses it, retries and recovers, seen through the requests it
 * sends to answers scripted with undici's MockAgent. A check of this code, not of Meilisearch (the contract suite
 * runs the same situations against a real server when MEILI_HOST is set).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MeilisearchEngine } from '../../search/meilisearch/meilisearch.js';
import { ListingIndexer } from '../../search/core/indexer.js';
import { RemoteIndex } from '../../search/meilisearch/remote-index.js';
import { SearchMeta } from '../../search/core/search-meta.js';
import { MeiliScript, SCRIPT_HOST } from './support/meili-script.js';
import { createSearchStack, platform, type SearchStack } from './support/stack.js';

let script: MeiliScript;
let stack: SearchStack | null = null;
const lines: string[] = [];
beforeEach(() => {
  script = new MeiliScript();
  lines.length = 0;
});
afterEach(async () => {
  await stack?.close();
  stack = null;
  await script.close();
});

const SLOW_RETRY_MS = 400;

function open(): SearchStack {
  stack = createSearchStack({
    env: { MEILI_HOST: SCRIPT_HOST },
    remoteOptions: { slowRetryMs: SLOW_RETRY_MS, watchMs: 60_000, log: (line) => lines.push(line) },
  });
  stack.listings.create('platforms', platform('准东煤化工研究中心'), { actor: 'test' });
  return stack;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `condition` holds (checked every 10 ms), failing after 5 s. */
async function until(condition: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !condition(); await sleep(10)) if (Date.now() > end) throw new Error('the condition never held');
}
const versionChecks = () => script.sent('GET', /^\/version$/);

describe('connecting and recovering (requests intercepted: a check of this code, not of Meilisearch)', () => {
  it('when the server is too old, then the embedded engine answers, one line says why, and a slow retry follows', async () => {
    script.version = '1.17.2';
    const s = open();
    await until(() => s.search.health().lastError !== undefined);
    expect((await s.find({ q: '煤化工' })).engine).toBe('sqlite');
    expect(s.search.health().lastError).toMatch(/^Meilisearch 1\.17\.2 at http:\/\/meili\.test:7700 is older than 1\.18\.0/);
    expect(lines).toEqual([`Meilisearch not used: ${s.search.health().lastError}`]);
    expect(versionChecks()).toHaveLength(1);
    script.version = '1.18.0';
    await s.settle();
    const [first, second] = versionChecks();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(SLOW_RETRY_MS - 10);
    expect((await s.find({ q: '煤化工' })).engine).toBe('meilisearch');
  });

  it('when the key is refused (403), then a slow retry follows and the right key recovers', async () => {
    let refused = true;
    script.on('GET', /.*/, () => (refused ? { status: 403, body: { message: 'The provided API key is invalid.', code: 'invalid_api_key', type: 'auth', link: '' } } : undefined));
    const s = open();
    await until(() => s.search.health().lastError !== undefined);
    expect(s.search.health()).toMatchObject({ engine: 'sqlite', lastError: expect.stringContaining('The provided API key is invalid') });
    refused = false;
    await s.settle();
    expect((await s.find({ q: '煤化工' })).engine).toBe('meilisearch');
    expect(script.count('listings')).toBe(1);
  });

  it('when the key is revoked while running, then the engine is left at once and a slow retry brings it back', async () => {
    const s = open();
    await s.settle();
    let refused = true;
    script.on('POST', /.*/, () => (refused ? { status: 403, body: { message: 'The provided API key is invalid.', code: 'invalid_api_key', type: 'auth', link: '' } } : undefined));
    expect((await s.find({ q: '煤化工' })).engine).toBe('sqlite');
    expect(s.search.health()).toMatchObject({ engine: 'sqlite', lastError: expect.stringContaining('The provided API key is invalid') });
    expect(lines.at(-1)).toBe(`Meilisearch not used: ${s.search.health().lastError}`);
    refused = false;
    await s.settle();
    expect((await s.find({ q: '煤化工' })).engine).toBe('meilisearch');
  });

  it('when the settings task fails at start, then it is retried and recovers', async () => {
    script.taskScripts.set('settingsUpdate', { fail: { code: 'internal', message: 'an internal error occurred' } });
    const s = open();
    await until(() => s.search.health().lastError !== undefined);
    expect(s.search.health().lastError).toMatch(/\(settingsUpdate\) failed: an internal error occurred/);
    expect(script.sent('POST', /^\/swap-indexes$/)).toEqual([]);
    script.taskScripts.delete('settingsUpdate');
    await s.settle();
    expect((await s.find({ q: '煤化工' })).engine).toBe('meilisearch');
  });

  it('when the index is deleted from outside, then searches answer from the embedded engine until it is rebuilt', async () => {
    const s = open();
    await s.settle();
    script.indexes.delete('listings');
    expect((await s.find({ q: '煤化工' })).engine).toBe('sqlite');
    expect(s.search.health().engine).toBe('sqlite');
    await s.settle();
    expect((await s.find({ q: '煤化工' })).engine).toBe('meilisearch');
    expect(script.sent('POST', /^\/swap-indexes$/)).toHaveLength(2);
    expect(script.count('listings')).toBe(1);
  });

  it('when a write re-creates the deleted index without settings, then no search goes to it and it is rebuilt', async () => {
    const s = open();
    await s.settle();
    script.indexes.delete('listings');
    s.listings.create('platforms', platform('删除后新增平台'), { actor: 'test' });
    const searchesBefore = script.sent('POST', /^\/multi-search$/).length;
    let settled = false;
    const settling = s.settle().finally(() => (settled = true));
    while (!settled) {
      const recreated = script.indexes.get('listings');
      // While the index the write re-created lacks its settings, every search answers from the embedded engine.
      if (recreated && !recreated.settings.filterableAttributes) expect((await s.find({ q: '平台' })).engine).toBe('sqlite');
      await sleep(5);
    }
    await settling;
    expect(script.sent('POST', /^\/multi-search$/)).toHaveLength(searchesBefore);
    expect(script.sent('POST', /^\/swap-indexes$/).map((r) => (r.body as { rename: boolean }[])[0]!.rename)).toEqual([true, false]);
    expect(script.indexes.get('listings')!.settings.filterableAttributes).toEqual(expect.arrayContaining(['county', 'fields']));
    expect(script.count('listings')).toBe(2);
  });

  it('when one search answers 503 but the health check passes, then the server stays in use without connecting again', async () => {
    const s = open();
    await s.settle();
    const checks = versionChecks().length;
    let failing = true;
    script.on('POST', /^\/multi-search$/, () => (failing ? { status: 503, body: { message: 'busy', code: 'internal', type: 'internal', link: '' } } : undefined));
    expect((await s.find({ q: '煤化工' })).engine).toBe('sqlite');
    failing = false;
    await until(() => script.sent('GET', /^\/health$/).length === 1);
    expect((await s.find({ q: '煤化工' })).engine).toBe('meilisearch');
    expect(versionChecks()).toHaveLength(checks);
  });

  it('when a search fails and so does the health check, then the server is marked down and connected again', async () => {
    const s = open();
    await s.settle();
    const checks = versionChecks().length;
    let failing = true;
    const busy = () => (failing ? { status: 503, body: { message: 'busy', code: 'internal', type: 'internal', link: '' } } : undefined);
    script.on('POST', /^\/multi-search$/, busy).on('GET', /^\/health$/, busy);
    expect((await s.find({ q: '煤化工' })).engine).toBe('sqlite');
    await until(() => s.search.health().engine === 'sqlite');
    failing = false;
    await s.settle();
    expect(versionChecks().length).toBeGreaterThan(checks);
    expect((await s.find({ q: '煤化工' })).engine).toBe('meilisearch');
  });

  it('when the settings are refreshed (staff changed a synonym), then the live index gets the complete settings with it', async () => {
    const s = createSearchStack();
    stack = s;
    let synonyms: Record<string, string[]> = {};
    const engine = new MeilisearchEngine({ host: SCRIPT_HOST, indexUid: 'listings', settings: () => ({ synonyms }) });
    const remote = new RemoteIndex({ engine, db: s.db, indexer: new ListingIndexer(s.db, s.listings), meta: new SearchMeta(s.db) }, { log: () => undefined });
    try {
      remote.start();
      expect(await remote.flush(5000)).toBe(true);
      expect(script.sent('PATCH', /^\/indexes\/listings\/settings$/)).toEqual([]);
      synonyms = { 院士站: ['院士专家工作站'] };
      await remote.refreshSettings();
      const [patch] = script.sent('PATCH', /^\/indexes\/listings\/settings$/);
      expect(patch!.body).toMatchObject({ synonyms: { 院士站: ['院士专家工作站'] }, typoTolerance: { minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } } });
      expect(await engine.settingsMismatch()).toEqual([]);
    } finally {
      await remote.close();
    }
  });
});
