import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminRouter } from '../../server/admin/routes.js';
import type { TestApp } from '../helpers/context.js';
import { ADMIN, addUser, createAdminApp, csrfFrom, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  // Requests speak as the proxy on loopback would: X-Forwarded-For and -Proto name the client and its scheme.
  t = await createAdminApp({ TRUST_PROXY: 'loopback' });
  await addUser(t.ctx, 'editor1', 'editor');
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
  t.ctx.db.prepare('DELETE FROM login_failures').run();
});

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every route the back office declares, read from the router itself so a new route cannot be forgotten. */
function declaredRoutes(): { method: 'get' | 'post'; path: string }[] {
  const out: { method: 'get' | 'post'; path: string }[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) out.push({ method: method as 'get' | 'post', path: layer.route.path });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((adminRouter(t.ctx) as unknown as { stack: Layer[] }).stack);
  const sample = (path: string) => '/admin' + path.replace(':collection', 'platforms').replace(':id', '1').replace(':format', 'csv');
  return out.filter((r) => !['/login', '/logout'].includes(r.path)).map((r) => ({ ...r, path: sample(r.path) }));
}

function cookieOf(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.get('set-cookie') ?? []);
  const sid = cookies.find((c) => c.startsWith('cjd.sid='));
  expect(sid, 'a session cookie').toBeTruthy();
  return sid!.split(';')[0]!;
}

