import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeFamily } from '../../server/observability/metrics.js';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { csrfFrom } from '../pages/page-helpers.js';

const ADMIN = { username: 'metrics.admin', password: 'a long admin password 5' };

/** The value of one series of a Prometheus text answer, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  let t: TestApp;
  let text: string;
  const signIns: number[] = [];
  const seen = (status: number) => signIns.filter((s) => s === status).length;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    await request(t.app).get('/api/search?q=%E6%A3%89%E8%8A%B1').expect(200);
    await request(t.app).get('/search?q=cotton&lang=en').expect(200);
    await request(t.app).get('/no/such/page/here').expect(404);
    const visitor = request.agent(t.app);
    const page = await visitor.get('/platforms/1').expect(200);
    const contact = { name: '周工', organisation: '', contact: 'zhou@example.com', message: '希望就平台合作进一步沟通。', _csrf: csrfFrom(page.text) };
    await visitor.post('/platforms/1/contact').type('form').send(contact).expect(303);
    await visitor.post('/platforms/1/contact').type('form').send({ ...contact, contact: 'nowhere' }).expect(400);
    const staff = request.agent(t.app);
    const token = csrfFrom((await staff.get('/admin/login').expect(200)).text);
    for (let i = 0; i < 6; i++) signIns.push((await staff.post('/admin/login').type('form').send({ _csrf: token, username: ADMIN.username, password: `guess ${i} wrong` })).status);
    expect(signIns).toContain(401);
    expect(signIns).toContain(429);
    const res = await request(t.app).get('/metrics').expect(200).expect('content-type', /^text\/plain; version=0\.0\.4/);
    text = res.text;
  });
  afterAll(() => t.close());

  it('when requests were answered, then they are counted and timed by route family, method and status', () => {
    expect(sample(text, 'cjd_http_requests_total{family="api-search",method="GET",status="200"}')).toBe(1);
    expect(sample(text, 'cjd_http_requests_total{family="search-page",method="GET",status="200"}')).toBe(1);
    expect(sample(text, 'cjd_http_requests_total{family="other",method="GET",status="404"}')).toBe(1);
    expect(sample(text, 'cjd_http_requests_total{family="sign-in",method="POST",status="401"}')).toBe(seen(401));
    expect(sample(text, 'cjd_http_request_duration_seconds_count{family="listing-page"}')).toBe(1);
    expect(sample(text, 'cjd_http_request_duration_seconds_bucket{le="+Inf",family="api-search"}')).toBe(1);
  });

  it('when a search is answered, then its latency is recorded under the engine that answered', async () => {
    const count = 'cjd_search_duration_seconds_count{engine="sqlite"}';
    const before = sample(text, count)!;
    expect(before).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'cjd_search_duration_seconds_sum{engine="sqlite"}')).toBeGreaterThan(0);
    await request(t.app).get('/api/experts?q=cotton').expect(200);
    expect(sample((await request(t.app).get('/metrics').expect(200)).text, count)).toBe(before + 1);
  });

  it('when sign-ins failed and were throttled and contact requests were sent, then each outcome is counted', () => {
    expect(sample(text, 'cjd_sign_in_refusals_total{outcome="failed"}')).toBe(seen(401));
    expect(sample(text, 'cjd_sign_in_refusals_total{outcome="throttled"}')).toBe(seen(429));
    expect(sample(text, 'cjd_contact_requests_total{outcome="accepted"}')).toBe(1);
    expect(sample(text, 'cjd_contact_requests_total{outcome="invalid"}')).toBe(1);
  });

  it('when scraped, then the index backlog, outbox retries, backups, process and event loop are reported', () => {
    expect(sample(text, 'cjd_index_jobs_waiting')).toBe(0);
    expect(sample(text, 'cjd_index_job_failed_attempts')).toBe(0);
    expect(sample(text, 'cjd_backup_last_success_timestamp_seconds')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10e6);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
  });

  it('when the request came through a proxy, then the metrics are refused', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const res = await request(t.app).get('/metrics').set(header, '127.0.0.1').expect(403);
      expect(res.text).not.toContain('cjd_');
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});

describe('/metrics with METRICS_ALLOW naming other addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_ALLOW: '10.0.0.0/8, 192.0.2.10' });
  });
  afterAll(() => t.close());

  it('when asked from loopback, then it is refused', async () => {
    await request(t.app).get('/metrics').expect(403);
  });
});

describe('route families', () => {
  it.each([
    ['/api/search', 'api-search'],
    ['/api/experts', 'api-collection'],
    ['/api/experts/12', 'api-listing'],
    ['/experts/12/contact', 'contact'],
    ['/admin/bulk/experts/import', 'admin-bulk'],
    ['/admin/listings/experts', 'admin'],
    ['/wp-login.php', 'other'],
    ['/nonsense/12', 'other'],
  ])('when the path is %s, then its family is %s', (path, family) => {
    expect(routeFamily(path)).toBe(family);
  });
});
