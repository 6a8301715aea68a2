/** The search component: engines, index jobs and the query entry point used by the API and the pages. */
import type { ListingChange } from '../server/collections/listing-service.js';
import type { Db } from '../server/db/connection.js';
import { DOCUMENT_VERSION } from './core/documents.js';
import { emptyFacets, type DocKey, type EngineQuery, type EngineResult } from './core/engine.js';
import { MeilisearchEngine } from './meilisearch/meilisearch.js';
import { SqliteFtsEngine } from './embedded/sqlite-engine.js';
import { buildHits } from './core/hits.js';
import { ListingIndexer } from './core/indexer.js';
import type { ListingReader } from './core/listing-reader.js';
import { RemoteIndex, type RemoteEngine, type RemoteIndexOptions } from './meilisearch/remote-index.js';
import { SearchMeta } from './core/search-meta.js';
import { analyseQuery, highlightTerms } from './analysis/query-analysis.js';
import { codesLabelled } from './analysis/labels.js';
import { meiliDictionary, meiliSynonyms, SynonymCache, type SynonymSource } from './analysis/synonyms.js';
import { localWords } from './analysis/segment.js';
import type { EngineName, SearchHealth, SearchQuery, SearchResult, SuggestedFilter } from './core/types.js';

/** The settings of search: the embedded engine's cache, and the Meilisearch to keep current when there is one. */
export interface SearchOptions {
  /** Bytes the embedded engine may keep in its cache of match sets. */
  cacheBytes: number;
  /** Meilisearch's address, key and index (default `listings`); the embedded engine alone without. */
  meilisearch?: { host: string; apiKey?: string | undefined; index?: string | undefined };
}

/** The options of the environment's search settings (`SEARCH_CACHE_MB`, `MEILI_HOST`, `MEILI_API_KEY`). */
export function searchOptions(env: { SEARCH_CACHE_MB: number; MEILI_HOST?: string | undefined; MEILI_API_KEY?: string | undefined }, meiliIndex?: string): SearchOptions {
  return {
    cacheBytes: env.SEARCH_CACHE_MB * 1024 * 1024,
    ...(env.MEILI_HOST ? { meilisearch: { host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY, index: meiliIndex } } : {}),
  };
}

/** What the search service is built from. */
export interface SearchServiceDeps {
  options: SearchOptions;
  db: Db;
  listings: ListingReader;
  /** An engine to use instead of the Meilisearch of `options` (a test's engine). */
  remote?: RemoteEngine;
  /** The synonyms and abbreviations staff maintain; none without. */
  synonyms?: SynonymSource;
  /** Retry and watch timings of the external engine (tests shorten them). */
  remoteOptions?: RemoteIndexOptions;
}

/** Progress of a rebuild, per engine. */
export type ReindexProgress = (progress: { engine: EngineName; done: number; total: number }) => void;

/** How a rebuild treats one already running in another process: wait for it (and say so), or refuse at once. */
export interface ReindexOptions {
  wait?: boolean;
  onWait?: (message: string) => void;
}

/** What a rebuild did. */
export interface ReindexResult {
  indexed: number;
  /** Why the external engine could not be rebuilt (it keeps its previous index, still kept current by the outbox). */
  remoteError?: string;
}

/** A rebuild was asked for while one is running in this process. */
export class ReindexRunningError extends Error {
  readonly code = 'reindex_running';

  constructor() {
    super('the search index is already being rebuilt');
    this.name = 'ReindexRunningError';
  }
}

const EMBEDDED_VERSION_KEY = 'embedded.documentVersion';

/** Keeps the indexes in step with every listing change and answers searches from the best engine available. */
export class SearchService {
  private readonly embedded: SqliteFtsEngine;
  private readonly indexer: ListingIndexer;
  private readonly meta: SearchMeta;
  private readonly remote: RemoteIndex | null;
  private reindexing: Promise<ReindexResult> | null = null;
  private readonly startup: Promise<unknown>;
  private readonly synonyms: SynonymCache;
  private synonymVersion: number | undefined;
  private closed = false;