describe('without a session', () => {
  it('when any admin page is asked for, then it redirects to the sign-in page and comes back after', async () => {
    const routes = declaredRoutes().filter((r) => !r.path.startsWith('/admin/api/'));
    expect(routes.length).toBeGreaterThan(20);
    for (const { method, path } of routes) {
      const res = await request(t.app)[method](path).type('form').send({});
      expect(res.status, `${method} ${path}`).toBe(302);
      const expected = method === 'get' ? `/admin/login?next=${encodeURIComponent(path)}` : '/admin/login';
      expect(res.headers.location, `${method} ${path}`).toBe(expected);
    }
  });

  it('when any admin route is asked for JSON, then it answers 401 in the API error shape', async () => {
    for (const { method, path } of [...declaredRoutes(), { method: 'get' as const, path: '/admin/api/me' }]) {
      const res = await request(t.app)[method](path).set('accept', 'application/json');
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
  });

  it('when nobody is signed in, then no listing can be changed', async () => {
    const before = t.ctx.listings.get('platforms', 1)!;
    await request(t.app).post('/admin/listings/platforms/1').type('form').send({ name: 'hijacked', version: String(before.version) }).expect(302);
    await request(t.app).post('/admin/listings/platforms/1/archive').type('form').send({ version: String(before.version) }).expect(302);
    expect(t.ctx.listings.get('platforms', 1)).toEqual(before);
  });
});

describe('signing in', () => {
  it('when the password is right, then the session id changes and the old id is worthless', async () => {
    const agent = request.agent(t.app);
    agent.jar.setCookie('cjd.sid=s%3Aplanted-by-someone-else.x');
    const page = await agent.get('/admin/login').expect(200);
    const first = cookieOf(await agent.post('/admin/login').type('form').send({ _csrf: csrfFrom(page.text), ...ADMIN }).expect(303));
    expect(first).not.toContain('planted');
    const { csrf } = await pageWithToken(agent, '/admin');
    await agent.post('/admin/logout').type('form').send({ _csrf: csrf }).expect(303);
    const again = await agent.get('/admin/login').expect(200);
    const second = cookieOf(await agent.post('/admin/login').type('form').send({ _csrf: csrfFrom(again.text), ...ADMIN }).expect(303));
    expect(second).not.toBe(first);
    await request(t.app).get('/admin').set('cookie', first).expect(302);
    await request(t.app).get('/admin').set('cookie', second).expect(200);
  });

  it('when the session cookie is set at sign-in, then it is HttpOnly and SameSite=Lax, and Secure when served over TLS', async () => {
    for (const proto of ['http', 'https']) {
      const page = await request(t.app).get('/admin/login').set('x-forwarded-proto', proto).expect(200);
      const csrfCookie = ([] as string[]).concat(page.get('set-cookie') ?? []).find((c) => c.startsWith('cjd.csrf='))!;
      expect(csrfCookie).toMatch(/HttpOnly.*SameSite=Lax/);
      const res = await request(t.app)
        .post('/admin/login')
        .set('x-forwarded-proto', proto)
        .set('cookie', csrfCookie.split(';')[0]!)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), ...ADMIN })
        .expect(303);
      const sid = ([] as string[]).concat(res.get('set-cookie') ?? []).find((c) => c.startsWith('cjd.sid='));
      expect(sid).toMatch(/^cjd\.sid=[^;]+;.*HttpOnly.*SameSite=Lax/);
      if (proto === 'https') expect(sid).toMatch(/; Secure/);
      else expect(sid).not.toMatch(/Secure/);
    }
  });

  it('when the name is typed in another case, then it still signs in', async () => {
    await signIn(t.app, ADMIN.username.toUpperCase());
  });

  it('when the password is wrong, then the page says so, keeps the name and logs the failure without the password', async () => {
    const agent = request.agent(t.app);
    const { csrf } = await pageWithToken(agent, '/admin/login');
    const res = await agent.post('/admin/login').type('form').send({ _csrf: csrf, username: ADMIN.username, password: 'wrong-password-123' }).expect(401);
    expect(res.text).toContain('用户名或密码不正确');
    expect(res.text).toContain(`value="${ADMIN.username}"`);
    const log = t.ctx.db.prepare("SELECT * FROM audit_log WHERE action LIKE 'login.%'").all();
    expect(JSON.stringify(log)).toContain('login.failure');
    expect(JSON.stringify(log)).not.toContain('wrong-password-123');
    expect(JSON.stringify(log)).not.toContain(ADMIN.password);
  });

  it('when someone signs in, then the success is logged with the account and no secret', async () => {
    await signIn(t.app);
    const row = t.ctx.db.prepare("SELECT * FROM audit_log WHERE action = 'login.success' ORDER BY id DESC").get() as Record<string, string>;
    expect(row.actor).toBe(ADMIN.username);
    expect(JSON.stringify(row)).not.toContain(ADMIN.password);
  });

  it('when a password is typed into the name field, then the log does not keep it', async () => {
    const agent = request.agent(t.app);
    const { csrf } = await pageWithToken(agent, '/admin/login');
    await agent.post('/admin/login').type('form').send({ _csrf: csrf, username: 'Secret.Typed.As.Name', password: 'whatever-123' }).expect(401);
    expect(JSON.stringify(t.ctx.db.prepare('SELECT * FROM audit_log').all())).not.toContain('Secret.Typed.As.Name');
  });

  it('when next points to another site, then sign-in lands on the dashboard', async () => {
    const agent = request.agent(t.app);
    const { csrf } = await pageWithToken(agent, '/admin/login');
    const res = await agent.post('/admin/login').type('form').send({ _csrf: csrf, username: ADMIN.username, password: ADMIN.password, next: '//evil.example/admin' });
    expect(res.headers.location).toBe('/admin');
  });

  it('when a page was asked for before sign-in, then sign-in goes back to it', async () => {
    const agent = request.agent(t.app);
    const { csrf } = await pageWithToken(agent, '/admin/login?next=%2Fadmin%2Fbulk');
    const res = await agent.post('/admin/login').type('form').send({ _csrf: csrf, username: ADMIN.username, password: ADMIN.password, next: '/admin/bulk' });
    expect(res.headers.location).toBe('/admin/bulk');
  });

  it('when the form has no CSRF token, then sign-in is refused', async () => {
    const agent = request.agent(t.app);
    await agent.get('/admin/login');
    await agent.post('/admin/login').type('form').send({ username: ADMIN.username, password: ADMIN.password }).expect(403);
    await agent.get('/admin').expect(302);
  });

  it('when an account has a long multibyte password, then it signs in with exactly that password', async () => {
    const password = '昌吉州科技局🔐'.repeat(60) + 'ñ';
    await addUser(t.ctx, 'longpass', 'editor', password);
    await signIn(t.app, 'longpass', password);
    // The same text decomposed (n + combining tilde) is the same password.
    await signIn(t.app, 'longpass', password.slice(0, -1) + 'n\u0303');
    const agent = request.agent(t.app);
    const { csrf } = await pageWithToken(agent, '/admin/login');
    await agent.post('/admin/login').type('form').send({ _csrf: csrf, username: 'longpass', password: password.slice(0, -2) }).expect(401);
  });
});

