/** The Meilisearch engine, through the official client: writes wait for their tasks, a rebuild swaps in a new index. */
import { Meilisearch, type EnqueuedTaskPromise, type Index, type Task } from 'meilisearch';
import { FACETS } from '../../server/collections/facets.js';
import type { SearchDocument } from '../core/documents.js';
import type { DocumentSource, EngineQuery, EngineResult, RebuildProgress } from '../core/engine.js';
import { QueryUnsupported, VersionRefused } from './remote-errors.js';
import type { BeforeSwap, IndexState, RemoteEngine } from './remote-engine.js';
import { classify, errorCode, TASK_POLL_MS, taskOutcome } from './meili-errors.js';
import { buildSearchRequests, meiliReadsWhole, MEILI_MAX_WORDS, readSearchResults } from './meili-query.js';
import { rebuildIndex } from './meili-rebuild.js';
import { completeSettings, indexSettings, MIN_MEILI_VERSION, settingsMismatch, versionAtLeast, type SettingsInput } from './meili-settings.js';

export { MeiliTaskError } from './meili-errors.js';

/** Where the Meilisearch server is, which index to use, how long to wait, and what the settings take from outside. */
export interface MeilisearchOptions {
  host: string;
  apiKey?: string;
  indexUid: string;
  /** Milliseconds before a request is abandoned (a search then answers from the embedded engine). */
  requestTimeoutMs?: number;
  /** Milliseconds a write waits for its task. */
  taskTimeoutMs?: number;
  /** Synonyms, dictionary and extra searchable fields, read at every settings update. */
  settings?: () => SettingsInput;
}

const BATCH = 1000;

/** The document Meilisearch stores: the shared document with its facets as attributes (see `FACET_ATTRIBUTES`). */
export type MeiliDocument = Omit<SearchDocument, 'facets'> & { nameLength: number; [attribute: string]: unknown };

/**
 * The document Meilisearch stores: one attribute per facet (a code or null, a list for a many-valued facet), and
 * the name's length for the closeness rule.
 */
export function meiliDocument(doc: SearchDocument): MeiliDocument {
  const { facets, ...rest } = doc;
  const out: MeiliDocument = { ...rest, nameLength: Array.from(doc.name).length };
  for (const facet of FACETS) out[facet.field] = facet.many ? facets[facet.param] : (facets[facet.param][0] ?? null);
  return out;
}

/** The search engine contract over a Meilisearch index, with what the remote index needs to watch and repair it. */
export class MeilisearchEngine implements RemoteEngine {
  readonly name = 'meilisearch' as const;
  readonly client: Meilisearch;
  private readonly taskTimeoutMs: number;

  constructor(private readonly options: MeilisearchOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.requestTimeoutMs ?? 2000 });
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
  }

  get indexUid(): string {
    return this.options.indexUid;
  }

  /** The settings every index of this engine must hold. */
  declaredSettings(): ReturnType<typeof indexSettings> {
    return indexSettings(this.options.settings?.());
  }

  private index(uid = this.options.indexUid): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(uid);
  }

  /** Waits for a task, polling every 250 ms; anything but success is thrown, never dropped. */
  async wait(enqueued: EnqueuedTaskPromise, tolerate: string[] = []): Promise<Task> {
    let task: Task;
    try {
      task = await enqueued.waitTask({ timeout: this.taskTimeoutMs, interval: TASK_POLL_MS });
    } catch (error) {
      throw classify(error);
    }
    return taskOutcome(task, tolerate);
  }

  /** Refuses a server older than the oldest supported version (one clear line), or one that does not answer. */
  async connect(): Promise<void> {
    const { pkgVersion } = await this.client.getVersion().catch((error) => Promise.reject(classify(error)));
    if (!versionAtLeast(pkgVersion, MIN_MEILI_VERSION)) {
      throw new VersionRefused(`Meilisearch ${pkgVersion} at ${this.options.host} is older than ${MIN_MEILI_VERSION}, the oldest version supported; searches answer from the embedded engine`);
    }
  }

  /** The identity of an index: its creation time, which a swap carries with the data; null when it does not exist. */
  async identity(uid = this.options.indexUid): Promise<string | null> {
    try {
      const index = await this.client.getRawIndex(uid);
      return `${index.createdAt}`;
    } catch (error) {
      if (errorCode(error) === 'index_not_found') return null;
      throw classify(error);
    }
  }

  /** The declared settings an index lacks, by name. */
  async settingsMismatch(uid = this.options.indexUid): Promise<string[]> {
    const actual = await this.index(uid).getSettings().catch((error) => Promise.reject(classify(error)));
    return settingsMismatch(this.declaredSettings(), actual as Record<string, unknown>);
  }

  async inspect(): Promise<IndexState> {
    const identity = await this.identity();
    if (identity === null) return { identity, mismatched: [], count: 0 };
    return { identity, mismatched: await this.settingsMismatch(), count: await this.count() };
  }

  /** Creates the index if needed and sends every setting: declared values, and every other setting reset. */
  async applySettings(uid = this.options.indexUid): Promise<void> {
    if ((await this.identity(uid)) === null) await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }), ['index_already_exists']);
    const current = await this.index(uid).getSettings().catch((error) => Promise.reject(classify(error)));
    const full = completeSettings(this.declaredSettings(), current as Record<string, unknown>);
    await this.wait(this.index(uid).updateSettings(full));
  }

  /** Writes documents to an index (the live one by default), a batch per task. */
  async addDocuments(docs: SearchDocument[], uid = this.options.indexUid): Promise<void> {
    for (let i = 0; i < docs.length; i += BATCH) {
      await this.wait(this.index(uid).addDocuments(docs.slice(i, i + BATCH).map(meiliDocument), { primaryKey: 'id' }));
    }
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    await this.addDocuments(docs);
  }

  async delete(ids: string[], uid = this.options.indexUid): Promise<void> {
    if (ids.length) await this.wait(this.index(uid).deleteDocuments(ids));
  }

  async clear(): Promise<void> {
    await this.wait(this.index().deleteAllDocuments());
  }

  async count(uid = this.options.indexUid): Promise<number> {
    try {
      return (await this.index(uid).getStats()).numberOfDocuments;
    } catch (error) {
      throw classify(error);
    }
  }

  async health(): Promise<void> {
    await this.client.health();
  }

  async close(): Promise<void> {}

  supports(query: EngineQuery): boolean {
    return meiliReadsWhole(query);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    if (!this.supports(query)) throw new QueryUnsupported(`Meilisearch reads only the first ${MEILI_MAX_WORDS} words of a query`);
    try {
      const { results } = await this.client.multiSearch({ queries: buildSearchRequests(this.options.indexUid, query) });
      return readSearchResults(query, results);
    } catch (error) {
      throw classify(error);
    }
  }

  /** Builds a new index of its own name beside the live one, checks it, then swaps it in: searches answer from a full index throughout. */
  async rebuild(source: DocumentSource, onProgress?: RebuildProgress, beforeSwap?: BeforeSwap): Promise<number> {
    return rebuildIndex(this, source, onProgress, beforeSwap);
  }
}
