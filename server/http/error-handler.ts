/** Turns any error into the same JSON shape for the API, or an error page in the user's language. */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { langFromAcceptLanguage, numberFormatter, translator } from '../i18n/i18n.js';
import { AppError } from '../core/app-error.js';
import { ReindexRunningError } from '../../search/search-service.js';
import { englishDetails, message } from '../core/messages.js';
import { localizeDetails } from './detail-text.js';

function wantsJson(path: string, accept: string | undefined): boolean {
  return path.startsWith('/api/') || path === '/api' || ['/healthz', '/readyz', '/metrics'].includes(path) || (accept ?? '').startsWith('application/json');
}

/** Errors raised by body parsers and other middleware carry a status; keep the 4xx ones. */
function normalise(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ReindexRunningError) return new AppError(err.code, 409, err.message);
  const e = err as { status?: number; statusCode?: number; type?: string; code?: string; message?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // The router refuses a path segment it cannot percent-decode before any parameter is read.
    if (err instanceof URIError) return new AppError('bad_request', 400, 'malformed request', { path: message('percentEncoding') });
    if (status === 413 || e.code === 'LIMIT_FILE_SIZE') return new AppError('payload_too_large', 413, 'the upload is too large');
    if (status === 403 && (e.code === 'EBADCSRFTOKEN' || /csrf/i.test(e.message ?? ''))) {
      return new AppError('csrf', 403, 'the form has expired; reload the page and try again');
    }
    if (status === 404) return new AppError('not_found', 404, 'not found');
    return new AppError('bad_request', status, status === 400 ? 'malformed request' : (e.message ?? 'request refused'));
  }
  if (e?.code === 'LIMIT_FILE_SIZE') return new AppError('payload_too_large', 413, 'the upload is too large');
  return new AppError('internal', 500, 'internal error', undefined, { cause: err });
}

/** The 404 for any route nobody answered. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', 404, `no such page: ${req.path}`));
};

/** The request's id, as the access log writes it (a new one for a request that never reached the log). */
function requestIdOf(req: Request): string {
  return req.id === undefined ? randomUUID() : String(req.id);
}

/** Logs through the request's logger (its id bound) when there is one. */
function logError(req: Request, err: unknown, message: string): void {
  if (req.log) req.log.error({ err }, message);
  else console.error(message, err);
}

/** The last middleware: logs unknown errors with the request's id and never sends a stack to the user. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const error = normalise(err);
  const requestId = requestIdOf(req);
  if (error.status >= 500) logError(req, err, 'request failed');
  if (res.headersSent) return res.end();
  const body = {
    error: {
      code: error.code,
      message: error.status >= 500 ? `internal error (request ${requestId})` : error.message,
      ...(error.details ? { details: englishDetails(error.details) } : {}),
    },
  };
  res.status(error.status);
  if (wantsJson(req.path, req.get('accept'))) return res.json(body);
  if (!res.locals.t) {
    res.locals.lang = langFromAcceptLanguage(req.get('accept-language'));
    res.locals.t = translator(res.locals.lang);
    res.locals.num = numberFormatter(res.locals.lang);
  }
  try {
    const shown = { ...body.error, details: localizeDetails(error.details, res.locals.lang, res.locals.t) };
    return res.render('error', { error: shown, status: error.status, requestId }, (renderErr: unknown, html?: string) => {
      if (renderErr) {
        logError(req, renderErr, 'error page failed');
        return res.type('text/plain').send(`${error.status} ${body.error.message}`);
      }
      return res.type('html').send(html);
    });
  } catch (renderErr) {
    logError(req, renderErr, 'error page failed');
    return res.type('text/plain').send(`${error.status} ${body.error.message}`);
  }
};
