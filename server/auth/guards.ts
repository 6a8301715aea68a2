/** Who is signed in: session start and end, and the guards in front of the back office. */
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../core/app-error.js';
import type { Role, User, UserService } from './users.js';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    /** When the user signed in (epoch ms), for the absolute timeout. */
    authAt?: number;
    /** The account's credential generation at the password check that opened this session. */
    generation?: number;
  }
}

/** However active, a session ends this long after sign-in. The idle timeout is the cookie's rolling maxAge. */
export const SESSION_ABSOLUTE_MS = 12 * 3600 * 1000;

/** True for a request that expects JSON rather than a page. */
export function wantsJson(req: Request): boolean {
  return req.originalUrl.startsWith('/admin/api/') || (req.get('accept') ?? '').startsWith('application/json');
}

/** The signed-in user of a request that passed `requireUser`. */
export function currentUser(res: Response): User {
  return res.locals.user as User;
}

/**
 * The session's user while the session is valid: account enabled, not too old, and of the credential generation
 * its password was checked under (a password reset or any other change to the account ends it).
 */
export function sessionUser(req: Request, users: UserService): User | undefined {
  const { userId, authAt, generation } = req.session ?? {};
  if (userId === undefined || authAt === undefined) return undefined;
  const user = users.get(userId);
  const valid = user && !user.disabled && Date.now() - authAt < SESSION_ABSOLUTE_MS && user.credentialGeneration === generation;
  if (valid) return user;
  delete req.session.userId;
  delete req.session.authAt;
  delete req.session.generation;
  return undefined;
}

/** Lets signed-in users through; others get a 401 (JSON) or the sign-in page, coming back here after. */
export function requireUser(users: UserService): RequestHandler {
  return (req, res, next) => {
    const user = sessionUser(req, users);
    if (user) {
      res.locals.user = user;
      return next();
    }
    if (wantsJson(req)) return void res.status(401).json({ error: { code: 'unauthorized', message: 'sign in first' } });
    const back = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    res.redirect(302, `/admin/login${back}`);
  };
}

/** Lets through only users of one of these roles (403 otherwise); runs after `requireUser`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    if (roles.includes(currentUser(res).role)) return next();
    next(new AppError('forbidden', 403, 'this needs an administrator'));
  };
}

/** Starts a signed-in session under a new id, so an id planted before sign-in is worthless after it. */
export function startSession(req: Request, user: User): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.userId = user.id;
      req.session.authAt = Date.now();
      req.session.generation = user.credentialGeneration;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

/** Ends the session: its row is deleted, the id is useless from now on. */
export function endSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

/** A safe place to go after sign-in: a path of the back office, never another site. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/admin(\/|$|\?)/.test(value) && !value.includes('//') && !value.includes('\\') ? value : '/admin';
}
