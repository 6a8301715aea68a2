import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/session.js';
import { createAdminApp, signIn } from '../admin/helpers.js';
import type { TestApp } from '../helpers/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createAdminApp();
});
afterAll(() => t.close());

function storedSessions(): number {
  return t.ctx.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
}

describe('sessions on the public pages', () => {
  it('when an anonymous visitor reads the home, search and stats pages, then no cookie is set and no session is stored', async () => {
    const before = storedSessions();
    for (const path of ['/', '/search', '/search?q=棉花&county=changji', '/stats']) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
    expect(storedSessions()).toBe(before);
  });

  it('when an anonymous visitor opens a page with a contact form, then a session keeps the form token', async () => {
    const res = await request(t.app).get('/experts/1').expect(200);
    expect(String(res.headers['set-cookie'])).toContain(`${SESSION_COOKIE}=`);
  });

  it('when signed-in staff read the search page, then their session is renewed and they stay signed in', async () => {
    const agent = await signIn(t.app);
    const res = await agent.get('/search?q=棉花').expect(200);
    expect(String(res.headers['set-cookie'])).toContain(`${SESSION_COOKIE}=`);
    await agent.get('/admin').expect(200);
  });
});
