/** The Meilisearch engine, through the official client: writes wait for their tasks, a rebuild swaps in a new index. */
import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Index, type Task } from 'meilisearch';
import type { SearchDocument } from '../documents.js';
import { EngineRejection, type DocumentSource, type EngineQuery, type EngineResult, type RebuildProgress, type SearchEngine } from '../engine.js';
import { buildSearchRequests, indexSettings, readSearchResults } from './meili-query.js';

/** Where the Meilisearch server is, which index to use, and how long to wait. */
export interface MeilisearchOptions {
  host: string;
  apiKey?: string;
  indexUid: string;
  /** Milliseconds before a request is abandoned (a search then answers from the embedded engine). */
  requestTimeoutMs?: number;
  /** Milliseconds a write waits for its task. */
  taskTimeoutMs?: number;
}

/** A Meilisearch task that ended otherwise than `succeeded`; the task's own error is the cause. */
export class MeiliTaskError extends EngineRejection {
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no error given'}`, { cause: task.error });
    this.name = 'MeiliTaskError';
  }
}

/** Answers of Meilisearch itself (4xx) are rejections; transport failures and timeouts pass through unchanged. */
function classify(error: unknown): unknown {
  if (error instanceof MeilisearchApiError && error.response.status < 500) {
    return new EngineRejection(`Meilisearch refused the request: ${error.message}`, { cause: error });
  }
  return error;
}

const BATCH = 1000;

function errorCode(error: unknown): string | undefined {
  return error instanceof MeilisearchApiError ? error.cause?.code : undefined;
}

/** The search engine contract over a Meilisearch index. */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly taskTimeoutMs: number;

  constructor(private readonly options: MeilisearchOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.requestTimeoutMs ?? 2000 });
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
  }

  get indexUid(): string {
    return this.options.indexUid;
  }

  private index(uid = this.options.indexUid): Index<SearchDocument> {
    return this.client.index<SearchDocument>(uid);
  }

  /** Waits for a task; anything but success is thrown, never dropped. */
  private async wait(enqueued: EnqueuedTaskPromise, tolerate: string[] = []): Promise<Task> {
    let task: Task;
    try {
      task = await enqueued.waitTask({ timeout: this.taskTimeoutMs });
    } catch (error) {
      throw classify(error);
    }
    if (task.status === 'succeeded' || (task.error && tolerate.includes(task.error.code))) return task;
    throw new MeiliTaskError(task);
  }

  private async ensureIndex(uid: string): Promise<void> {
    try {
      await this.client.getRawIndex(uid);
    } catch (error) {
      if (errorCode(error) !== 'index_not_found') throw error;
      await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }), ['index_already_exists']);
    }
  }

  async applySettings(uid = this.options.indexUid): Promise<void> {
    await this.ensureIndex(uid);
    await this.wait(this.index(uid).updateSettings(indexSettings()));
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += BATCH) await this.wait(this.index().addDocuments(docs.slice(i, i + BATCH), { primaryKey: 'id' }));
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length) await this.wait(this.index().deleteDocuments(ids));
  }

  async clear(): Promise<void> {
    await this.wait(this.index().deleteAllDocuments());
  }

  async count(): Promise<number> {
    return (await this.index().getStats()).numberOfDocuments;
  }

  async health(): Promise<void> {
    await this.client.health();
  }

  async close(): Promise<void> {}

  async search(query: EngineQuery): Promise<EngineResult> {
    try {
      const { results } = await this.client.multiSearch({ queries: buildSearchRequests(this.options.indexUid, query) });
      return readSearchResults(query, results);
    } catch (error) {
      throw classify(error);
    }
  }

  /** Builds a new index beside the live one, then swaps them: searches answer from a full index throughout. */
  async rebuild(source: DocumentSource, onProgress?: RebuildProgress): Promise<number> {
    const live = this.options.indexUid;
    const next = `${live}_rebuild`;
    await this.wait(this.client.deleteIndex(next), ['index_not_found']);
    await this.applySettings(next);
    let done = 0;
    const batches = source.batches();
    for (let step = batches.next(); !step.done; step = batches.next()) {
      if (step.value.length) await this.wait(this.index(next).addDocuments(step.value, { primaryKey: 'id' }));
      done += step.value.length;
      onProgress?.(done, source.total);
      if (source.cancelled()) throw new Error('the rebuild was stopped: the search service is closing');
    }
    await this.ensureIndex(live);
    await this.wait(this.client.swapIndexes([{ indexes: [live, next], rename: false }]));
    await this.wait(this.client.deleteIndex(next), ['index_not_found']);
    return done;
  }
}
