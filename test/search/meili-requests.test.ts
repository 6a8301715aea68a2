/**
 * The requests the Meilisearch engine sends and what it does with the answers, intercepted with undici's
 * MockAgent. These check this code, not Meilisearch: the contract suite runs against a real server (MEILI_HOST).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FACET_PARAMS } from '../../server/collections/facets.js';
import type { SearchDocument } from '../../search/core/documents.js';
import { EngineRejection, type DocumentSource, type EngineQuery } from '../../search/core/engine.js';
import { MeilisearchEngine, MeiliTaskError } from '../../search/meilisearch/meilisearch.js';
import { RANKING_RULES } from '../../search/meilisearch/meili-settings.js';
import { queryTerms } from '../../search/analysis/analysis.js';
import { IndexLost, QueryUnsupported, VersionRefused } from '../../search/meilisearch/remote-errors.js';
import { MeiliScript, SCRIPT_HOST } from './support/meili-script.js';

let script: MeiliScript;
beforeEach(() => {
  script = new MeiliScript();
});
afterEach(async () => {
  await script.close();
});

const engine = () => new MeilisearchEngine({ host: SCRIPT_HOST, indexUid: 'listings', taskTimeoutMs: 5000 });
const declared = () => engine().declaredSettings() as Record<string, unknown>;
const doc = (n: number) => ({ id: `platforms-${n}`, collection: 'platforms', listingId: n, name: '准东煤化工', facets: Object.fromEntries(FACET_PARAMS.map((p) => [p, []])) }) as unknown as SearchDocument;

function source(docs: SearchDocument[]): DocumentSource {
  return { total: docs.length, batches: () => [docs][Symbol.iterator](), current: () => ({ docs: [], deleteIds: [] }), cancelled: () => false };
}

/** A query whose terms are read for their kind and text only (what the requests are built from). */
const query = (q: string): EngineQuery => ({ terms: queryTerms(q) as EngineQuery['terms'], filters: {}, available: false, sort: 'relevance', lang: 'zh', offset: 0, limit: 20 });
const TEMP = /^\/indexes\/listings_rebuild_[0-9a-z]+$/;

describe('connecting (requests intercepted: a check of this code, not of Meilisearch)', () => {
  it('when the server is older than 1.18.0, then the connection is refused with one line naming both versions', async () => {
    script.version = '1.17.2';
    const refusal = await engine().connect().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(VersionRefused);
    expect((refusal as Error).message).toBe(
      'Meilisearch 1.17.2 at http://meili.test:7700 is older than 1.18.0, the oldest version supported; searches answer from the embedded engine',
    );
  });

  it('when the server is 1.18.0 or newer, then the connection is accepted', async () => {
    for (const version of ['1.18.0', '1.50.0', '2.0.0-rc.1']) {
      script.version = version;
      await expect(engine().connect(), version).resolves.toBeUndefined();
    }
  });
});

describe('settings (requests intercepted)', () => {
  it('when settings are sent, then the update is complete: every declared setting, and any other the server reports reset', async () => {
    script.addIndex('listings', { displayedAttributes: ['*'], foreignKeys: [], distinctAttribute: 'sku', synonyms: { a: ['b'] } });
    await engine().applySettings();
    const [patch] = script.sent('PATCH', /^\/indexes\/listings\/settings$/);
    const body = patch!.body as Record<string, unknown>;
    expect(body.foreignKeys).toBeNull();
    expect(body.distinctAttribute).toBeNull();
    expect(body.synonyms).toEqual({});
    expect(body.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['searchableAttributes', 'filterableAttributes', 'rankingRules', 'stopWords', 'dictionary', 'localizedAttributes', 'pagination', 'faceting']));
  });

  it('when ranking, then the rules follow the embedded engine: words, tier, typos, proximity, quality, closeness, browse order', () => {
    const at = (rule: string) => RANKING_RULES.indexOf(rule);
    const order = ['sort', 'words', 'attribute', 'typo', 'proximity', 'boost:asc', 'nameLength:asc', 'collectionOrder:asc', 'sortName:asc', 'listingId:asc'];
    expect(order.map(at)).toEqual(order.map((_, i) => i));
  });

  it('when the settings task fails, then the update is refused with the task’s own error', async () => {
    script.addIndex('listings', declared());
    script.taskScripts.set('settingsUpdate', { fail: { code: 'internal', message: 'an internal error occurred' } });
    const failure = await engine().applySettings().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MeiliTaskError);
    expect(failure).toBeInstanceOf(EngineRejection);
    expect((failure as Error).message).toMatch(/^Meilisearch task \d+ \(settingsUpdate\) failed: an internal error occurred$/);
  });

  it('when a task is still enqueued, then its status is asked again about 250 ms later, not sooner', async () => {
    script.addIndex('listings', declared());
    script.taskScripts.set('settingsUpdate', { pendingPolls: 1 });
    await engine().applySettings();
    const polls = script.sent('GET', /^\/tasks\/\d+$/).slice(-2);
    expect(polls[0]!.path).toBe(polls[1]!.path);
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(240);
  });
});

