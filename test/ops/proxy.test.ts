import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import http from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_LIMIT } from '../../server/site/contact.js';
import { tempDir } from '../helpers/context.js';
import { startServerProcess, type ServerChild } from '../proof/support/child-process.js';
import { startNginx, type RunningNginx } from './support/nginx.js';

const ADMIN = { username: 'proxy.admin', password: 'a long password for the proxy test' };
const tmp = tempDir('cjd-proxy-');
let app: ServerChild;
let nginx: RunningNginx;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** One https request through nginx from a loopback address of the caller's choice (127.0.0.2 by default). */
function viaProxy(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port: nginx.httpsPort, path, method: options.method ?? 'GET', headers: options.headers, ca: nginx.ca, localAddress: options.from ?? '127.0.0.2', agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, body, text });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A browser's cookies: what Set-Cookie gave, sent back on the next request. */
class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(readonly from: string) {}

  async request(path: string, options: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await viaProxy(path, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, from: this.from });
    for (const cookie of res.headers['set-cookie'] ?? []) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }

  async token(path: string): Promise<string> {
    const page = await this.request(path);
    expect(page.status).toBe(200);
    return /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  }
}

/** The app's log lines (JSON) with the given request id. */
function appLog(requestId: string): Record<string, unknown>[] {
  return app.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => (e.req as { id?: string } | undefined)?.id === requestId);
}

async function sendContact(from: string, headers: Record<string, string> = {}): Promise<number> {
  const browser = new Browser(from);
  const token = await browser.token('/experts/5');
  const form = { _csrf: token, name: '韩工', organisation: '', contact: 'han@example.com', message: '希望就合作事宜进一步沟通。' };
  return (await browser.request('/experts/5/contact', { form, headers })).status;
}

beforeAll(async () => {
  app = await startServerProcess({
    DATABASE_PATH: join(tmp.dir, 'data', 'directory.db'),
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'debug',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
  });
  nginx = await startNginx(join(tmp.dir), Number(new URL(app.baseUrl).port));
}, 90_000);

afterAll(async () => {
  await nginx?.stop();
  await app?.stop('SIGKILL');
  tmp.remove();
});

