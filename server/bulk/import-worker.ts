/**
 * The worker thread of an import: reads, checks and writes a file on its own database connection, so that the
 * server's event loop never waits for it (a 100,000-row file takes seconds of parsing, checking and writing).
 * It writes only when the server grants it (see `WriteGate`), in one transaction: every row, or none.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { SearchService, searchOptions } from '../../search/search-service.js';
import { AuditLog } from '../audit/audit-log.js';
import { ListingService } from '../collections/listing-service.js';
import { getCollection } from '../collections/registry.js';
import type { Config } from '../core/config.js';
import { openDatabase } from '../db/connection.js';
import { runImport, type ImportOutcome, type ImportPhase } from './import.js';
import { readImportFile } from './read-file.js';

/** What the server hands the worker. */
export interface ImportTask {
  config: Config;
  collection: string;
  fileName: string;
  file: Uint8Array;
  mode: 'dry-run' | 'commit';
  actor: string;
}

/** Messages from the worker to the server. */
export type WorkerMessage =
  | { type: 'progress'; phase: ImportPhase; done: number; total: number }
  | { type: 'ready-to-write' }
  | { type: 'outcome'; outcome: ImportOutcome };

const port = parentPort!;

/**
 * On Linux, lowers this thread's scheduling priority (nice 10): on a busy machine the server's own thread gets the
 * cores first, so searches stay fast while an import takes a little longer. Elsewhere it does nothing.
 */
function yieldToTheServer(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 10);
  } catch {
    // No per-thread priority on this system: the import runs at the server's priority.
  }
}

function progress(phase: ImportPhase, done = 0, total = 0): void {
  port.postMessage({ type: 'progress', phase, done, total } satisfies WorkerMessage);
}

/** Asks the server for the database and waits until no request of its own may be writing. */
function permissionToWrite(): Promise<void> {
  progress('waiting');
  return new Promise((resolve) => {
    port.once('message', () => resolve());
    port.postMessage({ type: 'ready-to-write' } satisfies WorkerMessage);
  });
}

async function run(task: ImportTask): Promise<ImportOutcome> {
  const def = getCollection(task.collection);
  progress('reading');
  const read = readImportFile(def, { buffer: Buffer.from(task.file.buffer, task.file.byteOffset, task.file.byteLength), originalname: task.fileName });
  const db = openDatabase(task.config.DATABASE_PATH);
  let search: SearchService | undefined;
  try {
    const listings = new ListingService(db);
    const prepareWrite = async () => {
      const audit = new AuditLog(db);
      listings.onChange(audit.recordChange);
      // The search service indexes each change inside the import's transaction, as for any other write.
      search = new SearchService({ options: searchOptions(task.config), db, listings });
      await permissionToWrite();
      return { db, listings, audit };
    };
    return await runImport({ listings, progress, prepareWrite }, def, read, task.mode, task.actor);
  } finally {
    await search?.close();
    db.close();
  }
}

yieldToTheServer();
const outcome = await run(workerData as ImportTask);
port.postMessage({ type: 'outcome', outcome } satisfies WorkerMessage);
port.close();
