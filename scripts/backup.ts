/**
 * `npm run backup -- FILE`: an online backup of the database while the server keeps serving and writing.
 * The copy is one consistent snapshot, written next to FILE and renamed into place only once checked.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { COLLECTION_NAMES } from '../server/collections/define.js';
import { ConfigError, loadConfig } from '../server/config.js';

class BackupError extends Error {}

interface BackupReport {
  file: string;
  bytes: number;
  ms: number;
  counts: Record<string, number>;
}

/** Copies the database at `source` to `target` in one read snapshot, checks the copy, then renames it into place. */
async function backupDatabase(source: string, target: string): Promise<BackupReport> {
  const started = performance.now();
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new BackupError(`no database at ${from} (set DATABASE_PATH)`);
  if (from === to) throw new BackupError('the backup file must not be the database itself');
  if (!existsSync(dirname(to))) throw new BackupError(`cannot write ${to}: folder ${dirname(to)} does not exist`);
  if (!statSync(dirname(to)).isDirectory()) throw new BackupError(`cannot write ${to}: ${dirname(to)} is not a folder`);
  if (existsSync(to) && statSync(to).isDirectory()) throw new BackupError(`cannot write ${to}: it is a folder`);

  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step: one read transaction, so concurrent writes never restart the copy.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BackupError(`cannot write ${to}: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  try {
    const counts = checkCopy(partial);
    renameSync(partial, to);
    return { file: to, bytes: statSync(to).size, ms: Math.round(performance.now() - started), counts };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Makes the copy a single self-contained file, and refuses it unless SQLite finds it intact. */
function checkCopy(file: string): Record<string, number> {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`the copy failed its integrity check: ${String(integrity)}`);
    return Object.fromEntries(COLLECTION_NAMES.map((name) => [name, copy.prepare(`SELECT count(*) FROM ${name}`).pluck().get() as number]));
  } finally {
    copy.close();
  }
}

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    console.error('usage: npm run backup -- FILE   (copies DATABASE_PATH, default data/directory.db, to FILE)');
    process.exit(2);
  }
  try {
    const { DATABASE_PATH } = loadConfig();
    const r = await backupDatabase(DATABASE_PATH, target);
    const counts = Object.entries(r.counts).map(([name, n]) => `${name} ${n}`).join(', ');
    console.log(`backup written to ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB in ${r.ms} ms; integrity ok; ${counts})`);
  } catch (err) {
    if (!(err instanceof BackupError || err instanceof ConfigError)) throw err;
    console.error(`backup failed: ${err.message}`);
    process.exit(1);
  }
}

await main();
