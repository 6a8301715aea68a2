import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/context.js';
import { addUser, createAdminApp, formFields, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  await addUser(t.ctx, 'editor2', 'editor');
  admin = await signIn(t.app);
});
afterAll(() => t.close());

/** The edit form of a listing as a browser would submit it, with some fields changed. */
async function editForm(agent: request.Agent, collection: string, id: number, changes: Record<string, string | string[]> = {}) {
  const { html } = await pageWithToken(agent, `/admin/listings/${collection}/${id}`);
  return { ...formFields(html, `/admin/listings/${collection}/${id}`), ...changes };
}

describe('the list of a collection', () => {
  it('when staff search and filter, then only matching listings are shown, with paging', async () => {
    const all = await admin.get('/admin/listings/platforms').expect(200);
    expect(all.text).toContain('共 166 条');
    expect(all.text).toContain('第 1 / 4 页');
    const national = await admin.get('/admin/listings/platforms?level=national').expect(200);
    expect(national.text).toContain('共 28 条');
    const named = await admin.get('/admin/listings/platforms?q=' + encodeURIComponent('准东国家级煤炭')).expect(200);
    expect(named.text).toContain('共 1 条');
    expect(named.text).toContain('准东国家级煤炭清洁高效低碳利用技术专家服务基地');
    const page2 = await admin.get('/admin/listings/experts?page=2').expect(200);
    expect(page2.text).toContain('第 2 / 3 页');
  });

  it('when a filter carries an unknown code, then 400 names it', async () => {
    const res = await admin.get('/admin/listings/platforms?level=galactic').set('accept', 'application/json').expect(400);
    expect(res.body.error.details).toHaveProperty('level');
  });

  it('when a search holds LIKE wildcards, then they match themselves', async () => {
    const res = await admin.get('/admin/listings/platforms?q=%25').expect(200);
    expect(res.text).toContain('共 0 条');
  });
});

describe('the form of a listing', () => {
  it('when the form is built, then every declared field has its control: selects of labels, checkboxes, institutions', async () => {
    const { html } = await pageWithToken(admin, '/admin/listings/experts/new');
    expect(html).toContain('name="category"');
    expect(html).toContain('>院士</option>');
    expect(html).toContain('type="checkbox" name="fields" value="cotton"');
    expect(html).toMatch(/<select id="f-institutionId" name="institutionId">[\s\S]*新疆/);
    expect(html).toContain('<textarea id="f-expertise"');
    const apartment = await admin.get('/admin/listings/apartments/new');
    expect(apartment.text).toContain('name="furnished" value="true"');
    expect(apartment.text).toContain('inputmode="numeric"');
  });

  it('when a new listing has bad fields, then each error stands beside its field in Chinese and what was typed stays', async () => {
    const { csrf } = await pageWithToken(admin, '/admin/listings/apartments/new');
    const res = await admin
      .post('/admin/listings/apartments')
      .type('form')
      .send({ _csrf: csrf, name: '', nameEn: 'Typed <b>kept</b>', county: 'changji', fields: 'livestock', kind: 'talent-apartment', township: '三工镇', units: 'twelve', availableUnits: '5', monthlyRent: '0' })
      .expect(400);
    expect(res.text).toMatch(/id="f-name"[^>]*>[\s\S]{0,80}<p class="error" id="e-name">必填<\/p>/);
    expect(res.text).toMatch(/value="twelve"[^>]*>[\s\S]{0,40}<p class="error" id="e-units">请填写整数<\/p>/);
    expect(res.text).toContain('value="Typed &lt;b&gt;kept&lt;/b&gt;"');
    expect(res.text).toContain('value="livestock" checked');
    expect(t.ctx.db.prepare("SELECT count(*) FROM apartments WHERE township = '三工镇' AND nameEn LIKE 'Typed%'").pluck().get()).toBe(0);
  });

  it('when the page is in English, then the field errors are in English', async () => {
    const english = await signIn(t.app);
    const { csrf } = await pageWithToken(english, '/admin/listings/platforms/new?lang=en');
    const res = await english.post('/admin/listings/platforms').type('form').send({ _csrf: csrf, name: 'x', county: 'changji', fields: 'digital', kind: 'offsite-rnd', level: 'national', established: '1800' }).expect(400);
    expect(res.text).toContain('Off-site R&amp;D platforms have no level');
    expect(res.text).toContain('Required for off-site R&amp;D platforms');
    expect(res.text).toContain('At least 1900');
  });

  it('when a valid listing is created, then it is stored by its author with its typed values', async () => {
    const { csrf } = await pageWithToken(admin, '/admin/listings/experts/new');
    const res = await admin
      .post('/admin/listings/experts')
      .type('form')
      .send({ _csrf: csrf, name: '测试专家', county: 'hutubi', fields: ['cotton', 'seed-industry'], category: 'expert', institutionId: '1', expertise: '棉花育种\n节水灌溉, 土壤' })
      .expect(303);
    const id = Number(res.headers.location!.split('/').pop());
    const stored = t.ctx.listings.get('experts', id)!;
    expect(stored).toMatchObject({ name: '测试专家', fields: ['cotton', 'seed-industry'], institutionId: 1, expertise: ['棉花育种', '节水灌溉', '土壤'], source: 'staff', version: 1 });
    const page = await admin.get(res.headers.location!).expect(200);
    expect(page.text).toContain('已创建“测试专家”');
  });
});

