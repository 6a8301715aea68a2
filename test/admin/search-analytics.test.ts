import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/context.js';
import { visibleText } from '../pages/page-helpers.js';
import { addUser, createAdminApp, formFields, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
let editor: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  await addUser(t.ctx, 'editor.wang', 'editor');
  editor = await signIn(t.app, 'editor.wang', 'a long enough password');
});
afterAll(() => t.close());
beforeEach(() => {
  t.ctx.searchLog.flush();
  t.ctx.db.exec('DELETE FROM search_queries');
});

type Row = { day: string; query: string; searches: number; zeroResults: number; lastTotal: number };

/** Every stored count, once the waiting ones are written. */
function counts(): Row[] {
  t.ctx.searchLog.flush();
  return t.ctx.db.prepare('SELECT * FROM search_queries ORDER BY query').all() as Row[];
}

const NOTHING = 'xyzzyplugh';

describe('counting public searches', () => {
  it('when people search through the API and the page, then each first page with text is counted with its result count', async () => {
    const api = await request(t.app).get('/api/search').query({ q: '棉花' }).expect(200);
    expect(api.body.total).toBeGreaterThan(0);
    const platforms = await request(t.app).get('/api/platforms').query({ q: ' 棉花 ' }).expect(200);
    expect(platforms.body.total).toBeGreaterThan(0);
    await request(t.app).get('/search').query({ q: 'Cotton' }).expect(200);
    const english = await request(t.app).get('/api/search').query({ q: 'COTTON' }).expect(200);
    expect(counts()).toEqual([
      { day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), query: 'cotton', searches: 2, zeroResults: 0, lastTotal: english.body.total },
      { day: expect.any(String), query: '棉花', searches: 2, zeroResults: 0, lastTotal: platforms.body.total },
    ]);
  });

  it('when a search finds nothing, then it is counted as a zero-result search, once, suggestions aside', async () => {
    await request(t.app).get('/api/search').query({ q: NOTHING }).expect(200);
    const page = await request(t.app).get('/search').query({ q: NOTHING, county: 'qitai' }).expect(200);
    expect(visibleText(page.text)).toContain(NOTHING);
    expect(counts()).toEqual([{ day: expect.any(String), query: NOTHING, searches: 2, zeroResults: 2, lastTotal: 0 }]);
  });

  it('when a search is a later page, has no text, or is a staff export, then it is not counted', async () => {
    await request(t.app).get('/api/search').query({ q: '棉花', page: 2, perPage: 5 }).expect(200);
    await request(t.app).get('/search').query({ q: '棉花', page: 2, perPage: 5 }).expect(200);
    await request(t.app).get('/api/search').query({ q: '   ', county: 'qitai' }).expect(200);
    await request(t.app).get('/search').query({ county: 'qitai' }).expect(200);
    await editor.get('/admin/export/search.json').query({ q: '棉花' }).expect(200);
    await request(t.app).get('/api/search').query({ q: '棉花', perPage: 0 }).expect(400);
    expect(counts()).toEqual([]);
  });

  it('when a visitor searches, then nothing that identifies them is stored: only the day, the text and the counts', async () => {
    await request(t.app)
      .get('/search')
      .query({ q: '院士' })
      .set('User-Agent', 'Mozilla/5.0 (Tracer-UA-7731)')
      .set('X-Forwarded-For', '203.0.113.77')
      .set('Cookie', 'lang=zh; visitor=cookie-4411')
      .expect(200);
    const columns = t.ctx.db.prepare('PRAGMA table_info(search_queries)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).toEqual(['day', 'query', 'searches', 'zeroResults', 'lastTotal']);
    const stored = JSON.stringify(counts());
    expect(stored).toContain('院士');
    for (const trace of ['Tracer-UA-7731', '203.0.113', '127.0.0.1', '::1', 'cookie-4411', 'editor.wang']) expect(stored).not.toContain(trace);
  });
});

describe('the dashboard', () => {
  it('when queries were searched this week, then the top ones and the zero-result ones are listed with a link to add a synonym', async () => {
    for (let i = 0; i < 3; i++) await request(t.app).get('/api/search').query({ q: '煤化工' }).expect(200);
    await request(t.app).get('/api/search').query({ q: NOTHING }).expect(200);
    await request(t.app).get('/api/search').query({ q: '<script>alert(1)</script>' }).expect(200);
    const res = await editor.get('/admin').expect(200);
    const top = res.text.slice(res.text.indexOf('data-searches="this-week-top"'), res.text.indexOf('data-searches="this-week-zero"'));
    expect(visibleText(top)).toMatch(/煤化工 3 \d+ 添加同义词/);
    expect(top).toContain(`href="/admin/synonyms/new?term=${encodeURIComponent('煤化工')}"`);
    const zero = res.text.slice(res.text.indexOf('data-searches="this-week-zero"'), res.text.indexOf('data-searches="last-week-top"'));
    expect(visibleText(zero)).toContain(`${NOTHING} 1 0 添加同义词`);
    expect(zero).not.toContain('煤化工');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    const lastWeek = res.text.slice(res.text.indexOf('data-searches="last-week-top"'));
    expect(visibleText(lastWeek).slice(0, 200)).toContain('暂无记录。');
  });

  it('when staff follow the link of a zero-result query, then the synonym form holds the query and saving it adds the rule', async () => {
    await request(t.app).get('/api/search').query({ q: '农机合作社' }).expect(200);
    const dashboard = await editor.get('/admin?lang=en').expect(200);
    expect(visibleText(dashboard.text)).toContain('Add a synonym');
    const href = `/admin/synonyms/new?term=${encodeURIComponent('农机合作社')}`;
    expect(dashboard.text).toContain(`href="${href}"`);
    const { html } = await pageWithToken(editor, `${href}&lang=zh`);
    const fields = formFields(html, '/admin/synonyms');
    expect(fields.terms).toBe('农机合作社\n');
    await editor.post('/admin/synonyms').type('form').send({ ...fields, kind: 'oneway', terms: `${fields.terms}农机专业合作社` }).expect(303);
    const rule = t.ctx.synonyms.list().find((r) => r.terms[0] === '农机合作社');
    expect(rule).toMatchObject({ kind: 'oneway', terms: ['农机合作社', '农机专业合作社'] });
    expect(t.ctx.synonyms.snapshot().synonyms).toContainEqual({ id: rule!.id, kind: 'oneway', terms: ['农机合作社', '农机专业合作社'] });
  });
});
