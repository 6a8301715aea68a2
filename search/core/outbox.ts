/**
 * The outbox of index jobs for an external engine: a job is written in the same transaction as the listing
 * change, so a change is never committed without it; the worker applies jobs idempotently (it indexes each
 * listing as it is when the job runs), retries with backoff while the engine is unreachable, and keeps failed
 * jobs with their error until they succeed.
 */
import type { CollectionName } from '../../server/collections/define.js';
import type { Db } from '../../server/db/connection.js';
import type { DocKey } from './engine.js';

/** Done jobs are kept this long so a rebuild can replay what changed while it ran. */
const KEEP_DONE_MS = 24 * 3600_000;
const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 60_000;

/** Jobs taken for one batch: their numbers, and the listings they name (each once). */
export interface ClaimedJobs {
  seqs: number[];
  keys: DocKey[];
}

/** Delay before the `attempts`-th retry: doubling from half a second, at most a minute. */
export function backoff(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

function statements(db: Db) {
  return {
    insert: db.prepare<[CollectionName, number, number]>('INSERT INTO index_jobs (collection, listingId, createdAt) VALUES (?, ?, ?)'),
    due: db.prepare<[number, number], DocKey & { seq: number }>('SELECT seq, collection, listingId FROM index_jobs WHERE doneAt IS NULL AND nextAttemptAt <= ? ORDER BY seq LIMIT ?'),
    done: db.prepare<[number, number]>('UPDATE index_jobs SET doneAt = ?, lastError = NULL WHERE seq = ?'),
    failed: db.prepare<[string, number, number, number]>('UPDATE index_jobs SET attempts = attempts + 1, lastError = ?, nextAttemptAt = ? + ? WHERE seq = ?'),
    pending: db.prepare<[], number>('SELECT count(*) FROM index_jobs WHERE doneAt IS NULL').pluck(),
    nextDue: db.prepare<[], number | null>('SELECT min(nextAttemptAt) FROM index_jobs WHERE doneAt IS NULL').pluck(),
    lastSeq: db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM index_jobs').pluck(),
    retryNow: db.prepare<[]>('UPDATE index_jobs SET nextAttemptAt = 0 WHERE doneAt IS NULL AND nextAttemptAt > 0'),
    requeue: db.prepare<[number]>('UPDATE index_jobs SET doneAt = NULL, attempts = 0, nextAttemptAt = 0 WHERE seq > ?'),
    keysAfter: db.prepare<[number], DocKey>('SELECT DISTINCT collection, listingId FROM index_jobs WHERE seq > ?'),
    prune: db.prepare<[number]>('DELETE FROM index_jobs WHERE doneAt IS NOT NULL AND doneAt < ?'),
  };
}

type Statements = ReturnType<typeof statements>;

/** The index_jobs table. */
export class Outbox {
  private readonly sql: Statements;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  /** Writes jobs; call inside the transaction of the change they index. */
  enqueue(keys: DocKey[], now = Date.now()): void {
    for (const key of keys) this.sql.insert.run(key.collection, key.listingId, now);
  }

  /** Jobs due now, oldest first, with their listings deduplicated. */
  claim(limit: number, now = Date.now()): ClaimedJobs {
    const rows = this.sql.due.all(now, limit);
    const keys = new Map<string, DocKey>();
    for (const row of rows) keys.set(`${row.collection}-${row.listingId}`, { collection: row.collection, listingId: row.listingId });
    return { seqs: rows.map((r) => r.seq), keys: [...keys.values()] };
  }

  complete(seqs: number[], now = Date.now()): void {
    this.db.transaction(() => seqs.forEach((seq) => this.sql.done.run(now, seq)))();
  }

  /** Keeps the jobs, with the error and the time of their next attempt. */
  fail(seqs: number[], error: string, attempts: number, now = Date.now()): void {
    this.db.transaction(() => seqs.forEach((seq) => this.sql.failed.run(error.slice(0, 500), now, backoff(attempts), seq)))();
  }

  pending(): number {
    return this.sql.pending.get() ?? 0;
  }

  /** When the earliest waiting job is due (ms since the epoch), or null when none waits. */
  nextDue(): number | null {
    return this.sql.nextDue.get() ?? null;
  }

  /** The newest job's number: a rebuild notes it before reading listings. */
  lastSeq(): number {
    return this.sql.lastSeq.get() ?? 0;
  }

  /** The listings changed after job `seq`, each once (a rebuild writes them into its new index before the swap). */
  keysAfter(seq: number): DocKey[] {
    return this.sql.keysAfter.all(seq);
  }

  /** Makes every job after `seq` due again (changes a rebuild may have read before they happened). */
  requeueAfter(seq: number): number {
    return this.sql.requeue.run(seq).changes;
  }

  /** Makes every waiting job due now (the engine is back). */
  retryNow(): void {
    this.sql.retryNow.run();
  }

  /** Forgets done jobs older than a day. */
  prune(now = Date.now()): void {
    this.sql.prune.run(now - KEEP_DONE_MS);
  }
}

/** What the worker does with a batch of claimed listings. */
export type ApplyJobs = (keys: DocKey[]) => Promise<void>;

/** What the worker reports after each batch. */
export interface WorkerEvents {
  /** After a batch failed: the engine is probably down. */
  onError?: (error: unknown) => void;
  /** After a batch succeeded. */
  onSuccess?: () => void;
}

/** Applies outbox jobs one batch at a time; sleeps with backoff after a failure; wakes on `poke()`. */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private paused = 0;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly apply: ApplyJobs,
    private readonly events: WorkerEvents = {},
    private readonly batchSize = 200,
  ) {}

  /** Schedules a run soon (after a write commits, or when the engine may be back). */
  poke(delayMs = 0): void {
    if (this.stopped || this.paused) return;
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delayMs);
    this.timer.unref();
  }

  /** Applies every due job now; resolves when the outbox is drained or a batch failed. */
  async run(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped && !this.paused) {
      const { seqs, keys } = this.outbox.claim(this.batchSize);
      if (seqs.length === 0) break;
      try {
        await this.apply(keys);
        this.outbox.complete(seqs);
        this.failures = 0;
        this.events.onSuccess?.();
      } catch (error) {
        this.failures++;
        this.outbox.fail(seqs, error instanceof Error ? error.message : String(error), this.failures);
        this.events.onError?.(error);
        break;
      }
    }
    this.pruneHourly();
    this.scheduleNext();
  }

  private scheduleNext(): void {
    const due = this.outbox.nextDue();
    if (due !== null) this.poke(Math.max(due - Date.now(), 50));
  }

  /** Prunes done jobs past their day at most once an hour: pruning after every batch would cost a scan each time. */
  private pruneHourly(): void {
    if (Date.now() - this.lastPrune < 3600_000) return;
    this.lastPrune = Date.now();
    this.outbox.prune();
  }

  /** Stops applying jobs until `resume()` (jobs keep accumulating); waits for a batch in flight. */
  async pause(): Promise<void> {
    this.paused++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  resume(): void {
    this.paused = Math.max(0, this.paused - 1);
    this.poke();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
