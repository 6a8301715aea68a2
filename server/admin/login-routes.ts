/** Sign-in and sign-out of the back office: throttled, audited without secrets, a new session id at sign-in. */
import { Router, type Request, type Response } from 'express';
import type { AuditLog } from '../audit/audit-log.js';
import { endSession, safeNext, sessionUser, startSession } from '../auth/guards.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { csrfProtection, csrfToken, SESSION_COOKIE } from '../auth/session.js';
import type { UserService } from '../auth/users.js';

interface LoginDeps {
  users: UserService;
  throttle: LoginThrottle;
  audit: AuditLog;
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function renderLogin(req: Request, res: Response, status: number, vars: { username?: string; error?: string; errorField?: string; next?: string }): void {
  res.status(status).render('admin/login', {
    csrfToken: csrfToken(req),
    username: vars.username ?? '',
    error: vars.error ?? null,
    // The field the summary leads to: the one left empty, else the password to type again.
    errorField: vars.error ? (vars.errorField ?? 'password') : null,
    next: safeNext(vars.next ?? req.query.next),
  });
}

/** An hour of failures of one account from one address is one audit entry, however many there were. */
const FAILURE_WINDOW_MS = 3600_000;

function logFailure(audit: AuditLog, actor: string, address: string, reason: string): void {
  const window = Math.floor(Date.now() / FAILURE_WINDOW_MS);
  audit.recordCounted(actor, 'login.failure', `login.failure:${window}:${address}:${actor}`, { address, reason });
}

/** GET/POST /login and POST /logout. */
export function loginRoutes({ users, throttle, audit }: LoginDeps): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    if (sessionUser(req, users)) return res.redirect(safeNext(req.query.next));
    renderLogin(req, res, 200, {});
  });

  router.post('/login', csrfProtection, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const username = text(body.username, 64).trim();
    const password = text(body.password, 1024);
    const next = text(body.next, 2000);
    const t = res.locals.t;
    if (!username || !password) return renderLogin(req, res, 400, { username, next, error: t('admin.login.missing'), errorField: username ? 'password' : 'username' });
    const address = req.ip ?? 'unknown';
    const admission = throttle.reserve(username, address);
    if (!admission.admitted) {
      logFailure(audit, users.knownName(username) ?? 'anonymous', address, 'throttled');
      return renderLogin(req, res, 429, { username, next, error: t('admin.login.throttled', { minutes: Math.ceil(admission.waitMs / 60_000) }) });
    }
    if (admission.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, admission.slowMs));
    const result = await users.authenticate(username, password);
    if (!result.ok) {
      logFailure(audit, result.user?.username ?? 'anonymous', address, result.reason);
      const error = t(result.reason === 'disabled' ? 'admin.login.disabled' : 'admin.login.wrong');
      return renderLogin(req, res, 401, { username, next, error });
    }
    throttle.succeeded(admission.ticket);
    await startSession(req, result.user);
    users.recordLogin(result.user.id);
    audit.record(result.user.username, 'login.success', JSON.stringify({ address }));
    res.redirect(303, safeNext(next));
  });

  // Signing out of a session that already ended has nothing to protect: it just goes to the sign-in page.
  router.post('/logout', (req, res, next) => (sessionUser(req, users) ? csrfProtection(req, res, next) : next()), async (req, res) => {
    if (req.session) await endSession(req);
    res.clearCookie(SESSION_COOKIE);
    res.redirect(303, '/admin/login');
  });

  return router;
}
