/**
 * An external engine (Meilisearch) kept in step with the database through the outbox: connects with retries,
 * rebuilds when its documents are of an older version or its count drifted, and is only asked to search while it
 * is reachable and has every change applied.
 */
import { EngineRejection, type DocKey, type EngineQuery, type EngineResult, type RebuildProgress, type SearchEngine } from './engine.js';
import { DOCUMENT_VERSION } from './documents.js';
import type { ListingIndexer } from './indexer.js';
import { backoff, Outbox, OutboxWorker } from './outbox.js';
import type { SearchMeta } from './search-meta.js';

const VERSION_KEY = 'remote.documentVersion';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The external engine, its outbox and its worker, and whether it may answer searches now. */
export class RemoteIndex {
  private ready = false;
  private rebuilding = false;
  private connectAttempts = 0;
  private connectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private rebuilds: Promise<unknown> = Promise.resolve();
  private readonly worker: OutboxWorker;
  /** The last failure of the engine, until it answers again. */
  lastError: string | null = null;

  constructor(
    readonly engine: SearchEngine,
    private readonly outbox: Outbox,
    private readonly indexer: ListingIndexer,
    private readonly meta: SearchMeta,
  ) {
    this.worker = new OutboxWorker(outbox, (keys) => this.apply(keys), {
      onError: (error) => this.failed(error),
      onSuccess: () => (this.lastError = null),
    });
    // Nothing is sent before the index exists with its settings, or Meilisearch would guess them.
    void this.worker.pause();
  }

  /** Connects in the background; searches use the embedded engine until the engine is ready. */
  start(): void {
    void this.connect();
  }

  /** Writes index jobs; call inside the transaction of the change. The worker runs once it has committed. */
  enqueue(keys: DocKey[]): void {
    this.outbox.enqueue(keys);
    setImmediate(() => this.worker.poke());
  }

  /** True when a search may go to the engine: reachable, not rebuilding, every change applied. */
  available(): boolean {
    return this.ready && !this.rebuilding && this.outbox.pending() === 0;
  }

  pending(): number {
    return this.outbox.pending();
  }

  /** Searches the engine; a failure marks it down (the caller answers from the embedded engine). */
  async search(query: EngineQuery): Promise<EngineResult> {
    try {
      return await this.engine.search(query);
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  /** Builds a new index and swaps it in; changes made meanwhile are replayed after the swap. One at a time. */
  rebuild(onProgress?: RebuildProgress): Promise<number> {
    const run = this.rebuilds.then(() => this.rebuildNow(onProgress));
    this.rebuilds = run.catch(() => undefined);
    return run;
  }

  private async rebuildNow(onProgress?: RebuildProgress): Promise<number> {
    await this.worker.pause();
    this.rebuilding = true;
    try {
      const mark = this.outbox.lastSeq();
      await this.engine.applySettings();
      const indexed = await this.engine.rebuild(this.indexer.source(() => this.closed), onProgress);
      this.meta.set(VERSION_KEY, String(DOCUMENT_VERSION));
      this.outbox.requeueAfter(mark);
      return indexed;
    } catch (error) {
      this.rebuilding = false;
      this.failed(error);
      throw error;
    } finally {
      this.rebuilding = false;
      this.worker.resume();
    }
  }

  /** Waits until every job is applied (true) or `timeoutMs` passed (false). */
  async flush(timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.ready && this.outbox.pending() === 0) return true;
      if (this.ready) await this.worker.run();
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.ready && this.outbox.pending() === 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.connectTimer) clearTimeout(this.connectTimer);
    await this.worker.stop();
    await this.engine.close();
  }

  private async apply(keys: DocKey[]): Promise<void> {
    const work = this.indexer.resolve(keys);
    await this.engine.upsert(work.docs);
    await this.engine.delete(work.deleteIds);
  }

  /** Applies settings, rebuilds a stale index, then lets the worker drain the outbox. */
  private async connect(): Promise<void> {
    this.connectTimer = null;
    if (this.closed) return;
    try {
      await this.engine.applySettings();
      if (this.meta.get(VERSION_KEY) !== String(DOCUMENT_VERSION) || (await this.drifted())) await this.rebuild();
      this.ready = true;
      this.lastError = null;
      this.connectAttempts = 0;
      this.outbox.retryNow();
      this.worker.resume();
    } catch (error) {
      this.failed(error);
    }
  }

  /** True when the engine holds a different number of documents than there are active listings, with no job waiting. */
  private async drifted(): Promise<boolean> {
    return this.outbox.pending() === 0 && (await this.engine.count()) !== this.indexer.activeCount();
  }

  /**
   * Records a failure. An engine that answered but refused the work stays up (the jobs wait with their error);
   * an unreachable one is marked down and connected again after a backoff.
   */
  private failed(error: unknown): void {
    this.lastError = message(error);
    if (error instanceof EngineRejection || this.closed || this.connectTimer) return;
    if (this.ready) void this.worker.pause();
    this.ready = false;
    this.connectTimer = setTimeout(() => void this.connect(), backoff(++this.connectAttempts));
    this.connectTimer.unref();
  }
}