describe('behind the shipped nginx configuration', () => {
  it('when pages and search are asked for over https, then they answer as they do directly', async () => {
    expect((await viaProxy('/')).text).toContain('昌吉州科技资源名录');
    const page = await viaProxy('/search?q=%E7%85%A4%E7%82%AD');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<mark>煤炭</mark>');
    const api = JSON.parse((await viaProxy('/api/search?q=%E6%A3%89%E8%8A%B1&perPage=3')).text) as { total: number; engine: string };
    expect(api.total).toBeGreaterThan(0);
    expect(api.engine).toBe('sqlite');
  });

  it('when a client speaks HTTP/2, then the site answers over it', async () => {
    const session = http2.connect(`https://127.0.0.1:${nginx.httpsPort}`, { ca: nginx.ca });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/search?q=cotton&lang=en' });
        stream.on('response', (headers) => resolve(Number(headers[':status'])));
        stream.on('error', reject);
        stream.resume();
      });
      expect(status).toBe(200);
      expect(session.alpnProtocol).toBe('h2');
    } finally {
      session.close();
    }
  });

  it('when a page is asked for over plain http, then it is sent to https without HSTS', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: '127.0.0.1', port: nginx.httpPort, path: '/search?q=x' }, resolve).on('error', reject));
    res.resume();
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('https://127.0.0.1/search?q=x');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('when a page comes over https, then HSTS is sent, and nginx does not tell its version', async () => {
    const res = await viaProxy('/stats');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.headers.server).toBe('nginx');
  });

  it('when a client accepts gzip, then pages, JSON and assets come compressed; the versioned assets of pages are cached for a year', async () => {
    for (const path of ['/search?q=%E6%A3%89%E8%8A%B1', '/api/search?q=cotton', '/assets/site.css']) {
      const res = await viaProxy(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-encoding'], path).toBe('gzip');
      expect(res.text.length, path).toBeGreaterThan(res.body.length);
    }
    expect((await viaProxy('/assets/site.css')).headers['cache-control']).toBe('max-age=3600');
    const version = /href="\/assets\/site\.css\?v=([0-9a-f]+)"/.exec((await viaProxy('/')).text)?.[1];
    expect((await viaProxy(`/assets/site.css?v=${version}`)).headers['cache-control']).toBe('max-age=31536000');
  });

  it('when a client sends a request, then the app sees the address nginx saw, even when the client forges X-Forwarded-For', async () => {
    const plain = await viaProxy('/stats', { from: '127.0.0.2' });
    const forged = await viaProxy('/stats', { from: '127.0.0.3', headers: { 'x-forwarded-for': '198.51.100.23', 'x-real-ip': '198.51.100.23', forwarded: 'for=198.51.100.23' } });
    for (const [res, ip] of [[plain, '127.0.0.2'], [forged, '127.0.0.3']] as const) {
      const id = res.headers['x-request-id'] as string;
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      await app.waitUntil(() => appLog(id).some((e) => e.res), `the access line of ${id}`);
      expect(appLog(id).find((e) => e.res)).toMatchObject({ ip, req: { method: 'GET', path: '/stats' }, res: { status: 200 } });
    }
  });

  it('when one address sends more contact requests than allowed, then it alone is limited, forged X-Forwarded-For or not', async () => {
    for (let i = 0; i < CONTACT_LIMIT; i++) expect(await sendContact('127.0.0.4')).toBe(303);
    expect(await sendContact('127.0.0.4')).toBe(429);
    expect(await sendContact('127.0.0.4', { 'x-forwarded-for': '198.51.100.77' })).toBe(429);
    expect(await sendContact('127.0.0.5')).toBe(303);
  });

  it('when staff sign in over https, then the session cookie is Secure and HttpOnly', async () => {
    const staff = new Browser('127.0.0.6');
    const token = await staff.token('/admin/login');
    const res = await staff.request('/admin/login', { form: { _csrf: token, username: ADMIN.username, password: ADMIN.password } });
    expect(res.status).toBe(303);
    const session = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('cjd.sid='));
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect((await staff.request('/admin')).status).toBe(200);
  });

  it('when /metrics or /readyz is asked for through the proxy, in any case or with a slash, then it is refused; on loopback it is served', async () => {
    for (const path of ['/metrics', '/Metrics/', '/metrics?format=json', '/readyz', '/%6Detrics']) {
      const res = await viaProxy(path);
      expect(res.status, path).toBe(404);
      expect(res.text, path).not.toContain('cjd_');
    }
    const direct = await fetch(`${app.baseUrl}/metrics`);
    expect(direct.status).toBe(200);
    expect(await direct.text()).toMatch(/^cjd_http_requests_total\{family="search-page",method="GET",status="200"\} \d+$/m);
  });

  it('when nginx logs a request, then its line has no query text', async () => {
    await viaProxy('/search?q=%E9%9F%A9%E6%A2%85%E6%A2%85');
    const log = readFileSync(join(tmp.dir, 'access.log'), 'utf8');
    expect(log).toMatch(/"GET \/search HTTP\/1\.1" 200 /);
    expect(log).not.toContain('%E9%9F%A9');
  });

  it('when the app gets SIGTERM during a sign-in, then the sign-in completes through the proxy and the app exits 0', async () => {
    const staff = new Browser('127.0.0.7');
    const token = await staff.token('/admin/login');
    const seen = app.lines.length;
    const pending = staff.request('/admin/login', { form: { _csrf: token, username: ADMIN.username, password: ADMIN.password } });
    await app.waitUntil(
      (lines) => lines.slice(seen).some((l) => l.includes('"msg":"request received"') && l.includes('"method":"POST"') && l.includes('"path":"/admin/login"')),
      'the sign-in to reach the app',
    );
    app.proc.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(303);
    expect(await app.exited()).toBe(0);
    const after = app.lines.slice(seen).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string });
    const signal = after.findIndex((e) => e.msg === 'signal received');
    const answered = after.findIndex((e) => e.msg === 'POST /admin/login 303');
    expect(signal, 'the signal came while the sign-in was in flight').toBeGreaterThanOrEqual(0);
    expect(answered).toBeGreaterThan(signal);
    expect((await viaProxy('/')).status).toBe(502);
  });
});
