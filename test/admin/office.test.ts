import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReindexRunningError } from '../../search/search-service.js';
import type { TestApp } from '../helpers/context.js';
import { addUser, createAdminApp, editableOf, formFields, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  await addUser(t.ctx, 'editor3', 'editor');
  admin = await signIn(t.app);
});
afterAll(() => t.close());

describe('dashboard', () => {
  it('when staff open it, then it shows listings per collection, stale ones, the inbox and the index state', async () => {
    t.ctx.db.prepare("UPDATE platforms SET updatedAt = '2020-01-01T00:00:00.000Z' WHERE id IN (1, 2, 3)").run();
    const res = await admin.get('/admin').expect(200);
    expect(res.text).toContain('data-count="platforms-active">166<');
    expect(res.text).toContain('data-count="experts-active">120<');
    expect(res.text).toContain('href="/admin/listings/platforms?stale=1">3<');
    expect(res.text).toContain(`<dd>${t.ctx.search.health().engine}</dd>`);
    expect(res.text).toContain('action="/admin/reindex"');
    const stale = await admin.get('/admin/listings/platforms?stale=1').expect(200);
    expect(stale.text).toContain('共 3 条');
  });

  it('when an admin rebuilds the index, then it is done and logged', async () => {
    const { csrf } = await pageWithToken(admin, '/admin');
    await admin.post('/admin/reindex').type('form').send({ _csrf: csrf }).expect(303).expect('location', '/admin');
    expect((await admin.get('/admin')).text).toContain('搜索索引已重建');
    expect(t.ctx.db.prepare("SELECT actor FROM audit_log WHERE action = 'index.reindex'").pluck().get()).toBe('chief');
  });

  it('when a rebuild is already running, then another is refused with 409 reindex_running', async () => {
    const { csrf } = await pageWithToken(admin, '/admin');
    const reindex = vi.spyOn(t.ctx.search, 'reindex').mockRejectedValueOnce(new ReindexRunningError());
    try {
      const res = await admin.post('/admin/reindex').set('accept', 'application/json').type('form').send({ _csrf: csrf }).expect(409);
      expect(res.body).toEqual({ error: { code: 'reindex_running', message: 'the search index is already being rebuilt' } });
    } finally {
      reindex.mockRestore();
    }
  });

  it('when Meilisearch cannot be rebuilt, then the embedded index is rebuilt and the page says what failed', async () => {
    const meili = await createAdminApp({ MEILI_HOST: 'http://127.0.0.1:9' });
    try {
      const chief = await signIn(meili.app);
      const { csrf } = await pageWithToken(chief, '/admin');
      await chief.post('/admin/reindex').type('form').send({ _csrf: csrf }).expect(303);
      expect((await chief.get('/admin')).text).toContain('内置搜索索引已重建；Meilisearch 未能重建');
      expect(meili.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'index.reindex'").pluck().get()).toMatch(/^meilisearch not rebuilt: /);
    } finally {
      await meili.close();
    }
  });

  it('when an editor opens it, then there is no rebuild button', async () => {
    const editor = await signIn(t.app, 'editor3', 'a long enough password');
    expect((await editor.get('/admin')).text).not.toContain('action="/admin/reindex"');
  });
});

describe('audit log', () => {
  it('when it is filtered by actor, action, collection and dates, then only those entries show', async () => {
    const listing = t.ctx.listings.get('institutions', 3)!;
    t.ctx.listings.update('institutions', 3, { ...editableOf(listing), location: '审计测试' }, { actor: 'editor3', version: listing.version });
    const res = await admin.get('/admin/audit?actor=editor3&action=update&collection=institutions').expect(200);
    expect(res.text).toContain('共 1 条');
    expect(res.text).toContain('href="/admin/listings/institutions/3"');
    expect(res.text).toMatch(/<th scope="row" title="location">所在地（中文）<\/th><td>[^<]*<\/td><td>审计测试<\/td>/);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.get(`/admin/audit?actor=editor3&action=update&from=${today}&to=${today}`)).text).toContain('共 1 条');
    expect((await admin.get('/admin/audit?actor=editor3&to=2020-01-01')).text).toContain('共 0 条');
    const logins = await admin.get('/admin/audit?action=login.success').expect(200);
    expect(logins.text).toContain('登录成功');
  });

  it('when a date is malformed, then 400 names it', async () => {
    const res = await admin.get('/admin/audit?from=yesterday').set('accept', 'application/json').expect(400);
    expect(res.body.error.details).toHaveProperty('from');
  });
});

