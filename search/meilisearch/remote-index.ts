/**
 * An external engine (Meilisearch) kept in step with the database through the outbox. It connects (refusing a
 * server too old), rebuilds an index that is missing, replaced, of an older document version, with other settings
 * or another count, and is only asked to search while it is reachable and has every change applied. One rebuild
 * at a time over every process, through a lease in the database.
 */
import { DOCUMENT_VERSION } from '../core/documents.js';
import { EngineRejection, type DocKey, type EngineQuery, type EngineResult } from '../core/engine.js';
import { backoff, Outbox, OutboxWorker } from '../core/outbox.js';
import type { IndexState, RebuildOptions, RemoteEngine, RemoteIndexDeps, RemoteIndexOptions } from './remote-engine.js';
import { AccessRefused, IndexLost, QueryUnsupported } from './remote-errors.js';
import { describeHolder, Lease } from './remote-lease.js';

export type { IndexState, RebuildOptions, RemoteEngine, RemoteIndexDeps, RemoteIndexOptions } from './remote-engine.js';

const VERSION_KEY = 'remote.documentVersion';
/** The identity of the live index the last rebuild put in place (any process's). */
const IDENTITY_KEY = 'remote.indexIdentity';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The external engine, its outbox and its worker, and whether it may answer searches now. */
export class RemoteIndex {
  readonly engine: RemoteEngine;
  private readonly outbox: Outbox;
  private readonly worker: OutboxWorker;
  private readonly lease: Lease;
  private ready = false;
  private rebuilding = false;
  private closed = false;
  private connectAttempts = 0;
  private connectTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private rebuilds: Promise<unknown> = Promise.resolve();
  private lastLogged = '';
  /** The last failure of the engine, until it answers again. */
  lastError: string | null = null;

