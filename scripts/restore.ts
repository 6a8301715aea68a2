/**
 * `npm run restore -- FILE`: puts a backup in place as the database at DATABASE_PATH, which must not exist yet
 * (nor its -wal and -shm companions). The backup is copied next to it, checked with SQLite's `integrity_check`
 * and its listings counted, and only then renamed into place; a backup that fails the check is never used.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BackupError, checkInWorker, describeCounts } from '../server/backup/backup.js';
import { ConfigError, loadConfig } from '../server/core/config.js';

/** Copies `backup` to `target` once the copy passes the check; returns the listing counts. */
async function restore(backup: string, target: string): Promise<Record<string, number>> {
  if (!existsSync(backup) || !statSync(backup).isFile()) throw new BackupError(`no backup file at ${backup}`);
  const present = [target, `${target}-wal`, `${target}-shm`].filter((file) => existsSync(file));
  if (present.length) {
    throw new BackupError(`${present.join(', ')} already exists: stop the server and move the old database and its -wal and -shm files away first`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  try {
    copyFileSync(backup, partial);
    const counts = await checkInWorker(partial);
    renameSync(partial, target);
    return counts;
  } finally {
    rmSync(partial, { force: true });
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error('usage: npm run restore -- FILE   (restores the backup FILE as DATABASE_PATH, default data/directory.db, which must not exist)');
    process.exit(2);
  }
  try {
    const target = resolve(loadConfig().DATABASE_PATH);
    const counts = await restore(resolve(file), target);
    console.log(`restored ${resolve(file)} to ${target} (integrity ok; ${describeCounts(counts)})`);
  } catch (err) {
    if (!(err instanceof BackupError || err instanceof ConfigError)) throw err;
    console.error(`restore failed: ${err.message}`);
    process.exit(1);
  }
}

await main();
