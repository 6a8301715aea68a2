import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_LIMIT } from '../../server/site/contact.js';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { csrfFrom, visibleText } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const GOOD = { name: '李工', organisation: '昌吉棉业有限公司', contact: 'li@example.com', message: '希望就棉花种子加工工艺开展合作。' };

function inquiryCount(app: TestApp = t): number {
  return app.ctx.db.prepare('SELECT count(*) FROM inquiries').pluck().get() as number;
}

/** An agent holding a session, and the token of the listing's contact form. */
async function openForm(path: string, app: TestApp = t, lang = 'zh') {
  const agent = request.agent(app.app);
  const page = await agent.get(`${path}?lang=${lang}`).expect(200);
  return { agent, csrf: csrfFrom(page.text) };
}

function errorOf(html: string, field: string): string | undefined {
  return new RegExp(`<p class="field-error" id="field-${field}-error">([^<]*)</p>`).exec(html)?.[1];
}

describe('contact form', () => {
  it.each(['platforms', 'institutions', 'experts'])('when a %s page is opened, then it carries the contact form with every field labelled', async (collection) => {
    const res = await request(t.app).get(`/${collection}/1`).expect(200);
    expect(res.text).toContain(`<form class="contact-form" action="/${collection}/1/contact#form-errors" method="post"`);
    for (const field of ['name', 'organisation', 'contact', 'message', 'website']) {
      expect(res.text).toContain(`<label for="field-${field}">`);
      expect(res.text).toMatch(new RegExp(`id="field-${field}" name="${field}"`));
    }
    expect(res.text).toMatch(/<input id="field-website" name="website" type="text" tabindex="-1" autocomplete="off">/);
  });

  it('when a housing page is opened, then it says how to apply and carries a housing request form', async () => {
    const res = await request(t.app).get('/apartments/1').expect(200);
    expect(visibleText(res.text)).toContain('如何申请');
    for (const field of ['name', 'organisation', 'contact', 'unitsWanted', 'arrival', 'message']) expect(res.text).toContain(`<label for="field-${field}">`);
    expect(res.text).toMatch(/id="field-arrival" name="arrival" type="date"/);
  });

  it('when a valid request is sent, then it is stored for staff and the page confirms it', async () => {
    const before = inquiryCount();
    const { agent, csrf } = await openForm('/experts/1');
    const res = await agent.post('/experts/1/contact').type('form').send({ ...GOOD, _csrf: csrf }).expect(303);
    expect(res.headers.location).toBe('/experts/1?sent=1#contact');
    expect(inquiryCount()).toBe(before + 1);
    const stored = t.ctx.inquiries.list({ page: 1, perPage: 1 }).items[0]!;
    expect(stored).toMatchObject({ collection: 'experts', listingId: 1, name: '李工', contact: 'li@example.com', lang: 'zh', status: 'new' });
    const confirmed = await agent.get(res.headers.location!).expect(200);
    expect(confirmed.text).toMatch(/<div class="confirmation" role="status" id="contact-sent">/);
    expect(visibleText(confirmed.text)).toContain('请求已发送。');
  });

  it('when the form carries no CSRF token, then it is refused and nothing is stored', async () => {
    const before = inquiryCount();
    const { agent } = await openForm('/platforms/1');
    await agent.post('/platforms/1/contact').type('form').send(GOOD).expect(403);
    await agent.post('/platforms/1/contact').type('form').send({ ...GOOD, _csrf: 'forged' }).expect(403);
    expect(inquiryCount()).toBe(before);
  });

  it('when fields are wrong, then the form comes back with a message beside each and what was typed', async () => {
    const before = inquiryCount();
    const { agent, csrf } = await openForm('/platforms/1');
    const typed = { _csrf: csrf, name: '', organisation: '"><script>alert(1)</script>', contact: 'not a contact', message: '太短' };
    const res = await agent.post('/platforms/1/contact').type('form').send(typed).expect(400);
    expect(errorOf(res.text, 'name')).toBe('此项必填');
    expect(errorOf(res.text, 'contact')).toBe('请填写电话号码或电子邮箱');
    expect(errorOf(res.text, 'message')).toBe('至少 10 个字');
    expect(errorOf(res.text, 'organisation')).toBeUndefined();
    expect(res.text).toContain('value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain('value="not a contact"');
    expect(res.text).toMatch(/<textarea id="field-message"[^>]*aria-invalid="true">太短<\/textarea>/);
    expect(res.text).toMatch(/<div class="form-errors" role="alert"/);
    expect(inquiryCount()).toBe(before);
  });

  it('when an English reader makes a mistake, then the messages are English', async () => {
    const { agent, csrf } = await openForm('/institutions/1', t, 'en');
    const res = await agent.post('/institutions/1/contact').type('form').send({ ...GOOD, name: '', _csrf: csrf }).expect(400);
    expect(errorOf(res.text, 'name')).toBe('Required');
    expect(visibleText(res.text)).toContain('Your request was not sent. Please correct the marked fields and try again.');
  });

  it('when the hidden field is filled in, then the request is refused with a clear message and nothing is stored', async () => {
    const before = inquiryCount();
    const { agent, csrf } = await openForm('/platforms/1');
    const res = await agent.post('/platforms/1/contact').type('form').send({ ...GOOD, website: 'http://spam.example', _csrf: csrf }).expect(400);
    expect(visibleText(res.text)).toContain('请求未发送：表单中填写了应留空的隐藏项');
    expect(inquiryCount()).toBe(before);
  });

  it('when one address sends too many requests, then the next is refused with 429 in its language and nothing is stored', async () => {
    const own = await createTestApp();
    try {
      const { agent, csrf } = await openForm('/platforms/1', own, 'en');
      for (let i = 0; i < CONTACT_LIMIT; i++) await agent.post('/platforms/1/contact').type('form').send({ ...GOOD, _csrf: csrf }).expect(303);
      expect(inquiryCount(own)).toBe(CONTACT_LIMIT);
      const res = await agent.post('/platforms/1/contact').type('form').send({ ...GOOD, _csrf: csrf }).expect(429);
      expect(visibleText(res.text)).toMatch(/Request not sent: too many requests .* Please try again in \d+ minutes \(after \d\d:\d\d Beijing time, UTC\+8\)/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.text).toContain('<title>Error (1): ');
      expect(res.text).toContain('value="li@example.com"');
      expect(inquiryCount(own)).toBe(CONTACT_LIMIT);
    } finally {
      await own.close();
    }
  });

  it('when the listing is archived, then a request to it is a 404', async () => {
    const listing = t.ctx.listings.create('platforms', {
      name: '归档测试平台', nameEn: '', summary: '', summaryEn: '', county: 'qitai', fields: ['cotton'], kind: 'key-lab', level: 'regional',
      host: '', hostEn: '', location: null, locationEn: null, established: 2020,
    }, { actor: 'test' });
    const { agent, csrf } = await openForm(`/platforms/${listing.id}`);
    t.ctx.listings.archive('platforms', listing.id, { actor: 'test' });
    await agent.post(`/platforms/${listing.id}/contact`).type('form').send({ ...GOOD, _csrf: csrf }).expect(404);
  });
});
