import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedPath } from '../../server/observability/access-log.js';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { csrfFrom } from '../pages/page-helpers.js';

const ADMIN = { username: 'logkeeper', password: 'a password nobody may log 93' };
const WRONG = 'wrong password nobody may log 17';
const CONTACT = { name: '孙丽', organisation: '昌吉示例公司', contact: 'sun.li@example.org', message: '请联系我讨论煤化工合作 9917。' };
const PHONE = '13912345678';

/** A log destination that keeps every line, parsed. */
function memoryLog(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join(''), lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the log', () => {
  let t: TestApp;
  const log = memoryLog();
  const secrets: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'trace', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password }, { logDestination: log.stream });
    const visitor = request.agent(t.app);
    const page = await visitor.get('/experts/3').expect(200);
    const token = csrfFrom(page.text);
    secrets.push(token, ...cookieSecrets(page.headers['set-cookie']));
    await visitor.post('/experts/3/contact').type('form').send({ ...CONTACT, _csrf: token }).expect(303);
    await visitor.post('/experts/3/contact').type('form').send({ ...CONTACT, contact: PHONE, _csrf: token }).expect(303);
    await visitor.get(`/search?q=${encodeURIComponent(CONTACT.name)}&county=changji`).expect(200);
    await visitor.get(`/api/search?q=${encodeURIComponent(CONTACT.contact)}`).expect(200);

    const staff = request.agent(t.app);
    const login = await staff.get('/admin/login').expect(200);
    const loginToken = csrfFrom(login.text);
    secrets.push(loginToken, ...cookieSecrets(login.headers['set-cookie']));
    await staff.post('/admin/login').type('form').send({ _csrf: loginToken, username: ADMIN.username, password: WRONG }).expect(401);
    const signedIn = await staff.post('/admin/login').type('form').send({ _csrf: loginToken, username: ADMIN.username, password: ADMIN.password }).expect(303);
    secrets.push(...cookieSecrets(signedIn.headers['set-cookie']));
    const inbox = await staff.get('/admin/inquiries').expect(200);
    secrets.push(csrfFrom(inbox.text));
  });
  afterAll(() => t.close());

  it('when people sign in, search and send contact requests, then no password, session id, CSRF token or contact detail is logged', () => {
    const text = log.text();
    expect(log.lines().length).toBeGreaterThan(8);
    expect(secrets.length, 'tokens and a session id were collected').toBeGreaterThanOrEqual(4);
    for (const value of [ADMIN.password, WRONG, CONTACT.contact, PHONE, CONTACT.name, CONTACT.message, ...secrets]) {
      expect(text, `the log holds ${value}`).not.toContain(value);
      expect(text).not.toContain(encodeURIComponent(value));
    }
  });

  it('when a request is answered, then one JSON line gives its id, method, path with codes only, status and duration', () => {
    const search = log.lines().find((l) => l.res && (l.req as { path?: string } | undefined)?.path?.startsWith('/search'));
    expect(search).toMatchObject({ level: 30, req: { method: 'GET', path: '/search?q=*&county=changji' }, res: { status: 200 }, msg: 'GET /search?q=*&county=changji 200', ip: '127.0.0.1' });
    expect((search!.req as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    expect(search!.responseTime).toEqual(expect.any(Number));
    const refused = log.lines().find((l) => (l.req as { method?: string } | undefined)?.method === 'POST' && (l.res as { status?: number } | undefined)?.status === 401);
    expect(refused).toMatchObject({ req: { path: '/admin/login' } });
  });
});

describe('the log of a failure', () => {
  let t: TestApp;
  const log = memoryLog();

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' }, { logDestination: log.stream });
  });
  afterAll(() => t.close());

  it('when a page fails on a database that went away, then the error page shows the request id the log gives with the error', async () => {
    t.ctx.db.close();
    const res = await request(t.app).get('/platforms/1').expect(500);
    const id = res.headers['x-request-id'];
    expect(res.text).toContain(id);
    const entries = log.lines().filter((l) => (l.req as { id?: string } | undefined)?.id === id);
    expect(entries.map((e) => e.msg)).toEqual(['request failed', 'GET /platforms/1 500']);
    expect(entries[0]).toMatchObject({ level: 50, err: { message: expect.stringMatching(/not open/) } });
    expect(String((entries[0]!.err as { stack: string }).stack)).toMatch(/at /);
    expect(res.text).not.toMatch(/ at /);
  });
});

describe('paths as the access log writes them', () => {
  it.each([
    ['/search?q=%E5%AD%99%E4%B8%BD&county=changji&page=2', '/search?q=*&county=changji&page=2'],
    ['/admin/login?next=%2Fadmin%2Fusers', '/admin/login?next=*'],
    ['/admin/audit?actor=wang.fang&action=login.failure', '/admin/audit?actor=*&action=login.failure'],
    ['/api/experts/3', '/api/experts/3'],
    ['/search?', '/search'],
  ])('when the request is %s, then the log has %s', (url, logged) => {
    expect(loggedPath(url)).toBe(logged);
  });
});

/** The values of the cookies a response sets that are long enough to be a session id or a token, raw and decoded. */
function cookieSecrets(header: string | string[] | undefined): string[] {
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  const values = cookies.map((c) => /^[^=]+=([^;]*)/.exec(c)?.[1] ?? '').filter((v) => v.length >= 16);
  return values.flatMap((v) => [v, decodeURIComponent(v), decodeURIComponent(v).replace(/^s:/, '').split('.')[0]!]);
}