describe('throttling', () => {
  async function attempt(username: string, password: string, ip = '127.0.0.1'): Promise<request.Response> {
    const agent = request.agent(t.app);
    const { csrf } = await pageWithToken(agent, '/admin/login');
    return agent.post('/admin/login').set('x-forwarded-for', ip).type('form').send({ _csrf: csrf, username, password });
  }

  it('when an account fails five times, then even the right password waits, for a minute only', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    for (let i = 0; i < 5; i++) expect((await attempt(ADMIN.username, `guess-number-${i}`)).status).toBe(401);
    const refused = await attempt(ADMIN.username, ADMIN.password);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('登录失败次数过多，请 1 分钟后再试');
    // A colleague's account is not affected.
    expect((await attempt('editor1', 'a long enough password')).status).toBe(303);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await attempt(ADMIN.username, ADMIN.password)).status).toBe(303);
  });

  it('when failures go on, then the wait doubles but never exceeds fifteen minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < (round === 0 ? 5 : 1); i++) await attempt('editor1', 'not-the-password');
      const res = await attempt('editor1', 'a long enough password');
      const minutes = Number(res.text.match(/请 (\d+) 分钟后再试/)?.[1]);
      waits.push(minutes);
      vi.setSystemTime(Date.now() + minutes * 60_000 + 1000);
    }
    expect(waits.slice(0, 6)).toEqual([1, 2, 4, 8, 15, 15]);
    expect(Math.max(...waits)).toBe(15);
    expect((await attempt('editor1', 'a long enough password')).status).toBe(303);
  });

  it('when one address fails on many accounts, then that address waits', async () => {
    for (let i = 0; i < 20; i++) await attempt(`nobody${i}`, 'wrong-wrong-wrong', '10.1.2.3');
    expect((await attempt(ADMIN.username, ADMIN.password, '10.1.2.3')).status).toBe(429);
    expect((await attempt(ADMIN.username, ADMIN.password, '10.9.9.9')).status).toBe(303);
  });
});

describe('a signed-in session', () => {
  it('when the user signs out, then the session is gone on the server', async () => {
    const agent = await signIn(t.app);
    const { html, csrf } = await pageWithToken(agent, '/admin');
    const cookie = (await agent.get('/admin')).request.cookies;
    expect(html).toContain('action="/admin/logout"');
    await agent.post('/admin/logout').type('form').send({ _csrf: csrf }).expect(303).expect('location', '/admin/login');
    await agent.get('/admin').expect(302);
    expect(cookie).toBeTruthy();
  });

  it('when a session has already ended, then signing out just goes to the sign-in page', async () => {
    await request(t.app).post('/admin/logout').type('form').send({ _csrf: 'stale' }).expect(303).expect('location', '/admin/login');
  });

  it('when a signed-in form to sign out has no token, then 403 and the session stays', async () => {
    const agent = await signIn(t.app);
    await agent.post('/admin/logout').type('form').send({}).expect(403);
    await agent.get('/admin').expect(200);
  });

  it('when twelve hours have passed since sign-in, then the session ends however active it was', async () => {
    const agent = await signIn(t.app);
    await agent.get('/admin').expect(200);
    const rows = t.ctx.db.prepare('SELECT sid, data FROM sessions').all() as { sid: string; data: string }[];
    for (const row of rows) {
      const data = JSON.parse(row.data);
      if (data.userId) t.ctx.db.prepare('UPDATE sessions SET data = ? WHERE sid = ?').run(JSON.stringify({ ...data, authAt: data.authAt - 12 * 3600_000 - 1 }), row.sid);
    }
    await agent.get('/admin').expect(302);
  });

  it('when an account is disabled, then its open session ends at once', async () => {
    await addUser(t.ctx, 'leaving', 'editor');
    const agent = await signIn(t.app, 'leaving', 'a long enough password');
    await agent.get('/admin').expect(200);
    const admin = await signIn(t.app);
    const id = (t.ctx.db.prepare("SELECT id FROM users WHERE username = 'leaving'").pluck().get() as number);
    const { csrf } = await pageWithToken(admin, '/admin/users');
    await admin.post(`/admin/users/${id}/disable`).type('form').send({ _csrf: csrf }).expect(303);
    await agent.get('/admin').expect(302);
  });

  it('when any admin page answers, then it may not be cached', async () => {
    const agent = await signIn(t.app);
    for (const path of ['/admin', '/admin/listings/experts', '/admin/login', '/admin/nonexistent']) {
      expect((await agent.get(path)).headers['cache-control'], path).toBe('no-store');
    }
    expect((await request(t.app).get('/admin/login')).headers['cache-control']).toBe('no-store');
  });
});

