/** Session and CSRF middleware shared by the public forms and the back office. */
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import type { Db } from '../db/connection.js';
import { SqliteSessionStore } from './session-store.js';

/** Idle timeout: a session unused this long ends. The absolute timeout is enforced at sign-in. */
export const SESSION_IDLE_MS = 2 * 3600 * 1000;
export const SESSION_COOKIE = 'cjd.sid';

/** The configured secret, or one generated on first start and kept in the database. */
export function sessionSecret(db: Db, configured: string | undefined): string {
  if (configured) return configured;
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run('sessionSecret', randomBytes(32).toString('hex'));
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('sessionSecret') as string;
}

/** Cookie sessions stored in SQLite: HttpOnly, SameSite=Lax, Secure over TLS (as Express sees it: TRUST_PROXY), renewed on use. */
export function sessionMiddleware(db: Db, secret: string): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: new SqliteSessionStore(db),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_IDLE_MS },
  });
}

const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof fromBody === 'string' ? fromBody : req.get('x-csrf-token');
  },
});

/** Rejects a state-changing request whose form does not carry the session's token (403). */
export const csrfProtection: RequestHandler = csrf.csrfSynchronisedProtection;

/** The session's CSRF token, made on first use; put it in every form as `_csrf`. */
export const csrfToken = csrf.generateToken;
