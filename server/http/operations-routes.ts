/** What operators and their tools read: liveness, readiness, metrics; and the headers that come with running behind TLS. */
import { Router, type RequestHandler } from 'express';
import type { SearchService } from '../../search/search-service.js';
import type { Config } from '../core/config.js';
import { AppError } from '../core/app-error.js';
import type { Readiness } from '../lifecycle/readiness.js';
import { addressMatcher } from '../observability/addresses.js';
import type { Metrics } from '../observability/metrics.js';

/** One year; sent only over https, so a browser that once reached the site securely never tries plain http again. */
const HSTS = 'max-age=31536000';

/** Headers a proxy adds: a request carrying one came through a proxy and is never served the metrics. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * HSTS on every answer to a request that came over https — which, behind a proxy, Express believes only when
 * the proxy is trusted (`TRUST_PROXY`) and said so in `X-Forwarded-Proto`.
 */
export const strictTransportSecurity: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  next();
};

/** While stopping, every answer closes its connection, so clients reconnect to a server that stays. */
export function whileStopping(readiness: Readiness): RequestHandler {
  return (_req, res, next) => {
    if (readiness.shuttingDown) res.setHeader('Connection', 'close');
    next();
  };
}

/** What the operations routes read. */
export interface OperationsDeps {
  config: Pick<Config, 'METRICS_ALLOW'>;
  search: SearchService;
  readiness: Readiness;
  metrics: Metrics;
}

/** `/healthz` (alive: the contract's answer), `/readyz` (ready for traffic: 200 or 503) and `/metrics`. */
export function operationsRoutes(ctx: OperationsDeps): Router {
  const router = Router();
  const allowed = addressMatcher(ctx.config.METRICS_ALLOW);

  router.get('/healthz', (_req, res) => {
    const { engine, pendingIndexJobs } = ctx.search.health();
    res.json({ status: 'ok', engine, pendingIndexJobs });
  });

  router.get('/readyz', (_req, res) => {
    const report = ctx.readiness.report();
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });

  router.get('/metrics', async (req, res) => {
    const forwarded = FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined);
    if (forwarded || !allowed(req.socket.remoteAddress)) {
      throw new AppError('forbidden', 403, 'metrics are served only to the addresses of METRICS_ALLOW, never through a proxy');
    }
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });

  return router;
}