describe('CSRF', () => {
  it('when a form is posted without its token or with another session token, then 403 and nothing changes', async () => {
    const agent = await signIn(t.app);
    const other = await signIn(t.app);
    const { csrf: othersToken } = await pageWithToken(other, '/admin');
    const before = t.ctx.listings.get('experts', 2)!;
    const body = { name: 'forged', version: String(before.version) };
    await agent.post('/admin/listings/experts/2').type('form').send(body).expect(403);
    await agent.post('/admin/listings/experts/2').type('form').send({ ...body, _csrf: othersToken }).expect(403);
    await agent.post('/admin/listings/experts/2/archive').type('form').send({ version: String(before.version) }).expect(403);
    await agent.post('/admin/users').type('form').send({ username: 'intruder', role: 'admin', password: 'x'.repeat(12), confirm: 'x'.repeat(12) }).expect(403);
    expect(t.ctx.listings.get('experts', 2)).toEqual(before);
    expect(t.ctx.db.prepare("SELECT count(*) FROM users WHERE username = 'intruder'").pluck().get()).toBe(0);
  });
});

describe('roles', () => {
  it('when an editor asks for what only admins do, then 403 and nothing changes', async () => {
    const editor = await signIn(t.app, 'editor1', 'a long enough password');
    const { csrf } = await pageWithToken(editor, '/admin');
    for (const path of ['/admin/users', '/admin/audit', '/admin/listings/platforms/3/delete']) await editor.get(path).expect(403);
    const listing = t.ctx.listings.get('platforms', 3)!;
    await editor.post('/admin/listings/platforms/3/delete').type('form').send({ _csrf: csrf, version: String(listing.version) }).expect(403);
    await editor.post('/admin/reindex').type('form').send({ _csrf: csrf }).expect(403);
    await editor.post('/admin/users').type('form').send({ _csrf: csrf, username: 'made-by-editor', role: 'admin', password: 'y'.repeat(12), confirm: 'y'.repeat(12) }).expect(403);
    expect(t.ctx.listings.get('platforms', 3)).toEqual(listing);
    expect(t.ctx.db.prepare("SELECT count(*) FROM users WHERE username = 'made-by-editor'").pluck().get()).toBe(0);
  });

  it('when an editor works on listings and inquiries, then the pages open and the menu shows no admin areas', async () => {
    const editor = await signIn(t.app, 'editor1', 'a long enough password');
    for (const path of ['/admin', '/admin/listings/experts', '/admin/listings/experts/1', '/admin/bulk', '/admin/inquiries']) await editor.get(path).expect(200);
    const page = await editor.get('/admin/listings/experts/1');
    expect(page.text).not.toContain('href="/admin/users"');
    expect(page.text).not.toContain('/delete"');
  });
});
