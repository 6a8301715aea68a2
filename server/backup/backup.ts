/**
 * Online backups of the database (SQLite's backup API): one consistent snapshot, checked with `integrity_check`
 * and only then renamed into place. Used by `npm run backup`, the server's scheduled backups and `npm run restore`.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { COLLECTION_NAMES } from '../collections/define.js';
import type { Db } from '../db/connection.js';

/** A backup or restore that cannot be done, with a message for the person who asked. */
export class BackupError extends Error {}

/** What a backup wrote. */
export interface BackupReport {
  file: string;
  bytes: number;
  ms: number;
  counts: Record<string, number>;
}

/** Where the copy is read from: a database file (read in one step), or the server's own open connection. */
export type BackupSource = { file: string } | { db: Db; file: string };

/**
 * Pages copied per step when the server backs up through its own connection: about a megabyte, a few
 * milliseconds of work between which requests are answered. Writes made through that connection meanwhile
 * are carried into the copy by SQLite, so the copy still ends as one consistent snapshot.
 */
const PAGES_PER_STEP = 256;

/** Copies the database to `target` in one snapshot, checks the copy, then renames it into place. */
export async function backupDatabase(source: BackupSource, target: string): Promise<BackupReport> {
  const started = performance.now();
  const from = resolve(source.file);
  const to = resolve(target);
  if (!existsSync(from)) throw new BackupError(`no database at ${from} (set DATABASE_PATH)`);
  if (from === to) throw new BackupError('the backup file must not be the database itself');
  if (!existsSync(dirname(to))) throw new BackupError(`cannot write ${to}: folder ${dirname(to)} does not exist`);
  if (!statSync(dirname(to)).isDirectory()) throw new BackupError(`cannot write ${to}: ${dirname(to)} is not a folder`);
  if (existsSync(to) && statSync(to).isDirectory()) throw new BackupError(`cannot write ${to}: it is a folder`);

  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  try {
    if ('db' in source) {
      await source.db.backup(partial, { progress: () => PAGES_PER_STEP });
    } else {
      const db = new Database(from, { readonly: true, fileMustExist: true });
      // All pages in one step: one read transaction, so writes of other processes never restart the copy.
      await db.backup(partial, { progress: () => 0x7fffffff }).finally(() => db.close());
    }
    const counts = await checkInWorker(partial);
    renameSync(partial, to);
    return { file: to, bytes: statSync(to).size, ms: Math.round(performance.now() - started), counts };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`cannot write ${to}: ${(err as Error).message}`);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Makes a copy a single self-contained file and checks it; returns its listing counts. Runs in a worker
 * thread: checking a large directory takes seconds, during which the server keeps answering.
 */
export function checkInWorker(file: string): Promise<Record<string, number>> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.lib);
    const db = new Database(workerData.file, { fileMustExist: true });
    try {
      db.pragma('journal_mode = DELETE');
      const integrity = db.pragma('integrity_check', { simple: true });
      const counts = {};
      if (integrity === 'ok') for (const name of workerData.collections) counts[name] = db.prepare('SELECT count(*) FROM ' + name).pluck().get();
      parentPort.postMessage({ integrity: String(integrity), counts });
    } finally {
      db.close();
    }`;
  const lib = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { lib, file, collections: COLLECTION_NAMES } });
    worker.once('message', (m: { integrity: string; counts: Record<string, number> }) => {
      if (m.integrity !== 'ok') reject(new BackupError(`the copy failed its integrity check: ${m.integrity}`));
      else resolvePromise(m.counts);
    });
    worker.once('error', (err) => reject(new BackupError(`the copy cannot be read as a database: ${err.message}`)));
  });
}

/** The listing counts of a report as one phrase: `platforms 166, institutions 9, …`. */
export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts).map(([name, n]) => `${name} ${n}`).join(', ');
}
