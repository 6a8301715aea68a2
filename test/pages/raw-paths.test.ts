import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { links } from './page-helpers.js';

let t: TestApp;
let server: http.Server;
beforeAll(async () => {
  t = await createTestApp();
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** Sends a path exactly as written (a browser or a scanner can send what supertest would normalise). */
function rawRequest(method: string, path: string): Promise<{ status: number; body: string; location?: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { 'accept-language': 'en' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('paths a browser or a scanner sends raw', () => {
  it.each(['//', '///', '////'])('when GET %s arrives, then it redirects to the home page', async (path) => {
    for (const method of ['GET', 'HEAD']) {
      const res = await rawRequest(method, path);
      expect(res.status, `${method} ${path}`).toBe(301);
      expect(res.location).toBe('/');
    }
  });

  it.each(['//[', '//%', '//:99999', '//evil.example/x', '/\\evil.example', '///x'])('when GET %s arrives, then 404 and nothing in the error log', async (path) => {
    const logged = vi.spyOn(console, 'error');
    try {
      for (const method of ['GET', 'HEAD']) {
        const res = await rawRequest(method, path);
        expect(res.status, `${method} ${path}`).toBe(404);
      }
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it.each(['/x/..//evil.example', '//evil.example', '/\\\\evil.example', '//evil.example?lang=zh'])('when the page of %s is shown, then its language link stays on this site', async (path) => {
    const res = await rawRequest('GET', path);
    const switchLink = links(res.body).find((href) => /[?&]lang=/.test(href));
    expect(switchLink, 'the language link').toBeDefined();
    expect(switchLink!).toMatch(/^\/(?![/\\])/);
    expect(new URL(switchLink!, 'https://directory.example/').origin).toBe('https://directory.example');
  });
});
