import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { Readiness } from '../../server/lifecycle/readiness.js';
import { createTestApp, type TestApp } from '../helpers/context.js';

describe('behind no proxy (TRUST_PROXY unset)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('when a client claims https in X-Forwarded-Proto, then it is not believed: no HSTS, no Secure cookie', async () => {
    const res = await request(t.app).get('/admin/login').set('x-forwarded-proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/Secure/);
  });

  it('when a client names another address in X-Forwarded-For, then the per-address contact limit still counts its own', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/platforms/2').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const message = { name: '王工', organisation: '', contact: '0994-1234567', message: '希望了解平台的合作方式。', _csrf: csrf };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await agent.post('/platforms/2/contact').set('x-forwarded-for', `10.0.0.${i + 1}`).type('form').send(message);
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 303).length).toBe(5);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('when /healthz is asked, then it answers as the contract says', async () => {
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', engine: 'sqlite', pendingIndexJobs: 0 });
  });

  it('when /readyz is asked of a started server, then it is ready with its checks', async () => {
    await t.ctx.search.flush(0);
    const res = await request(t.app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', search: 'ok' } });
  });

  it('when every answer carries a request id, then it differs from one request to the next and a forged one is not taken', async () => {
    const a = await request(t.app).get('/').expect(200);
    const b = await request(t.app).get('/').set('x-request-id', 'chosen-by-client-1').expect(200);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).not.toBe('chosen-by-client-1');
    expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);
  });
});

describe('behind a proxy on loopback (TRUST_PROXY=loopback)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('when the proxy says the request came over https, then HSTS is sent and the form cookie is Secure', async () => {
    // The sign-in page keeps no session: its only cookie is the signed token of its form.
    const res = await request(t.app).get('/admin/login').set('x-forwarded-proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(String(res.headers['set-cookie'])).toMatch(/cjd\.csrf=[^;]+;.*Secure/);
  });

  it('when the proxy says plain http, then no HSTS is sent', async () => {
    const res = await request(t.app).get('/').set('x-forwarded-proto', 'http').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('when the proxy passes its request id, then the answer carries it', async () => {
    const res = await request(t.app).get('/').set('x-request-id', '0123456789abcdef0123456789abcdef').expect(200);
    expect(res.headers['x-request-id']).toBe('0123456789abcdef0123456789abcdef');
  });

  it('when the proxy names the client in X-Forwarded-For, then the contact limit counts per client address', async () => {
    const send = async (ip: string) => {
      const agent = request.agent(t.app);
      const page = await agent.get('/institutions/1').set('x-forwarded-for', ip).expect(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const message = { name: '赵工', organisation: '', contact: 'zhao@example.com', message: '希望与贵单位开展技术合作。', _csrf: csrf };
      return (await agent.post('/institutions/1/contact').set('x-forwarded-for', ip).type('form').send(message)).status;
    };
    for (let i = 0; i < 5; i++) expect(await send('203.0.113.7')).toBe(303);
    expect(await send('203.0.113.7')).toBe(429);
    expect(await send('203.0.113.8')).toBe(303);
  });
});

describe('shutting down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('when the server begins to stop, then /readyz answers 503 while /healthz stays alive, and answers close their connection', async () => {
    t.ctx.readiness.beginShutdown();
    const ready = await request(t.app).get('/readyz').expect(503);
    expect(ready.body.status).toBe('stopping');
    expect(ready.headers.connection).toBe('close');
    await request(t.app).get('/healthz').expect(200);
  });
});

describe('readiness while starting and failing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('when the search index is still being built, then /readyz answers 503 "starting", and 200 once it is built', async () => {
    let built!: () => void;
    const readiness = new Readiness({ db: t.ctx.db, searchStarted: new Promise<void>((resolve) => (built = resolve)) });
    const app = createApp({ ...t.ctx, readiness });
    const starting = await request(app).get('/readyz').expect(503);
    expect(starting.body).toEqual({ status: 'starting', checks: { database: 'ok', search: 'starting' } });
    built();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await request(app).get('/readyz').expect(200)).body.status).toBe('ready');
  });

  it('when the database stops answering, then /readyz answers 503 "failing"', async () => {
    t.ctx.db.close();
    const res = await request(t.app).get('/readyz').expect(503);
    expect(res.body).toMatchObject({ status: 'failing', checks: { database: 'failing' } });
  });
});
