/** Accounts (admins only): add, disable or enable, and reset a password. */
import { Router, type Response } from 'express';
import { currentUser, requireRole } from '../auth/guards.js';
import type { UserService } from '../auth/users.js';
import { AppError } from '../core/app-error.js';
import { message } from '../core/messages.js';
import { translateDetails } from './messages.js';
import { idParam, setFlash } from './page.js';

type Body = Record<string, unknown>;

/** 400 naming `confirm` when the password was not typed the same twice. */
function checkTwice(body: Body): void {
  if (body.password !== body.confirm) throw new AppError('bad_request', 400, 'invalid account', { confirm: message('mismatch') });
}

export function userRoutes(users: UserService): Router {
  const router = Router();
  router.use('/users', requireRole('admin'));

  const renderUsers = (res: Response, status: number, form: { username: string; role: string }, errors: Record<string, string> = {}, resetErrors: Record<number, string> = {}) =>
    res.status(status).render('admin/users', { users: users.list(), form, errors, resetErrors });

  /** Runs an account change; a 400 shows the page again with its messages. */
  const attempt = async (res: Response, change: () => Promise<unknown>, onBadInput: (errors: Record<string, string>) => void): Promise<boolean> => {
    try {
      await change();
      return true;
    } catch (err) {
      if (!(err instanceof AppError && err.status === 400)) throw err;
      onBadInput(translateDetails(err.details ?? {}, res.locals.t));
      return false;
    }
  };

  router.get('/users', (_req, res) => {
    renderUsers(res, 200, { username: '', role: 'editor' });
  });

  router.post('/users', async (req, res) => {
    const body = req.body as Body;
    const form = { username: String(body.username ?? ''), role: String(body.role ?? '') };
    const created = await attempt(
      res,
      async () => {
        checkTwice(body);
        await users.create({ ...form, password: body.password }, currentUser(res).username);
      },
      (errors) => renderUsers(res, 400, form, errors),
    );
    if (!created) return;
    setFlash(req, 'userCreated', { name: form.username.trim() });
    res.redirect(303, '/admin/users');
  });

  for (const state of ['disable', 'enable'] as const) {
    router.post(`/users/:id/${state}`, (req, res) => {
      const id = idParam(req);
      if (id === currentUser(res).id) throw new AppError('forbidden', 403, 'you cannot disable your own account');
      const user = users.setDisabled(id, state === 'disable', currentUser(res).username);
      setFlash(req, user.disabled ? 'userDisabled' : 'userEnabled', { name: user.username });
      res.redirect(303, '/admin/users');
    });
  }

  router.post('/users/:id/password', async (req, res) => {
    const id = idParam(req);
    const body = req.body as Body;
    const reset = await attempt(
      res,
      async () => {
        checkTwice(body);
        await users.resetPassword(id, body.password, currentUser(res).username);
      },
      (errors) => renderUsers(res, 400, { username: '', role: 'editor' }, {}, { [id]: Object.values(errors)[0] ?? '' }),
    );
    if (!reset) return;
    setFlash(req, 'passwordReset', { name: users.get(id)?.username ?? '' });
    res.redirect(303, '/admin/users');
  });

  return router;
}
