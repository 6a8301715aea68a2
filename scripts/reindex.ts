/**
 * `npm run reindex`: rebuilds the search index from SQLite (the embedded index, and Meilisearch when MEILI_HOST is
 * set), with a progress bar on a terminal and plain progress lines otherwise, then checks the document counts.
 * Safe while the server runs: searches keep answering from a full index throughout, and only one process rebuilds
 * Meilisearch at a time.
 */
import cliProgress from 'cli-progress';
import { ListingService } from '../server/collections/listing-service.js';
import { loadConfigOrExit, type Config } from '../server/core/config.js';
import { openDatabase } from '../server/db/connection.js';
import { migrate } from '../server/db/migrate.js';
import { SearchService, searchOptions, type ReindexProgress } from '../search/search-service.js';

interface Reporter {
  update: ReindexProgress;
  stop(): void;
}

/** A bar per engine on a terminal. */
function barReporter(): Reporter {
  let bar: cliProgress.SingleBar | null = null;
  let engine = '';
  return {
    update: (p) => {
      if (p.engine !== engine) {
        bar?.stop();
        engine = p.engine;
        bar = new cliProgress.SingleBar({ format: `${engine.padEnd(11)} [{bar}] {percentage}% {value}/{total}` }, cliProgress.Presets.shades_classic);
        bar.start(p.total, 0);
      }
      bar!.update(p.done);
    },
    stop: () => bar?.stop(),
  };
}

/** A line per tenth of the way (and at the end) when the output is a file or a pipe. */
function lineReporter(): Reporter {
  let last = '';
  return {
    update: (p) => {
      const tenth = p.total ? Math.floor((p.done / p.total) * 10) : 10;
      const key = `${p.engine}:${tenth}`;
      if (key === last && p.done !== p.total) return;
      last = key;
      console.log(`reindex ${p.engine}: ${p.done}/${p.total} (${p.total ? Math.round((p.done / p.total) * 100) : 100}%)`);
    },
    stop: () => undefined,
  };
}

async function reindex(config: Config): Promise<number> {
  const db = openDatabase(config.DATABASE_PATH);
  migrate(db);
  const search = new SearchService({ options: searchOptions(config), db, listings: new ListingService(db) });
  const reporter = process.stdout.isTTY ? barReporter() : lineReporter();
  const started = performance.now();
  try {
    // Another process's rebuild (the server's, or a second reindex) is waited for, then this one runs.
    const result = await search.reindex(reporter.update, { wait: true, onWait: (message) => console.log(`reindex: ${message}`) });
    reporter.stop();
    if (result.remoteError) {
      console.error(`reindex: Meilisearch was not rebuilt (it keeps its previous index): ${result.remoteError}`);
      return 1;
    }
    if (!(await search.flush(60_000))) console.error('reindex: changes made during the rebuild are still waiting for Meilisearch');
    const counts = await search.counts();
    const engines = Object.entries(counts).filter(([name]) => name !== 'listings');
    console.log(`reindex: ${counts.listings} active listings; ${engines.map(([name, n]) => `${name} ${n ?? 'unknown'}`).join(', ')} (${Math.round(performance.now() - started)} ms)`);
    const wrong = engines.filter(([, n]) => n !== counts.listings);
    if (wrong.length) {
      console.error(`reindex: counts differ from the listings: ${wrong.map(([name]) => name).join(', ')}`);
      return 1;
    }
    return 0;
  } finally {
    reporter.stop();
    await search.close();
    db.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  try {
    process.exitCode = await reindex(config);
  } catch (err) {
    console.error(`reindex failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

void main();
