/** Sessions of signed-in staff, and the stateless CSRF protection shared by the public forms and the back office. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Db } from '../db/connection.js';
import type { WriteGate } from '../db/write-gate.js';
import { AppError } from '../core/app-error.js';
import { SqliteSessionStore } from './session-store.js';

/** Idle timeout: a session unused this long ends. The absolute timeout is enforced at sign-in. */
export const SESSION_IDLE_MS = 2 * 3600 * 1000;
export const SESSION_COOKIE = 'cjd.sid';

/** The configured secret, or one generated on first start and kept in the database. */
export function sessionSecret(db: Db, configured: string | undefined): string {
  if (configured) return configured;
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run('sessionSecret', randomBytes(32).toString('hex'));
  const stored = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get('sessionSecret');
  if (stored === undefined) throw new Error('the session secret was not kept in the settings table');
  return stored;
}

/** Cookie sessions stored in SQLite: HttpOnly, SameSite=Lax, Secure over TLS (as Express sees it: TRUST_PROXY), renewed on use. */
export function sessionMiddleware(db: Db, secret: string, gate?: WriteGate): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: new SqliteSessionStore(db, gate),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_IDLE_MS },
  });
}

/** The cookie of the double-submit CSRF token: a random value that only this server can sign. */
export const CSRF_COOKIE = 'cjd.csrf';

const CSRF_SECRET = Symbol('csrfSecret');
type WithSecret = Request & { [CSRF_SECRET]?: string };
const COOKIE_VALUE = /^[A-Za-z0-9_-]{32}$/;

/** Lets `csrfToken` and `csrfProtection` sign with the server's secret; mounted once, before the routers. */
export function csrfSecret(secret: string): RequestHandler {
  return (req, _res, next) => {
    (req as WithSecret)[CSRF_SECRET] = secret;
    next();
  };
}

/**
 * The form token: the cookie's random value signed with the secret, bound to the signed-in session when there is
 * one (a token taken from another visit is worthless there). Nothing is stored on the server.
 */
function expectedToken(req: Request, cookieValue: string): string {
  const secret = (req as WithSecret)[CSRF_SECRET];
  if (!secret) throw new Error('csrfSecret() must run before CSRF tokens are made or checked');
  const bound = req.session?.userId !== undefined ? req.sessionID : '';
  return createHmac('sha256', secret).update(`csrf|${cookieValue}|${bound}`).digest('base64url');
}

/** The token to put in every form as `_csrf`; sets the cookie it pairs with when the visitor has none yet. */
export function csrfToken(req: Request): string {
  let value = req.cookies?.[CSRF_COOKIE] as unknown;
  if (typeof value !== 'string' || !COOKIE_VALUE.test(value)) {
    value = randomBytes(24).toString('base64url');
    req.res?.cookie(CSRF_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
  }
  return expectedToken(req, value as string);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Rejects a state-changing request whose `_csrf` field (or `X-CSRF-Token` header) does not match its cookie (403). */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const body = req.body as Record<string, unknown> | undefined;
  const sent = typeof body?._csrf === 'string' ? body._csrf : req.get('x-csrf-token');
  const value = req.cookies?.[CSRF_COOKIE] as unknown;
  const ok = typeof sent === 'string' && typeof value === 'string' && COOKIE_VALUE.test(value) && sameText(sent, expectedToken(req, value));
  next(ok ? undefined : new AppError('csrf', 403, 'the form has expired; reload the page and try again'));
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