describe('inquiries', () => {
  it('when a contact request arrives, then the inbox lists it with its listing, and staff answer it with a note', async () => {
    const inquiry = t.ctx.inquiries.create('experts', 5, { name: '王经理', organisation: '某棉业公司', contact: 'wang@example.com', message: '希望就棉花育种开展合作，请联系。' }, 'zh');
    const name = t.ctx.listings.get('experts', 5)!.name;
    const inbox = await admin.get('/admin/inquiries?status=new').expect(200);
    expect(inbox.text).toContain('王经理');
    expect(inbox.text).toContain(`<a href="/admin/listings/experts/5">${name}</a>`);
    const page = await admin.get(`/admin/inquiries/${inquiry.id}`).expect(200);
    expect(page.text).toContain('希望就棉花育种开展合作');
    const form = { ...formFields(page.text, `/admin/inquiries/${inquiry.id}`), status: 'answered', note: '已电话联系' };
    await admin.post(`/admin/inquiries/${inquiry.id}`).type('form').send(form).expect(303);
    expect(t.ctx.inquiries.get(inquiry.id)).toMatchObject({ status: 'answered', note: '已电话联系' });
    expect((await admin.get('/admin/inquiries?status=answered')).text).toContain('王经理');
    const bad = await admin.post(`/admin/inquiries/${inquiry.id}`).type('form').send({ ...form, status: 'lost', note: 'typed note' }).expect(400);
    expect(bad.text).toContain('请从列表中选择');
    expect(bad.text).toContain('typed note');
  });
});

describe('accounts', () => {
  it('when an admin adds an account, then its holder can sign in with the role given', async () => {
    const { csrf } = await pageWithToken(admin, '/admin/users');
    await admin.post('/admin/users').type('form').send({ _csrf: csrf, username: '李编辑', role: 'editor', password: '密码要足够长才行啊啊啊', confirm: '密码要足够长才行啊啊啊' }).expect(303);
    const li = await signIn(t.app, '李编辑', '密码要足够长才行啊啊啊');
    await li.get('/admin/users').expect(403);
    expect(t.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'user.create' ORDER BY id DESC").pluck().get()).toBe(JSON.stringify({ username: '李编辑', role: 'editor' }));
  });

  it('when the account form is wrong, then each field says why and the name stays', async () => {
    const { csrf } = await pageWithToken(admin, '/admin/users');
    const res = await admin.post('/admin/users').type('form').send({ _csrf: csrf, username: 'Editor3', role: 'editor', password: 'short', confirm: 'short' }).expect(400);
    expect(res.text).toContain('该用户名已被使用');
    expect(res.text).toContain('value="Editor3"');
    const mismatch = await admin.post('/admin/users').type('form').send({ _csrf: csrf, username: 'newbie', role: 'editor', password: 'long enough one', confirm: 'long enough two' }).expect(400);
    expect(mismatch.text).toContain('两次输入的密码不一致');
    const short = await admin.post('/admin/users').type('form').send({ _csrf: csrf, username: 'newbie', role: 'editor', password: 'short', confirm: 'short' }).expect(400);
    expect(short.text).toContain('至少 10 个字符');
  });

  it('when an admin resets a password, then only the new one works and the old session ends', async () => {
    await addUser(t.ctx, 'forgetful', 'editor', 'old password here');
    const session = await signIn(t.app, 'forgetful', 'old password here');
    const id = t.ctx.db.prepare("SELECT id FROM users WHERE username = 'forgetful'").pluck().get() as number;
    const { csrf } = await pageWithToken(admin, '/admin/users');
    await admin.post(`/admin/users/${id}/password`).type('form').send({ _csrf: csrf, password: 'brand new password', confirm: 'brand new password' }).expect(303);
    await session.get('/admin').expect(302);
    await signIn(t.app, 'forgetful', 'brand new password');
    const agent = request.agent(t.app);
    const login = await pageWithToken(agent, '/admin/login');
    await agent.post('/admin/login').type('form').send({ _csrf: login.csrf, username: 'forgetful', password: 'old password here' }).expect(401);
  });

  it('when an account is disabled, then it cannot sign in until enabled again; nobody disables themselves', async () => {
    const id = t.ctx.db.prepare("SELECT id FROM users WHERE username = 'editor3'").pluck().get() as number;
    const { csrf } = await pageWithToken(admin, '/admin/users');
    await admin.post(`/admin/users/${id}/disable`).type('form').send({ _csrf: csrf }).expect(303);
    const agent = request.agent(t.app);
    const login = await pageWithToken(agent, '/admin/login');
    const res = await agent.post('/admin/login').type('form').send({ _csrf: login.csrf, username: 'editor3', password: 'a long enough password' }).expect(401);
    expect(res.text).toContain('此账号已停用');
    await admin.post(`/admin/users/${id}/enable`).type('form').send({ _csrf: csrf }).expect(303);
    await signIn(t.app, 'editor3', 'a long enough password');
    const self = t.ctx.db.prepare("SELECT id FROM users WHERE username = 'chief'").pluck().get() as number;
    await admin.post(`/admin/users/${self}/disable`).type('form').send({ _csrf: csrf }).expect(403);
  });
});
