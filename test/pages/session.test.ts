import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/session.js';
import { createAdminApp, signIn } from '../admin/helpers.js';
import type { TestApp } from '../helpers/context.js';
import { csrfFrom } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createAdminApp();
});
afterAll(() => t.close());

function storedSessions(): number {
  return t.ctx.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
}

describe('sessions on the public pages', () => {
  it('when an anonymous visitor reads the home, search, stats, listing and sign-in pages, then no session is stored or sent', async () => {
    const before = storedSessions();
    for (const path of ['/', '/search', '/search?q=棉花&county=changji', '/stats', '/experts/1', '/platforms/2', '/admin/login']) {
      const res = await request(t.app).get(path).expect(200);
      expect(String(res.headers['set-cookie'] ?? ''), path).not.toContain(`${SESSION_COOKIE}=`);
    }
    expect(storedSessions()).toBe(before);
  });

  it('when an anonymous visitor sends the contact form, then it is accepted and still no session is stored', async () => {
    const before = storedSessions();
    const agent = request.agent(t.app);
    const page = await agent.get('/experts/1').expect(200);
    const csrf = csrfFrom(page.text);
    const res = await agent.post('/experts/1/contact').type('form').send({ _csrf: csrf, name: '王工', contact: 'wang@example.com', message: '想了解棉花种子的合作方式。' }).expect(303);
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain(`${SESSION_COOKIE}=`);
    expect(storedSessions()).toBe(before);
  });

  it('when a contact form token is sent with another visitor\'s cookie, then it is refused', async () => {
    const page = await request.agent(t.app).get('/experts/1').expect(200);
    const other = request.agent(t.app);
    await other.get('/experts/1').expect(200);
    await other.post('/experts/1/contact').type('form').send({ _csrf: csrfFrom(page.text), name: '王工', contact: 'wang@example.com', message: '想了解棉花种子的合作方式。' }).expect(403);
  });

  it('when signed-in staff read the search page, then their session is renewed and they stay signed in', async () => {
    const agent = await signIn(t.app);
    const res = await agent.get('/search?q=棉花').expect(200);
    expect(String(res.headers['set-cookie'])).toContain(`${SESSION_COOKIE}=`);
    await agent.get('/admin').expect(200);
  });
});
