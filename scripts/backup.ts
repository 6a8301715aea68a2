/**
 * `npm run backup -- FILE`: an online backup of the database while the server keeps serving and writing.
 * The copy is one consistent snapshot, written next to FILE and renamed into place only once checked.
 */
import { BackupError, backupDatabase, describeCounts } from '../server/backup/backup.js';
import { ConfigError, loadConfig } from '../server/core/config.js';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    console.error('usage: npm run backup -- FILE   (copies DATABASE_PATH, default data/directory.db, to FILE)');
    process.exit(2);
  }
  try {
    const { DATABASE_PATH } = loadConfig();
    const r = await backupDatabase({ file: DATABASE_PATH }, target);
    console.log(`backup written to ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB in ${r.ms} ms; integrity ok; ${describeCounts(r.counts)})`);
  } catch (err) {
    if (!(err instanceof BackupError || err instanceof ConfigError)) throw err;
    console.error(`backup failed: ${err.message}`);
    process.exit(1);
  }
}

await main();
