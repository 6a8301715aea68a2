/** Graceful shutdown: stop accepting, finish the requests in flight, drain what the outbox can, close, exit. */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { SearchService } from '../../search/search-service.js';
import type { Readiness } from './readiness.js';

/** How long the outbox may be drained to an external engine before stopping; the rest waits for the next start. */
const DRAIN_MS = 2000;

/** What a shutdown stops: readiness first, the search outbox, then everything else. */
export interface ShutdownDeps {
  readiness: Readiness;
  logger: Logger;
  /** Drains the outbox to an external engine, within the time left. */
  search: Pick<SearchService, 'flush'>;
  /** Closes everything the server opened. */
  close(): Promise<void>;
}

/**
 * Stops the server within `timeoutMs`: readiness turns to 503 at once, new connections are refused, requests
 * in flight finish (then their connections close), index jobs are applied for up to two seconds and kept
 * otherwise, a backup under way completes, and the database is closed. Resolves with the exit code: 0, or 1
 * when connections had to be cut at the bound.
 */
export async function shutdown(server: Server, ctx: ShutdownDeps, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  ctx.readiness.beginShutdown();
  ctx.logger.info({ timeoutMs }, 'stopping: finishing requests in flight');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A kept-alive connection waiting for its next request is closed now, and each one as its response ends.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()))));
  const cut = await Promise.race([closed.then(() => false), timedOut]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (cut) {
    ctx.logger.warn('stopping: requests still running at the bound were cut');
    server.closeAllConnections();
  }
  const drained = await ctx.search.flush(Math.max(0, Math.min(DRAIN_MS, deadline - Date.now())));
  if (!drained) ctx.logger.info('stopping: index jobs left in the outbox for the next start');
  await ctx.close();
  ctx.logger.info('stopped');
  return cut ? 1 : 0;
}
