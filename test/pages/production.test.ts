import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { csrfFrom, HOSTILE_NAMES, hostileListing, visibleText } from './page-helpers.js';

// Production keeps compiled templates for the life of the process; the other page tests run without that cache.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ NODE_ENV: 'production' });
});
afterAll(() => t.close());

/** The page, fetched twice: once compiled, once from the template cache; both must read the same. */
async function twice(path: string, status = 200): Promise<string> {
  const first = await request(t.app).get(path).expect(status);
  const second = await request(t.app).get(path).expect(status);
  expect(visibleText(second.text)).toBe(visibleText(first.text));
  return second.text;
}

describe('pages with templates cached as in production', () => {
  it('when the home, stats and search pages are read, then they show their content', async () => {
    expect(visibleText(await twice('/'))).toContain('昌吉州科技资源名录');
    expect(visibleText(await twice('/stats?lang=en'))).toContain('Platforms by level National 28');
    const search = await twice('/search?q=棉花&county=changji');
    expect(search).toMatch(/<mark>棉花<\/mark>/);
    expect(search).toMatch(/<ol class="card-list hits" start="1">\s*<li>\s*<article class="card">/);
    expect(search).toMatch(/<fieldset class="facet" id="facet-collection">/);
    expect(search).toContain('<a class="chip" href="/search?q=%E6%A3%89%E8%8A%B1" aria-label="移除条件：县市、园区：昌吉市">');
  });

  it('when nothing matches, then the page offers the searches that would find something', async () => {
    const text = visibleText(await twice('/search?q=院士&collection=apartments'));
    expect(text).toMatch(/没有找到/);
    expect(text).toMatch(/去掉/);
  });

  it('when listing names hold markup, then result cards show it as text', async () => {
    for (const name of HOSTILE_NAMES) hostileListing(t.ctx, 'experts', name);
    const html = await twice('/search?collection=experts&sort=updated');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    for (const name of HOSTILE_NAMES) expect(visibleText(html)).toContain(name);
  });

  it('when a listing page is opened and its contact form sent, then the request is accepted', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/platforms/1').expect(200);
    expect(page.text).toMatch(/<section class="related"[\s\S]*<article class="card">/);
    const message = { name: '李工', organisation: '', contact: 'li@example.com', message: '希望就平台合作进一步沟通。', _csrf: csrfFrom(page.text) };
    await agent.post('/platforms/1/contact').type('form').send(message).expect(303);
  });

  it('when a page is missing or a parameter is bad, then the error page says so', async () => {
    expect(visibleText(await twice('/platforms/999999', 404))).toContain('昌吉州科技资源名录');
    expect(await twice('/search?page=abc', 400)).toContain('<code>page</code>');
  });

  it('when the back office sign-in page is opened, then it renders as before', async () => {
    const html = await twice('/admin/login');
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);
    expect(html).toMatch(/name="password"/);
  });
});
