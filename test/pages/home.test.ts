import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { links, visibleText } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /', () => {
  it('when a Chinese reader opens the home page, then it says what the directory holds and shows the report figures', async () => {
    const res = await request(t.app).get('/').expect(200).expect('content-type', /html/);
    const text = visibleText(res.text);
    expect(res.text).toMatch(/<html lang="zh-CN">/);
    expect(text).toContain('昌吉州科技资源名录');
    expect(text).toMatch(/145 自治区级以上创新平台/);
    expect(text).toMatch(/28 国家级创新平台/);
    expect(text).toMatch(/120 来昌院士专家/);
    expect(text).toMatch(/10 院士/);
    const units = Number(/(\d+) 套人才公寓/.exec(text)?.[1]);
    const rooms = Number(/(\d+) 间乡镇周转房/.exec(text)?.[1]);
    expect(units).toBeGreaterThanOrEqual(1600);
    expect(rooms).toBeGreaterThanOrEqual(400);
  });

  it('when the home page is read, then it has a search box and ways in by field and by county', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.text).toMatch(/<form class="search-box" action="\/search" method="get" role="search">/);
    expect(res.text).toMatch(/<label for="home-q">/);
    const hrefs = links(res.text);
    expect(hrefs).toContain('/search?field=cotton');
    expect(hrefs).toContain('/search?county=qitai');
    expect(hrefs).toContain('/search?collection=experts&category=academician');
    expect(visibleText(res.text)).toMatch(/棉花 \d+/);
  });

  it('when a listing is archived, then the figures count one less', async () => {
    const before = visibleText((await request(t.app).get('/')).text);
    const n = Number(/(\d+) 来昌院士专家/.exec(before)![1]);
    const expert = t.ctx.listings.create('experts', {
      name: '测试专家', nameEn: '', summary: '', summaryEn: '', county: 'qitai', fields: ['cotton'], category: 'expert',
      title: '', titleEn: '', affiliation: '', affiliationEn: '', institutionId: null, expertise: [], expertiseEn: [],
    }, { actor: 'test' });
    expect(visibleText((await request(t.app).get('/')).text)).toContain(`${n + 1} 来昌院士专家`);
    t.ctx.listings.archive('experts', expert.id, { actor: 'test' });
    expect(visibleText((await request(t.app).get('/')).text)).toContain(`${n} 来昌院士专家`);
  });

  it('when the page loads, then every asset comes from the app itself', async () => {
    const res = await request(t.app).get('/').expect(200);
    for (const href of links(res.text)) expect(href).toMatch(/^(\/(?!\/)|\?|#)/);
    const version = /<link rel="stylesheet" href="\/assets\/site\.css\?v=([0-9a-f]{10})">/.exec(res.text)?.[1];
    expect(version).toBeDefined();
    expect(res.text).toContain(`<script src="/assets/site.js?v=${version}" defer></script>`);
    await request(t.app).get(`/assets/site.css?v=${version}`).expect(200).expect('content-type', /css/);
  });

  it('when the page is served, then the security headers forbid inline script and style', async () => {
    const res = await request(t.app).get('/').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('when the stylesheet and script are asked for, then they are served from /assets', async () => {
    await request(t.app).get('/assets/site.css').expect(200).expect('content-type', /css/);
    await request(t.app).get('/assets/site.js').expect(200).expect('content-type', /javascript/);
  });

  it('when the page is read, then it has landmarks, a skip link and one h1', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.text).toMatch(/<a class="skip-link" href="#main">/);
    for (const landmark of ['<header', '<nav', '<main id="main"', '<footer']) expect(res.text).toContain(landmark);
    expect(res.text.match(/<h1[\s>]/g)).toHaveLength(1);
  });
});

describe('language', () => {
  it('when ?lang=en is given, then the page is English and the choice is kept in a cookie', async () => {
    const agent = request.agent(t.app);
    const first = await agent.get('/?lang=en').expect(200);
    expect(first.text).toMatch(/<html lang="en">/);
    expect(visibleText(first.text)).toMatch(/145 innovation platforms at autonomous-region level or above/);
    expect(String(first.headers['set-cookie'])).toMatch(/lang=en/);
    const second = await agent.get('/stats').expect(200);
    expect(second.text).toMatch(/<html lang="en">/);
  });

  it('when the browser prefers English, then the page is English; when it prefers Chinese, Chinese', async () => {
    const en = await request(t.app).get('/').set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
    expect(en.text).toMatch(/<html lang="en">/);
    const zh = await request(t.app).get('/').set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.8').expect(200);
    expect(zh.text).toMatch(/<html lang="zh-CN">/);
  });

  it('when the language switch is followed, then it leads to the same page and query in the other language', async () => {
    const res = await request(t.app).get('/stats?q=%E6%A3%89%E8%8A%B1&county=qitai').expect(200);
    const sw = /<li class="lang-switch"><a href="([^"]+)"/.exec(res.text)![1]!.replace(/&amp;/g, '&');
    expect(sw).toMatch(/^\/stats\?/);
    const url = new URL(sw, 'http://x');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('county')).toBe('qitai');
    expect(url.searchParams.get('q')).toBe('棉花');
  });
});
