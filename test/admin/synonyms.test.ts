import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/context.js';
import { visibleText } from '../pages/page-helpers.js';
import { platform } from '../search/support/stack.js';
import { addUser, createAdminApp, formFields, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
let admin: request.Agent;
let editor: request.Agent;
beforeAll(async () => {
  t = await createAdminApp({ SEED: 'off' });
  await addUser(t.ctx, 'editor.li', 'editor');
  admin = await signIn(t.app);
  editor = await signIn(t.app, 'editor.li', 'a long enough password');
});
afterAll(() => t.close());

/** Posts the add form as a browser would, with these values. */
async function add(agent: request.Agent, values: Record<string, string>) {
  const { csrf } = await pageWithToken(agent, '/admin/synonyms/new');
  return agent.post('/admin/synonyms').type('form').send({ _csrf: csrf, ...values });
}

function ruleWith(term: string) {
  return t.ctx.synonyms.list().find((rule) => rule.terms.includes(term));
}

describe('the list of synonym rules', () => {
  it('when an editor opens it, then the default list is there, the navigation links it, and it says when changes apply', async () => {
    const res = await editor.get('/admin/synonyms').expect(200);
    const text = visibleText(res.text);
    expect(res.text).toContain('<a href="/admin/synonyms">同义词</a>');
    expect(text).toContain('修改在下一次搜索时生效');
    expect(text).toContain(`共 ${t.ctx.synonyms.count()} 条`);
    expect(text).toContain('院士站 → 院士专家工作站');
  });

  it('when staff search by a term, then only the rules holding it are listed', async () => {
    const res = await editor.get('/admin/synonyms?q=' + encodeURIComponent('院士站')).expect(200);
    const text = visibleText(res.text);
    expect(text).toContain('院士站 = 院士工作站');
    expect(text).toContain('院士站 → 院士专家工作站');
    expect(text).not.toContain('经开区');
    const rules = [...res.text.matchAll(/data-rule="(\d+)"/g)].map((m) => t.ctx.synonyms.get(Number(m[1]))!);
    expect(rules.length).toBeGreaterThanOrEqual(2);
    for (const rule of rules) expect(rule.terms.some((term) => term.includes('院士站'))).toBe(true);
    const english = await editor.get('/admin/synonyms?q=KEY%20LAB').expect(200);
    expect(visibleText(english.text)).toContain('重点实验室 = key laboratory = key lab');
  });
});

describe('adding, editing and removing a rule', () => {
  it('when an editor adds a rule, then it is stored folded, listed with a message, and in the next snapshot', async () => {
    const before = t.ctx.synonyms.snapshot().version;
    const res = await add(editor, { kind: 'oneway', terms: '  滋泥泉子\n滋泥泉子镇、ZINIQUANZI ', note: '乡镇简称' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/synonyms');
    const rule = ruleWith('滋泥泉子')!;
    expect(rule).toMatchObject({ kind: 'oneway', terms: ['滋泥泉子', '滋泥泉子镇', 'ziniquanzi'], note: '乡镇简称' });
    const list = await editor.get('/admin/synonyms').expect(200);
    expect(visibleText(list.text)).toContain('已添加同义词规则：滋泥泉子 → 滋泥泉子镇, ziniquanzi。下一次搜索即生效。');
    const snapshot = t.ctx.synonyms.snapshot();
    expect(snapshot.version).toBeGreaterThan(before);
    expect(snapshot.synonyms).toContainEqual({ id: rule.id, kind: 'oneway', terms: ['滋泥泉子', '滋泥泉子镇', 'ziniquanzi'] });
  });

  it('when an editor changes a rule through its form, then it is saved with a new version and its history shows the change', async () => {
    const rule = ruleWith('经开区')!;
    const { html } = await pageWithToken(editor, `/admin/synonyms/${rule.id}`);
    const fields = formFields(html, `/admin/synonyms/${rule.id}`);
    expect(fields.terms).toBe('经开区\n经济技术开发区');
    await editor.post(`/admin/synonyms/${rule.id}`).type('form').send({ ...fields, terms: `${fields.terms}\n经济开发区` }).expect(303);
    expect(t.ctx.synonyms.get(rule.id)).toMatchObject({ terms: ['经开区', '经济技术开发区', '经济开发区'], version: rule.version + 1 });
    const page = visibleText((await editor.get(`/admin/synonyms/${rule.id}`).expect(200)).text);
    expect(page).toContain('editor.li · 修改同义词规则');
    expect(page).toContain('经开区 = 经济技术开发区 = 经济开发区');
  });

  it('when the form was opened before a colleague saved, then both versions are shown and nothing is overwritten', async () => {
    const rule = ruleWith('高新区')!;
    const { html } = await pageWithToken(editor, `/admin/synonyms/${rule.id}`);
    const stale = formFields(html, `/admin/synonyms/${rule.id}`);
    t.ctx.synonyms.update(rule.id, { kind: 'equivalent', terms: ['高新区', '高新技术产业开发区', '高新技术开发区'] }, rule.version, 'chief');
    const res = await editor.post(`/admin/synonyms/${rule.id}`).type('form').send({ ...stale, note: '我的备注' }).expect(409);
    const text = visibleText(res.text);
    expect(text).toContain('他人已修改此规则');
    expect(text).toContain('高新区, 高新技术产业开发区, 高新技术开发区');
    expect(res.text).toContain('value="我的备注"');
    expect(t.ctx.synonyms.get(rule.id)).toMatchObject({ note: '', version: rule.version + 1 });
    // Saving again from the conflict page carries the current version and goes through.
    await editor.post(`/admin/synonyms/${rule.id}`).type('form').send(formFields(res.text, `/admin/synonyms/${rule.id}`)).expect(303);
    expect(t.ctx.synonyms.get(rule.id)?.note).toBe('我的备注');
  });

  it('when an editor removes a rule, then a confirmation comes first and the rule is gone after it', async () => {
    const rule = ruleWith('centre')!;
    const confirm = await pageWithToken(editor, `/admin/synonyms/${rule.id}/delete`);
    expect(visibleText(confirm.html)).toContain('确定删除规则“centre = center”吗？');
    expect(t.ctx.synonyms.get(rule.id)).toBeDefined();
    await editor.post(`/admin/synonyms/${rule.id}/delete`).type('form').send(formFields(confirm.html, `/admin/synonyms/${rule.id}/delete`)).expect(303);
    expect(t.ctx.synonyms.get(rule.id)).toBeUndefined();
    expect(t.ctx.synonyms.snapshot().synonyms.some((s) => s.id === rule.id)).toBe(false);
    await editor.get(`/admin/synonyms/${rule.id}`).expect(404);
  });

  it('when rules change, then the audit log shows each change readably with a link to the rule', async () => {
    const rule = ruleWith('滋泥泉子')!;
    const log = await admin.get('/admin/audit?action=synonym.create').expect(200);
    const text = visibleText(log.text);
    expect(text).toContain('添加同义词规则');
    expect(text).toContain('规则 滋泥泉子 → 滋泥泉子镇, ziniquanzi');
    expect(text).toContain('备注 乡镇简称');
    expect(log.text).toContain(`<a href="/admin/synonyms/${rule.id}">同义词规则 #${rule.id}</a>`);
    const deletions = visibleText((await admin.get('/admin/audit?action=synonym.delete').expect(200)).text);
    expect(deletions).toContain('删除同义词规则');
    expect(deletions).toContain('centre = center');
  });
});

describe('refused requests', () => {
  it('when nobody is signed in, then the pages redirect to the sign-in and a post changes nothing', async () => {
    const res = await request(t.app).get('/admin/synonyms').expect(302);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Fsynonyms');
    const count = t.ctx.synonyms.count();
    await request(t.app).post('/admin/synonyms').type('form').send({ kind: 'equivalent', terms: 'a1\nb1' }).expect(302);
    expect(t.ctx.synonyms.count()).toBe(count);
  });

  it('when a form carries no valid CSRF token, then it is refused and nothing is stored', async () => {
    const count = t.ctx.synonyms.count();
    await editor.post('/admin/synonyms').type('form').send({ kind: 'equivalent', terms: 'foo1\nbar1' }).expect(403);
    await editor.post('/admin/synonyms').type('form').send({ _csrf: 'forged', kind: 'equivalent', terms: 'foo1\nbar1' }).expect(403);
    const rule = t.ctx.synonyms.list()[0]!;
    await editor.post(`/admin/synonyms/${rule.id}/delete`).type('form').send({ _csrf: 'forged', version: String(rule.version) }).expect(403);
    expect(t.ctx.synonyms.count()).toBe(count);
    expect(t.ctx.synonyms.get(rule.id)).toBeDefined();
  });

  it('when the terms are bad, then the form comes back with the message beside them and what was typed', async () => {
    const res = await add(editor, { kind: 'equivalent', terms: 'Lab\n<b>lab</b>\nLAB', note: 'typed <i>note</i>' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<p class="error" id="e-terms">第 3 项：与本规则中的另一个词重复<\/p>/);
    expect(res.text).toContain('>Lab\n&lt;b&gt;lab&lt;/b&gt;\nLAB</textarea>');
    expect(res.text).toContain('value="typed &lt;i&gt;note&lt;/i&gt;"');
    const single = await add(editor, { kind: 'oneway', terms: '农高区' });
    expect(single.status).toBe(400);
    expect(single.text).toContain('至少需要 2 个词');
    expect(single.text).toMatch(/<option value="oneway" selected>/);
    const same = await add(editor, { kind: 'equivalent', terms: '经济技术开发区\n经开区\n经济开发区' });
    expect(visibleText(same.text)).toContain(`已有相同的规则（#${ruleWith('经开区')!.id}）`);
    expect(ruleWith('lab')?.terms).toEqual(['lab', 'laboratory']);
  });

  it('when the page is in English, then the messages are in English', async () => {
    const english = await signIn(t.app, 'editor.li', 'a long enough password');
    const { csrf } = await pageWithToken(english, '/admin/synonyms/new?lang=en');
    const res = await english.post('/admin/synonyms').type('form').send({ _csrf: csrf, kind: 'sideways', terms: `${'x'.repeat(65)}\ny` }).expect(400);
    expect(res.text).toContain('Choose one of the listed values');
    expect(res.text).toContain('item 1: At most 64 characters');
  });
});

describe('a synonym staff add reaches search', () => {
  it('when an editor adds a rule, then the next search finds listings by its other term, and after removing it no longer', async () => {
    t.ctx.listings.create('platforms', platform('滴灌节水工程技术研究中心', { summary: '研究棉田滴灌。', kind: 'engineering-center' }), { actor: 'test' });
    const search = async () => (await request(t.app).get('/api/search').query({ q: '膜下灌溉' }).expect(200)).body.hits.map((h: { name: string }) => h.name);
    expect(await search()).not.toContain('滴灌节水工程技术研究中心');
    expect((await add(editor, { kind: 'equivalent', terms: '膜下灌溉\n滴灌', note: '' })).status).toBe(303);
    expect(await search()).toContain('滴灌节水工程技术研究中心');
    t.ctx.synonyms.remove(ruleWith('膜下灌溉')!.id, 'test');
    expect(await search()).not.toContain('滴灌节水工程技术研究中心');
  });
});
