import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/context.js';
import { startServerProcess, type ServerChild } from '../proof/support/child-process.js';
import { freePort } from './support/nginx.js';

const tmp = tempDir('cjd-shutdown-');
const children: ServerChild[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  tmp.remove();
});

/** A raw HTTP/1.1 request whose body is sent in two parts, so the test decides when it ends. */
async function openRequest(baseUrl: string, path: string, body: string, headers: Record<string, string>): Promise<{ finish: () => void; answer: Promise<string>; socket: Socket }> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  const bytes = Buffer.from(body);
  const head = [`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Content-Type: application/x-www-form-urlencoded', `Content-Length: ${bytes.length}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  const half = Math.floor(bytes.length / 2);
  socket.write(head);
  socket.write(bytes.subarray(0, half));
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const answer = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  return { socket, answer, finish: () => socket.write(bytes.subarray(half)) };
}

/** The contact form's token and cookies, read as a browser would. */
async function contactForm(baseUrl: string, path: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(baseUrl + path);
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { token, cookie };
}

const stoppedLog = (msg: string) => (lines: string[]) => lines.some((l) => l.startsWith('{') && (JSON.parse(l) as { msg?: string }).msg === msg);

describe('SIGTERM', () => {
  it('when a request is in flight, then new connections are refused, the request completes and the server exits 0', async () => {
    const server = await startServerProcess({ DATABASE_PATH: join(tmp.dir, 'a.db') });
    children.push(server);
    const { token, cookie } = await contactForm(server.baseUrl, '/platforms/1');
    const body = new URLSearchParams({ _csrf: token, name: '马工', organisation: '', contact: 'ma@example.com', message: '停机时发送的合作请求。' }).toString();
    const inFlight = await openRequest(server.baseUrl, '/platforms/1/contact', body, { Cookie: cookie });
    await new Promise((r) => setTimeout(r, 300));

    server.proc.kill('SIGTERM');
    await server.waitUntil(stoppedLog('stopping: finishing requests in flight'), 'the stopping line');
    await expect(fetch(server.baseUrl + '/healthz')).rejects.toThrow();
    expect(server.proc.exitCode).toBeNull();

    inFlight.finish();
    // The answer resolves when the server closes the connection once the response is sent.
    const answer = await inFlight.answer;
    expect(answer).toMatch(/^HTTP\/1\.1 303 See Other\r\n/);
    expect(answer).toMatch(/\r\nLocation: \/platforms\/1\?sent=1#contact\r\n/i);
    expect(await server.exited()).toBe(0);
    expect(stoppedLog('stopped')(server.lines)).toBe(true);
  }, 60_000);

  it('when a request never completes, then the server still exits at SHUTDOWN_TIMEOUT', async () => {
    const server = await startServerProcess({ DATABASE_PATH: join(tmp.dir, 'b.db'), SHUTDOWN_TIMEOUT: '1s' });
    children.push(server);
    const stuck = await openRequest(server.baseUrl, '/platforms/1/contact', 'name=' + 'x'.repeat(200), {});
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    server.proc.kill('SIGTERM');
    expect(await server.exited()).toBe(1);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(stoppedLog('stopping: requests still running at the bound were cut')(server.lines)).toBe(true);
    expect(await stuck.answer).toBe('');
  }, 60_000);

  it('when Meilisearch cannot be reached, then the index jobs are kept for the next start and the server still exits 0 at once', async () => {
    const file = join(tmp.dir, 'c.db');
    const server = await startServerProcess({ DATABASE_PATH: file, MEILI_HOST: `http://127.0.0.1:${await freePort()}` });
    children.push(server);
    const sent = Date.now();
    server.proc.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
    expect(Date.now() - sent).toBeLessThan(8000);
    expect(stoppedLog('stopping: index jobs left in the outbox for the next start')(server.lines)).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM index_jobs WHERE doneAt IS NULL').pluck().get()).toBeGreaterThanOrEqual(390);
    } finally {
      db.close();
    }
  }, 60_000);
});
