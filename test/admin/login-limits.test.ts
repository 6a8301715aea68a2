import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserService } from '../../server/auth/users.js';
import type { TestApp } from '../helpers/context.js';
import { ADMIN, addUser, createAdminApp, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  // The tests speak as several addresses through X-Forwarded-For, as a reverse proxy on loopback would.
  t = await createAdminApp({ TRUST_PROXY: 'loopback' });
  await addUser(t.ctx, 'clerk', 'editor', 'the clerk password');
});
afterAll(() => t.close());
afterEach(() => {
  t.ctx.db.prepare('DELETE FROM login_failures').run();
});

/** A sign-in form ready to post: an agent holding the form's token. */
async function loginForm(): Promise<{ agent: request.Agent; csrf: string }> {
  const agent = request.agent(t.app);
  const { csrf } = await pageWithToken(agent, '/admin/login');
  return { agent, csrf };
}

function post(form: { agent: request.Agent; csrf: string }, username: string, password: string, ip = '127.0.0.1') {
  return form.agent.post('/admin/login').set('x-forwarded-for', ip).type('form').send({ _csrf: form.csrf, username, password });
}

describe('sign-in limits under concurrency', () => {
  it('when 100 attempts at one account arrive at once from one address, then only 5 passwords are checked', async () => {
    const form = await loginForm();
    const attempts = Array.from({ length: 100 }, (_, i) => (i === 99 ? ADMIN.password : `wrong guess ${i}`));
    const statuses = (await Promise.all(attempts.map((password) => post(form, ADMIN.username, password, '10.20.0.1')))).map((r) => r.status);
    // 401 and 303 answer a checked password; 429 answers an attempt refused before any check.
    const checked = statuses.filter((s) => s === 401 || s === 303).length;
    expect({ checked, refused: statuses.filter((s) => s === 429).length }).toEqual({ checked: 5, refused: 95 });
    expect(statuses[99]).toBe(429);
  });

  it('when 100 attempts at many accounts arrive at once from one address, then only 20 passwords are checked', async () => {
    const form = await loginForm();
    const attempts = Array.from({ length: 100 }, (_, i) => post(form, `nobody${i % 10}`, `wrong guess ${i}`, '10.20.0.2'));
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(20);
    expect(statuses.filter((s) => s === 429).length).toBe(80);
  });
});

describe('an account attacked from elsewhere', () => {
  it('when someone fails five times from one address, then the owner still signs in from another, only slowed down', async () => {
    const form = await loginForm();
    for (let i = 0; i < 5; i++) expect((await post(form, 'clerk', `guess ${i}`, '10.30.0.1')).status).toBe(401);
    expect((await post(form, 'clerk', 'the clerk password', '10.30.0.1')).status).toBe(429);
    const started = Date.now();
    const owner = await post(await loginForm(), 'clerk', 'the clerk password', '10.30.0.2');
    expect(owner.status).toBe(303);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});

describe('the audit log under a flood of failures', () => {
  it('when 40 attempts hit a locked account from one address, then the log holds one entry counting them', async () => {
    const form = await loginForm();
    for (let i = 0; i < 40; i++) await post(form, 'clerk', `flood ${i}`, '10.40.0.1');
    const rows = t.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'login.failure' AND detail LIKE '%10.40.0.1%'").pluck().all() as string[];
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!)).toMatchObject({ address: '10.40.0.1', count: 40, reasons: { password: 5, throttled: 35 } });
    const admin = await signIn(t.app);
    const page = await admin.get('/admin/audit?action=login.failure').expect(200);
    expect(page.text).toContain('&#34;count&#34;:40');
  });
});

describe('a password reset racing with sign-ins', () => {
  it('when sign-ins with the old password finish after the reset is saved, then their sessions are refused', async () => {
    await addUser(t.ctx, 'racer', 'editor', 'the old password');
    const users = new UserService(t.ctx.db, t.ctx.audit);
    const id = users.list().find((u) => u.username === 'racer')!.id;
    const forms = await Promise.all(Array.from({ length: 4 }, () => loginForm()));
    // Sent now (`then` starts a request), so the sign-ins read the account before the reset saves it: the reset
    // first spends a hash on the new password.
    const signIns = forms.map((form, i) => post(form, 'racer', 'the old password', `10.50.0.${i + 1}`).then((res) => res));
    const reset = users.resetPassword(id, 'the new password', 'chief');
    const results = await Promise.all(signIns);
    await reset;
    const signedIn = forms.filter((_, i) => results[i]!.status === 303);
    expect(signedIn.length).toBeGreaterThan(0);
    for (const form of signedIn) await form.agent.get('/admin').expect(302).expect('location', '/admin/login?next=%2Fadmin');
    expect((await post(await loginForm(), 'racer', 'the new password', '10.50.0.9')).status).toBe(303);
  });
});