  constructor(private readonly deps: SearchServiceDeps) {
    const { options, db, listings } = deps;
    this.embedded = new SqliteFtsEngine(db, options.cacheBytes);
    this.indexer = new ListingIndexer(db, listings);
    this.meta = new SearchMeta(db);
    this.synonyms = new SynonymCache(deps.synonyms);
    const remoteEngine =
      deps.remote ??
      (options.meilisearch
        ? new MeilisearchEngine({ host: options.meilisearch.host, apiKey: options.meilisearch.apiKey, indexUid: options.meilisearch.index ?? 'listings', settings: () => this.meiliSettings() })
        : null);
    this.remote = remoteEngine ? new RemoteIndex({ engine: remoteEngine, db, indexer: this.indexer, meta: this.meta }, deps.remoteOptions) : null;
    listings.onChange(this.indexChange);
    this.startup = this.embeddedCurrent() ? Promise.resolve() : this.rebuildEmbedded().catch((error) => this.closed || console.error('search index rebuild failed', error));
    this.remote?.start();
  }

  /** Runs inside every write transaction: the embedded index changes with the listing, the outbox gets its job. */
  private readonly indexChange = (change: ListingChange): void => {
    const keys: DocKey[] = [
      { collection: change.collection, listingId: change.id },
      ...change.dependents.map((d) => ({ collection: d.collection, listingId: d.id })),
    ];
    const work = this.indexer.resolve(keys);
    this.embedded.upsertSync(work.docs);
    this.embedded.deleteSync(work.deleteIds);
    this.remote?.enqueue(keys);
  };

  /** True when the embedded index was built by this version and holds one document per active listing. */
  private embeddedCurrent(): boolean {
    const listings = this.indexer.activeCount();
    const documents = this.embedded.countSync();
    if (listings === 0 && documents === 0) this.meta.set(EMBEDDED_VERSION_KEY, String(DOCUMENT_VERSION));
    return this.meta.get(EMBEDDED_VERSION_KEY) === String(DOCUMENT_VERSION) && documents === listings;
  }

  private async rebuildEmbedded(onProgress?: ReindexProgress): Promise<number> {
    const source = this.indexer.source(() => this.closed);
    const indexed = await this.embedded.rebuild(source, (done, total) => onProgress?.({ engine: 'sqlite', done, total }));
    this.meta.set(EMBEDDED_VERSION_KEY, String(DOCUMENT_VERSION));
    return indexed;
  }

  /** Loads the embedded engine's attributes of every listing now, so the first search does not wait for them. */
  warmUp(): void {
    this.embedded.load();
  }

  /** What Meilisearch's settings take from the analysis: the same synonym rules and local words. */
  private meiliSettings(): { synonyms: Record<string, string[]>; dictionary: string[] } {
    const rules = this.deps.synonyms?.snapshot().synonyms ?? [];
    return { synonyms: meiliSynonyms(rules), dictionary: meiliDictionary(rules, localWords()) };
  }

  /** After staff changed a synonym, Meilisearch gets the new list (the embedded engine reads it at every search). */
  private followSynonyms(): void {
    const version = this.deps.synonyms?.snapshot().version;
    if (version === this.synonymVersion) return;
    const first = this.synonymVersion === undefined;
    this.synonymVersion = version;
    if (!first) void this.remote?.refreshSettings();
  }