describe('saving an edit', () => {
  it('when staff save a change, then the version goes up and the history shows who changed which field', async () => {
    const before = t.ctx.listings.get('institutions', 2)!;
    const form = await editForm(admin, 'institutions', 2, { location: '乌鲁木齐（已核实）' });
    await admin.post('/admin/listings/institutions/2').type('form').send(form).expect(303);
    const after = t.ctx.listings.get('institutions', 2)!;
    expect(after.version).toBe(before.version + 1);
    expect(after.location).toBe('乌鲁木齐（已核实）');
    expect(after.name).toBe(before.name);
    const page = await admin.get('/admin/listings/institutions/2').expect(200);
    expect(page.text).toContain('修改记录');
    expect(page.text).toMatch(/<strong>chief<\/strong> · 修改[\s\S]*<th scope="row" title="location">所在地（中文）<\/th><td>[^<]*<\/td><td>乌鲁木齐（已核实）<\/td>/);
  });

  it('when two colleagues edit the same listing, then the second save answers 409 with both versions and overwrites nothing', async () => {
    const editor = await signIn(t.app, 'editor2', 'a long enough password');
    const mine = await editForm(admin, 'platforms', 5, { host: '甲的修改' });
    const theirs = await editForm(editor, 'platforms', 5, { host: '乙的修改' });
    await admin.post('/admin/listings/platforms/5').type('form').send(mine).expect(303);
    const res = await editor.post('/admin/listings/platforms/5').type('form').send(theirs).expect(409);
    expect(t.ctx.listings.get('platforms', 5)!.host).toBe('甲的修改');
    expect(res.text).toContain('他人已修改此条目');
    expect(res.text).toMatch(/<td class="mine">乙的修改<\/td><td class="theirs">甲的修改<\/td>/);
    expect(res.text).toContain('value="乙的修改"');
    // Saving again from the conflict page is a deliberate choice over the newer version.
    const again = formFields(res.text, '/admin/listings/platforms/5');
    expect(again.version).toBe(String(t.ctx.listings.get('platforms', 5)!.version));
    await editor.post('/admin/listings/platforms/5').type('form').send(again).expect(303);
    expect(t.ctx.listings.get('platforms', 5)!.host).toBe('乙的修改');
  });

  it('when a form carries no version, then 400 names it and nothing changes', async () => {
    const before = t.ctx.listings.get('platforms', 6)!;
    const { version: _v, ...form } = await editForm(admin, 'platforms', 6, { host: 'x' });
    const res = await admin.post('/admin/listings/platforms/6').set('accept', 'application/json').type('form').send(form).expect(400);
    expect(res.body.error.details).toHaveProperty('version');
    expect(t.ctx.listings.get('platforms', 6)).toEqual(before);
  });
});

describe('archive, restore and delete', () => {
  it('when a listing is archived, then the public API and search stop showing it at once, and restoring brings it back', async () => {
    await request(t.app).get('/api/experts/3').expect(200);
    const { html, csrf } = await pageWithToken(admin, '/admin/listings/experts/3');
    const version = html.match(/name="version" value="(\d+)"/)![1]!;
    const name = t.ctx.listings.get('experts', 3)!.name;
    const searchIds = async () => ((await request(t.app).get(`/api/search?q=${encodeURIComponent(name)}`).expect(200)).body.hits as { id: number; collection: string }[]).filter((h) => h.collection === 'experts').map((h) => h.id);
    expect(await searchIds()).toContain(3);
    await admin.post('/admin/listings/experts/3/archive').type('form').send({ _csrf: csrf, version }).expect(303);
    await request(t.app).get('/api/experts/3').expect(404);
    expect(await searchIds()).not.toContain(3);
    const listed = await admin.get('/admin/listings/experts?status=archived').expect(200);
    expect(listed.text).toContain('/admin/listings/experts/3"');
    await admin.post('/admin/listings/experts/3/restore').type('form').send({ _csrf: csrf, version: String(Number(version) + 1) }).expect(303);
    await request(t.app).get('/api/experts/3').expect(200);
    expect(await searchIds()).toContain(3);
  });

  it('when an admin deletes after the confirmation page, then the listing is gone and the log keeps what it was', async () => {
    const name = t.ctx.listings.get('apartments', 4)!.name;
    const confirm = await admin.get('/admin/listings/apartments/4/delete').expect(200);
    expect(confirm.text).toContain(name);
    const form = formFields(confirm.text, '/admin/listings/apartments/4/delete');
    await admin.post('/admin/listings/apartments/4/delete').type('form').send(form).expect(303);
    expect(t.ctx.listings.get('apartments', 4)).toBeUndefined();
    const entry = t.ctx.audit.forListing('apartments', 4)[0]!;
    expect(entry).toMatchObject({ action: 'delete', actor: 'chief' });
    expect(entry.before).toMatchObject({ name });
  });
});
