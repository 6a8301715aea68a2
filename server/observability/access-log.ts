/** The access log: one line per request with its id, method, path, status and duration, and nothing personal. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { FACET_PARAMS } from '../collections/facets.js';
import { plainAddress } from './addresses.js';
import type { Logger } from './logger.js';

/** Query parameters whose values are codes or numbers; every other value (a search text, a return path) is hidden. */
const PLAIN_PARAMS = new Set<string>([
  ...FACET_PARAMS, 'available', 'sort', 'page', 'perPage', 'lang', 'facets',
  'status', 'stale', 'format', 'action',
]);

/** Paths polled by monitoring: logged at debug only, so they do not drown the requests of people. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** A request id a proxy may pass on (nginx's `$request_id` is 32 hex digits). */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The path as it may be logged: the query's values kept for codes only, `*` for anything a person typed. */
export function loggedPath(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const params = new URLSearchParams(url.slice(mark + 1));
  const shown = [...params].map(([key, value]) => `${encodeURIComponent(key)}=${PLAIN_PARAMS.has(key) ? encodeURIComponent(value) : '*'}`);
  return `${url.slice(0, mark)}${shown.length ? '?' + shown.join('&') : ''}`;
}

/** `GET /search?q=* 200`: the line a person reads first. */
function summary(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): string {
  return `${req.method} ${loggedPath(req.originalUrl ?? req.url ?? '')} ${res.statusCode}`;
}

/** True when the request's direct peer is a proxy the app trusts (Express's `trust proxy`). */
function fromTrustedProxy(req: IncomingMessage): boolean {
  const trust = (req as Request).app?.get('trust proxy fn') as ((addr: string, i: number) => boolean) | undefined;
  const peer = req.socket.remoteAddress;
  return Boolean(trust && peer && trust(peer, 0));
}

/**
 * Gives each request an id (the one a trusted proxy sent in `X-Request-Id`, else a new one), answers it in
 * `X-Request-Id`, and logs the request when its response ends. The error page shows the same id.
 */
export function accessLog(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    wrapSerializers: false,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && REQUEST_ID.test(sent) && fromTrustedProxy(req) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({ id: req.id, method: req.method, path: loggedPath(req.originalUrl ?? req.url ?? '') }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    customProps: (req: IncomingMessage) => ({ ip: plainAddress((req as Request).ip ?? '') }),
    customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => {
      if (err || res.statusCode >= 500) return 'error';
      return PROBES.has((req.url ?? '').split('?')[0]!) ? 'debug' : 'info';
    },
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => summary(req, res),
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) => summary(req, res),
  });
  return (req, res, next) => {
    middleware(req, res);
    req.log.debug('request received');
    next();
  };
}