  constructor(
    private readonly deps: RemoteIndexDeps,
    private readonly options: RemoteIndexOptions = {},
  ) {
    this.engine = deps.engine;
    this.outbox = new Outbox(deps.db);
    this.lease = new Lease(deps.db, 'meilisearch.rebuild', options.lease);
    this.worker = new OutboxWorker(this.outbox, (keys) => this.apply(keys), {
      onError: (error) => this.trouble(error),
      onSuccess: () => {
        this.lastError = null;
        this.connectAttempts = 0;
      },
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

  /** Searches the engine; a query it cannot read whole, or a failure (recorded), is answered by the embedded engine. */
  async search(query: EngineQuery): Promise<EngineResult> {
    if (!this.engine.supports(query)) throw new QueryUnsupported('the external engine cannot read this whole query');
    try {
      return await this.engine.search(query);
    } catch (error) {
      this.trouble(error);
      throw error;
    }
  }

  /** Builds a new index and swaps it in; changes made meanwhile are replayed after the swap. One at a time. */
  rebuild(options: RebuildOptions = {}): Promise<number> {
    const run = this.rebuilds.then(() => this.rebuildNow(options));
    this.rebuilds = run.catch(() => undefined);
    return run;
  }

  /** Sends the settings again (the synonyms changed); when not connected, the next connection finds the difference. */
  async refreshSettings(): Promise<void> {
    if (this.ready) await this.engine.applySettings().catch((error) => this.trouble(error));
  }

  /** Waits until every job is applied (true) or `timeoutMs` passed (false), sleeping between looks. */
  async flush(timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.available()) return true;
      const left = until - Date.now();
      if (left <= 0 || this.closed) return false;
      if (this.ready && !this.rebuilding) await this.worker.run();
      if (this.available()) return true;
      const due = this.outbox.nextDue();
      await new Promise((resolve) => setTimeout(resolve, Math.max(10, Math.min(250, left, due === null ? 250 : due - Date.now()))));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.stopWatching();
    await this.worker.stop();
    await this.engine.close();
  }

  private async apply(keys: DocKey[]): Promise<void> {
    const work = this.deps.indexer.resolve(keys);
    await this.engine.upsert(work.docs);
    await this.engine.delete(work.deleteIds);
    // A write to a missing index re-creates it without settings: the jobs stay until the index is rebuilt.
    await this.checkIdentity();
  }

  private async checkIdentity(): Promise<void> {
    const identity = await this.engine.identity();
    const built = this.deps.meta.get(IDENTITY_KEY);
    if (identity === null) throw new IndexLost('the Meilisearch index is gone');
    if (built && identity !== built) throw new IndexLost('the Meilisearch index was replaced from outside');
  }

  /** Checks the server and the live index, rebuilds the index when it is not current, then lets the worker run. */
  private async connect(): Promise<void> {
    this.connectTimer = null;
    if (this.closed) return;
    try {
      await this.engine.connect();
      const stale = this.staleReason(await this.engine.inspect());
      if (stale) {
        this.notice(`Meilisearch: rebuilding the index, ${stale}`);
        await this.rebuild({ wait: true, onlyIfStale: true });
      }
      this.lastError = null;
      this.outbox.retryNow();
      this.setReady(true);
    } catch (error) {
      this.connectFailed(error);
    }
  }

  /** Why the live index must be rebuilt, or null when it is current (adopting an index built before identities). */
  private staleReason(state: IndexState): string | null {
    const built = this.deps.meta.get(IDENTITY_KEY);
    if (state.identity === null) return 'the index does not exist';
    if (built && state.identity !== built) return 'the index was replaced from outside';
    if (state.mismatched.length) return `its settings differ (${state.mismatched.join(', ')})`;
    if (this.deps.meta.get(VERSION_KEY) !== String(DOCUMENT_VERSION)) return 'its documents are of an older version';
    if (this.outbox.pending() === 0 && state.count !== this.deps.indexer.activeCount()) return `it holds ${state.count} documents for ${this.deps.indexer.activeCount()} listings`;
    if (!built) this.deps.meta.set(IDENTITY_KEY, state.identity);
    return null;
  }

  private async rebuildNow(options: RebuildOptions): Promise<number> {
    const { wait = true, onWait, onProgress } = options;
    await this.lease.acquire({ wait, cancelled: () => this.closed, onWait: (holder) => onWait?.(`waiting for another rebuild to finish (${describeHolder(holder)})`) });
    try {
      // A rebuild asked for directly (the command line, the back office) refuses a server too old, as connecting does.
      await this.engine.connect();
      if (options.onlyIfStale) {
        const state = await this.engine.inspect();
        if (this.staleReason(state) === null) return state.count;
      }
      await this.worker.pause();
      this.rebuilding = true;
      try {
        const mark = this.outbox.lastSeq();
        const indexed = await this.engine.rebuild(this.deps.indexer.source(() => this.closed), onProgress, async (catchUp) => {
          this.holdLease();
          const changed = this.outbox.keysAfter(mark);
          if (changed.length) {
            const work = this.deps.indexer.resolve(changed);
            await catchUp(work.docs, work.deleteIds);
          }
          this.holdLease();
        });
        // Replayed again: a change made between the catch-up and the swap may have reached the old index only.
        this.outbox.requeueAfter(mark);
        this.deps.meta.set(VERSION_KEY, String(DOCUMENT_VERSION));
        this.deps.meta.set(IDENTITY_KEY, (await this.engine.identity()) ?? '');
        return indexed;
      } finally {
        this.rebuilding = false;
        this.worker.resume();
      }
    } catch (error) {
      this.trouble(error);
      throw error;
    } finally {
      this.lease.release();
    }
  }

  /** Throws when the rebuild lease expired and another process took it: that rebuild must not swap. */
  private holdLease(): void {
    if (!this.lease.renew()) throw new EngineRejection('the rebuild lease expired and another process took it: this rebuild is abandoned');
  }

  /**
   * Records a failure of a search, a write or a rebuild. A lost index stops the engine until it is repaired, a
   * refused key until a slow retry is let in; another refusal leaves it up (the jobs wait with their error); anything else (a timeout, a 503) asks for a health
   * check, and only a failed health check marks the server down.
   */
  private trouble(error: unknown): void {
    if (error instanceof QueryUnsupported) return;
    this.lastError = message(error);
    if (error instanceof IndexLost) this.down(error);
    else if (error instanceof AccessRefused) this.connectFailed(error);
    else if (!(error instanceof EngineRejection)) this.checkHealth();
  }

  private checkHealth(): void {
    if (this.checking || !this.ready) return;
    this.checking = this.engine
      .health()
      .catch((error) => this.down(error))
      .finally(() => (this.checking = null));
  }

  /** Stops using the engine and connects again soon. */
  private down(error: unknown): void {
    this.lastError = message(error);
    this.setReady(false);
    this.scheduleConnect(backoff(++this.connectAttempts));
  }

  /** A refusal is retried slowly (and said once); an unreachable server or a lost index with backoff. */
  private connectFailed(error: unknown): void {
    this.lastError = message(error);
    this.setReady(false);
    if (error instanceof EngineRejection && !(error instanceof IndexLost)) {
      this.notice(`Meilisearch not used: ${message(error)}`);
      this.scheduleConnect(this.options.slowRetryMs ?? 300_000);
    } else {
      this.scheduleConnect(backoff(++this.connectAttempts));
    }
  }

  private scheduleConnect(delayMs: number): void {
    if (this.closed || this.connectTimer) return;
    this.connectTimer = setTimeout(() => void this.connect(), delayMs);
    this.connectTimer.unref();
  }

  private setReady(value: boolean): void {
    if (value === this.ready) return;
    this.ready = value;
    if (value) {
      this.worker.resume();
      this.watch();
    } else {
      this.stopWatching();
      void this.worker.pause();
    }
  }

  /** While ready, checks now and then that the live index is still the one built (deleted, or emptied by a restart). */
  private watch(): void {
    this.stopWatching();
    this.watchTimer = setInterval(() => {
      if (!this.ready || this.rebuilding || this.checking) return;
      this.checking = this.checkIdentity()
        .catch((error) => {
          this.checking = null;
          this.trouble(error);
        })
        .finally(() => (this.checking = null));
    }, this.options.watchMs ?? 30_000);
    this.watchTimer.unref();
  }

  private stopWatching(): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
  }

  /** One line on the server's error output, not repeated while it stays the same. */
  private notice(line: string): void {
    if (line === this.lastLogged) return;
    this.lastLogged = line;
    (this.options.log ?? console.error)(line);
  }
}
