/** Imports running in worker threads, one at a time, with their progress for the import page. */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { getCollection } from '../collections/registry.js';
import type { Config } from '../core/config.js';
import type { WriteGate } from '../db/write-gate.js';
import { runImport, type ImportDeps, type ImportOutcome, type ImportPhase } from './import.js';
import type { ImportTask, WorkerMessage } from './import-worker.js';
import { readImportFile, type ReadResult } from './read-file.js';

/** An import as its page shows it. */
export interface ImportJob {
  id: string;
  actor: string;
  collection: string;
  fileName: string;
  mode: ImportTask['mode'];
  phase: ImportPhase;
  done: number;
  total: number;
  outcome?: ImportOutcome;
  error?: Error;
  finishedAt?: number;
  /** Resolves when the import has ended, however it ended. */
  finished: Promise<void>;
}

/** A finished import's result stays readable this long (the page that shows it may be reloaded). */
const KEPT_MS = 3600_000;

/**
 * Files of at most this many rows (and this size, read in a few milliseconds) are checked and written in the
 * request itself: 200 rows take about 40 ms, 80–130 ms on a busy 2-core machine. Starting a worker thread
 * would cost more than the work.
 */
export const INLINE_IMPORT_ROWS = 200;
const INLINE_IMPORT_BYTES = 128 * 1024;

/**
 * A small young generation: the worker makes short-lived objects by the hundred thousand (cells, rows, documents),
 * and V8's default lets them take ~30 MB more of resident memory at 100,000 rows for no measurable gain in time.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 };

/** The worker's entry beside this file: compiled JavaScript in production, TypeScript (through tsx) from source. */
function spawnWorker(task: ImportTask): Worker {
  const source = import.meta.url.endsWith('.ts');
  const entry = new URL(`./import-worker.${source ? 'ts' : 'js'}`, import.meta.url);
  if (!source) return new Worker(entry, { workerData: task, resourceLimits: WORKER_LIMITS });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: task, resourceLimits: WORKER_LIMITS });
}

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly workers = new Set<Worker>();
  /** Imports run one after the other: two at once would only compete for the cores and the write lock. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly config: Config,
    private readonly gate: WriteGate,
    private readonly deps: ImportDeps,
  ) {}

  /** Starts an import of `file` (a small one runs at once); its progress and outcome are read from the job returned. */
  async start(task: Omit<ImportTask, 'config'>): Promise<ImportJob> {
    this.forgetOld();
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const job: ImportJob = { id: randomUUID(), actor: task.actor, collection: task.collection, fileName: task.fileName, mode: task.mode, phase: 'queued', done: 0, total: 0, finished };
    this.jobs.set(job.id, job);
    const read = task.file.byteLength <= INLINE_IMPORT_BYTES ? readImportFile(getCollection(task.collection), { buffer: Buffer.from(task.file), originalname: task.fileName }) : null;
    if (read && read.records.length <= INLINE_IMPORT_ROWS) {
      await this.runInline(job, task, read).finally(settle);
      return job;
    }
    this.queue = this.queue.then(() => this.run(job, { ...task, config: this.config })).finally(settle);
    return job;
  }

  /** A small import on this thread, with the server's own services; the request holds the write gate meanwhile. */
  private async runInline(job: ImportJob, task: Omit<ImportTask, 'config'>, read: ReadResult): Promise<void> {
    const def = getCollection(task.collection);
    try {
      job.outcome = await runImport({ listings: this.deps.listings, prepareWrite: async () => this.deps }, def, read, task.mode, task.actor);
    } catch (err) {
      job.error = err as Error;
    }
    job.finishedAt = Date.now();
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** True when the job ended within `ms`. */
  async settled(job: ImportJob, ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const done = await Promise.race([job.finished.then(() => true), timeout]);
    clearTimeout(timer);
    return done;
  }

  /** Stops the running import (its transaction rolls back: nothing of it is written) and those waiting. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  private run(job: ImportJob, task: ImportTask): Promise<void> {
    if (this.closed) {
      Object.assign(job, { error: new Error('the server is stopping'), finishedAt: Date.now() });
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const worker = spawnWorker(task);
      this.workers.add(worker);
      let releaseGate: (() => void) | undefined;
      const finish = (outcome?: ImportOutcome, error?: Error) => {
        if (job.finishedAt !== undefined) return;
        Object.assign(job, { outcome, error, finishedAt: Date.now() });
        releaseGate?.();
        this.workers.delete(worker);
        resolve();
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') Object.assign(job, { phase: message.phase, done: message.done, total: message.total });
        else if (message.type === 'outcome') finish(message.outcome);
        else void this.gate.exclusive(() => this.lendDatabase(job, worker, (release) => (releaseGate = release)));
      });
      worker.on('error', (error) => finish(undefined, error));
      worker.on('exit', (code) => finish(undefined, new Error(`the import stopped before it ended (exit code ${code})`)));
    });
  }

  /** Lets the worker write, and holds the gate until it has finished. */
  private lendDatabase(job: ImportJob, worker: Worker, onRelease: (release: () => void) => void): Promise<void> {
    return new Promise((release) => {
      if (job.finishedAt !== undefined) return release();
      onRelease(release);
      worker.postMessage({ type: 'write' });
    });
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== undefined && now - job.finishedAt > KEPT_MS) this.jobs.delete(id);
  }
}