describe('rebuilding (requests intercepted)', () => {
  it('when the live index exists, then a new index of its own name is filled, checked, swapped in, and the old one dropped', async () => {
    script.addIndex('listings', declared(), 5);
    script.addIndex('listings_rebuild_left0', {});
    const written = await engine().rebuild(source([doc(1), doc(2), doc(3)]));
    expect(written).toBe(3);
    expect(script.sent('DELETE', /^\/indexes\/listings_rebuild_left0$/)).toHaveLength(1);
    const [created] = script.sent('POST', /^\/indexes$/);
    const temp = (created!.body as { uid: string }).uid;
    expect(`/indexes/${temp}`).toMatch(TEMP);
    const [added] = script.sent('POST', new RegExp(`^/indexes/${temp}/documents`));
    expect((added!.body as { nameLength: number }[]).map((d) => d.nameLength)).toEqual([5, 5, 5]);
    expect(script.sent('GET', new RegExp(`^/indexes/${temp}/stats$`))).toHaveLength(1);
    expect(script.sent('POST', /^\/swap-indexes$/).map((r) => r.body)).toEqual([[{ indexes: [temp, 'listings'], rename: false }]]);
    expect(script.sent('DELETE', new RegExp(`^/indexes/${temp}$`)).length).toBeGreaterThan(0);
    expect(script.count('listings')).toBe(3);
    expect([...script.indexes.keys()]).toEqual(['listings']);
  });

  it('when no live index exists, then the new index is renamed into place', async () => {
    await engine().rebuild(source([doc(1)]));
    const [swap] = script.sent('POST', /^\/swap-indexes$/);
    expect((swap!.body as { rename: boolean }[])[0]!.rename).toBe(true);
    expect([...script.indexes.keys()]).toEqual(['listings']);
  });

  it('when the new index holds fewer documents than were written, then nothing is swapped and it is dropped', async () => {
    script.addIndex('listings', declared(), 5);
    script.on('GET', /^\/indexes\/listings_rebuild_\w+\/stats$/, () => ({ status: 200, body: { numberOfDocuments: 2, isIndexing: false, fieldDistribution: {} } }));
    await expect(engine().rebuild(source([doc(1), doc(2), doc(3)]))).rejects.toThrow(
      'the new Meilisearch index holds 2 documents where 3 listings were written; the live index is kept',
    );
    expect(script.sent('POST', /^\/swap-indexes$/)).toEqual([]);
    expect([...script.indexes.keys()]).toEqual(['listings']);
  });

  it('when the new index lacks a declared setting, then nothing is swapped', async () => {
    script.addIndex('listings', declared(), 5);
    script.on('GET', /^\/indexes\/listings_rebuild_\w+\/settings$/, () => ({ status: 200, body: { ...declared(), filterableAttributes: [] } }));
    await expect(engine().rebuild(source([doc(1)]))).rejects.toThrow('the new Meilisearch index lacks its settings (filterableAttributes); the live index is kept');
    expect(script.sent('POST', /^\/swap-indexes$/)).toEqual([]);
  });

  it('when listings changed during the rebuild, then they are written into the new index before the swap', async () => {
    script.addIndex('listings', declared(), 5);
    await engine().rebuild(source([doc(1), doc(2)]), undefined, async (catchUp) => catchUp([doc(3)], ['platforms-1']));
    const order = script.requests.map((r) => `${r.method} ${r.path.replace(/listings_rebuild_\w+/, 'TEMP')}`);
    const swap = order.indexOf('POST /swap-indexes');
    expect(order.lastIndexOf('POST /indexes/TEMP/documents')).toBeLessThan(swap);
    expect(order.indexOf('POST /indexes/TEMP/documents/delete-batch')).toBeLessThan(swap);
    expect([...script.indexes.get('listings')!.ids].sort()).toEqual(['platforms-2', 'platforms-3']);
  });

  it('when the lease is lost before the swap, then nothing is swapped', async () => {
    script.addIndex('listings', declared(), 5);
    const lost = async () => {
      throw new EngineRejection('the rebuild lease expired');
    };
    await expect(engine().rebuild(source([doc(1)]), undefined, lost)).rejects.toThrow('the rebuild lease expired');
    expect(script.sent('POST', /^\/swap-indexes$/)).toEqual([]);
    expect([...script.indexes.keys()]).toEqual(['listings']);
  });

  it('when deleting an index that is already gone, then that failed task is tolerated', async () => {
    const e = engine();
    const task = await e.wait(e.client.deleteIndex('listings_rebuild_gone'), ['index_not_found']);
    expect(task.status).toBe('failed');
    await expect(e.wait(e.client.deleteIndex('listings_rebuild_gone'))).rejects.toBeInstanceOf(IndexLost);
  });
});

describe('searching (requests intercepted)', () => {
  const answer = (status: number, code: string) => () => ({ status, body: { message: code, code, type: 'invalid_request', link: '' } });

  it('when the index is not found or an attribute is not filterable, then the index counts as lost', async () => {
    script.on('POST', /^\/multi-search$/, answer(404, 'index_not_found'));
    await expect(engine().search(query('煤炭'))).rejects.toBeInstanceOf(IndexLost);
    script.on('POST', /^\/multi-search$/, answer(400, 'invalid_search_filter'));
    await expect(engine().search(query('煤炭'))).rejects.toBeInstanceOf(IndexLost);
  });

  it('when the server refuses otherwise or fails, then it is a refusal, or a failure left to the health check', async () => {
    script.on('POST', /^\/multi-search$/, answer(400, 'invalid_search_q'));
    const refused = await engine().search(query('煤炭')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EngineRejection);
    expect(refused).not.toBeInstanceOf(IndexLost);
    script.on('POST', /^\/multi-search$/, answer(503, 'internal'));
    expect(await engine().search(query('煤炭')).catch((error: unknown) => error)).not.toBeInstanceOf(EngineRejection);
  });

  it('when a query has more than 10 words, then nothing is sent: Meilisearch would read only the first 10', async () => {
    script.addIndex('listings', declared());
    await expect(engine().search(query('a b c d e f g h i j k'))).rejects.toBeInstanceOf(QueryUnsupported);
    expect(script.sent('POST', /^\/multi-search$/)).toEqual([]);
    await engine().search(query('a b c d e f g h i j'));
    expect(script.sent('POST', /^\/multi-search$/)).toHaveLength(1);
  });
});