  /** Answers a parsed query: from Meilisearch when it is reachable and current, else from the embedded engine. */
  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    this.followSynonyms();
    const analysed = analyseQuery(query.q, this.synonyms.current());
    const engineQuery: EngineQuery = {
      terms: analysed.terms,
      text: query.q,
      filters: query.filters,
      available: query.available,
      sort: query.sort,
      lang: query.lang,
      offset: (query.page - 1) * query.perPage,
      limit: query.perPage,
      facets: query.facets !== false,
    };
    // Punctuation alone is nothing to search for: an empty answer that says so, not the whole directory.
    const { engine, result } = analysed.blank ? { engine: this.health().engine, result: blankResult() } : await this.answer(engineQuery);
    return {
      query: query.q,
      page: query.page,
      perPage: query.perPage,
      total: result.total,
      hits: buildHits(result.keys, highlightTerms(analysed.terms), query.lang, this.deps.listings),
      facets: query.facets === false ? {} : result.facets,
      engine,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      ignored: result.ignored ?? [],
      ...(result.ignored?.length ? { complete: result.complete ?? 0 } : {}),
      suggestedFilters: suggestedFilters(query, result),
      ...(analysed.blank ? { notice: 'nothing-to-search' as const } : {}),
    };
  }

  private async answer(query: EngineQuery): Promise<{ engine: SearchResult['engine']; result: EngineResult }> {
    if (this.remote?.available()) {
      try {
        return { engine: this.remote.engine.name, result: await this.remote.search(query) };
      } catch {
        // Recorded by the remote index; this search answers from the embedded engine.
      }
    }
    return { engine: 'sqlite', result: await this.embedded.search(query) };
  }

  /** Which engine answers now, how many index jobs wait, and the external engine's last error. */
  health(): SearchHealth {
    const engine = this.remote?.available() ? this.remote.engine.name : 'sqlite';
    const lastError = this.remote?.lastError ?? null;
    return { engine, pendingIndexJobs: this.remote?.pending() ?? 0, ...(lastError ? { lastError } : {}) };
  }

  /**
   * Rebuilds every index from the listings. The embedded index is rewritten in place and Meilisearch gets a new
   * index swapped in, so searches keep answering from a full index throughout. One rebuild at a time: a second one
   * asked for meanwhile throws ReindexRunningError.
   */
  async reindex(onProgress?: ReindexProgress, options: ReindexOptions = { wait: false }): Promise<ReindexResult> {
    if (this.reindexing) throw new ReindexRunningError();
    this.reindexing = (async () => {
      await this.startup;
      const indexed = await this.rebuildEmbedded(onProgress);
      if (!this.remote) return { indexed };
      try {
        await this.remote.rebuild({ ...options, onProgress: (done, total) => onProgress?.({ engine: 'meilisearch', done, total }) });
        return { indexed };
      } catch (error) {
        return { indexed, remoteError: error instanceof Error ? error.message : String(error) };
      }
    })().finally(() => {
      this.reindexing = null;
    });
    return this.reindexing;
  }

  /** Document counts: active listings, and what each engine holds (null when the external engine cannot tell). */
  async counts(): Promise<{ listings: number; sqlite: number; meilisearch?: number | null }> {
    const out: { listings: number; sqlite: number; meilisearch?: number | null } = { listings: this.indexer.activeCount(), sqlite: this.embedded.countSync() };
    if (this.remote) out.meilisearch = await this.remote.engine.count().catch(() => null);
    return out;
  }

  /** Waits until the external engine has every change (true), or `timeoutMs` passed (false); true without one. */
  async flush(timeoutMs?: number): Promise<boolean> {
    await this.startup;
    return this.remote ? this.remote.flush(timeoutMs) : true;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.startup;
    await this.remote?.close();
    await this.embedded.close();
  }
}

function blankResult(): EngineResult {
  return { keys: [], total: 0, facets: emptyFacets() };
}

/** A query that is exactly a code's label (`院士`, `奇台县`) offers that code as a filter, with how many listings it keeps. */
function suggestedFilters(query: SearchQuery, result: EngineResult): SuggestedFilter[] {
  if (!query.q) return [];
  return codesLabelled(query.q)
    .filter(({ param, code }) => !query.filters[param]?.includes(code))
    .map(({ param, code }) => ({ param, code, count: result.facets[param]?.[code] ?? 0 }))
    .filter((s) => s.count > 0);
}
