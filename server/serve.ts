/** Listens with an app and stops it gracefully on SIGTERM/SIGINT; used by `main.ts` and the benchmark's server. */
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import type { Express } from 'express';
import { prepareAnalysis } from '../search/analysis/query-analysis.js';
import type { Config } from './core/config.js';
import type { AppContext } from './context.js';
import { shutdown } from './lifecycle/shutdown.js';

/**
 * Lets the JavaScript heap grow to 1.25× what the last full collection kept, instead of V8's default of up to
 * about 4×. Under steady traffic some short-lived objects (requests waiting in the queue, their responses) reach
 * the old generation, which then grew to ~170 MB of mostly garbage before a full collection; with this it stays
 * near 1.25× the live data (the benchmark's server peak at 100,000 listings, since the search analysis keeps its
 * dictionaries in memory: 311 MB at 1.5×, 295 MB at 1.3×, 287 MB at 1.25×, with no measurable loss of
 * throughput). Relative to the live data, it cannot run out of memory the way a fixed cap could.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=25');
}

/**
 * Loads the search analysis's dictionaries and the embedded engine's attributes, prints `listening on http://HOST:PORT` (or one line and exit code 1 when the address cannot be bound), starts
 * the scheduled backups, and on SIGTERM or SIGINT stops within `SHUTDOWN_TIMEOUT`; a second signal exits at once.
 */
export function serve(app: Express, ctx: AppContext, config: Config): void {
  prepareAnalysis();
  ctx.search.warmUp();
  // Express 5 calls back with the error too (a port in use, a bad address).
  const server = app.listen(config.PORT, config.HOST, (err?: Error) => {
    if (err) {
      console.error(`cannot listen on ${config.HOST}:${config.PORT}: ${err.message}`);
      process.exit(1);
    }
    const { port } = server.address() as AddressInfo;
    console.log(`listening on http://${config.HOST}:${port}`);
    ctx.backups?.start();
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    ctx.logger.info({ signal }, 'signal received');
    // The bound holds even if closing the database hangs.
    setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT + 5000).unref();
    void shutdown(server, ctx, config.SHUTDOWN_TIMEOUT).then(
      (code) => process.exit(code),
      (err: unknown) => {
        ctx.logger.error({ err }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
