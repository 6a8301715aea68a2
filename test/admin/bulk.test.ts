import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionColumns } from '../../server/bulk/export.js';
import { COLLECTIONS, getCollection } from '../../server/collections/registry.js';
import type { Listing } from '../../server/collections/define.js';
import type { TestApp } from '../helpers/context.js';
import { createAdminApp, editableOf, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  admin = await signIn(t.app);
});
afterAll(() => t.close());

function count(app: TestApp, collection: string): number {
  return app.ctx.listings.repo(collection).count();
}

async function upload(agent: request.Agent, collection: string, content: string | Buffer, name: string, mode: 'dry-run' | 'commit') {
  const { csrf } = await pageWithToken(agent, `/admin/bulk/${collection}`);
  return agent.post(`/admin/bulk/${collection}/import`).field('_csrf', csrf).field('mode', mode).attach('file', Buffer.from(content), name);
}

async function download(agent: request.Agent, path: string): Promise<string> {
  const res = await agent.get(path).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  });
  expect(res.status).toBe(200);
  return res.body as string;
}

/** A listing's data without what the database assigns. */
function data(listing: Listing): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = listing;
  return rest;
}

const EXPERT_HEADER = 'name,nameEn,county,fields,category,title,affiliation,expertise';

function expertRows(n: number): string {
  return Array.from({ length: n }, (_, i) => `新专家${i + 1},New Expert ${i + 1},hutubi,cotton|seed-industry,expert,研究员,昌吉州农业科学研究院,棉花育种|节水灌溉`).join('\n');
}

describe('export', () => {
  it('when a collection is exported as CSV, then it is UTF-8 with a BOM, names the columns and neutralises formulas', async () => {
    const formula = t.ctx.listings.create('platforms', { ...editableOf(t.ctx.listings.get('platforms', 1)!), name: '=HYPERLINK("http://evil.example","点我")', host: '+cmd|calc', hostEn: '@SUM(A1)', summary: '-2+3' }, { actor: 'test' });
    const res = await admin.get('/admin/bulk/platforms/export.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?platforms-\d{4}-\d{2}-\d{2}\.csv"?/);
    const text = await download(admin, '/admin/bulk/platforms/export.csv');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = parse(text.slice(1)) as string[][];
    expect(rows[0]).toEqual(collectionColumns(getCollection('platforms')));
    expect(rows).toHaveLength(count(t, 'platforms') + 1);
    const row = rows.find((r) => r[0] === String(formula.id))!;
    const cell = (name: string) => row[rows[0]!.indexOf(name)];
    expect(cell('name')).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(cell('host')).toBe("'+cmd|calc");
    expect(cell('hostEn')).toBe("'@SUM(A1)");
    expect(cell('summary')).toBe("'-2+3");
    expect(rows.every((r) => r.every((c) => !/^[=+\-@\t\r]/.test(c)))).toBe(true);
  });

  it('when a collection is exported as JSON, then it is every listing as the API shows it', async () => {
    const listings = JSON.parse(await download(admin, '/admin/bulk/institutions/export.json')) as Listing[];
    expect(listings).toHaveLength(count(t, 'institutions'));
    expect(listings[0]).toEqual(t.ctx.listings.get('institutions', listings[0]!.id));
  });

  it('when the template is asked for, then it is the header staff fill in', async () => {
    const text = await download(admin, '/admin/bulk/experts/template.csv');
    expect(text).toMatch(/^\ufeffid,name,nameEn,summary,summaryEn,county,fields,category,/);
  });
});

describe('import', () => {
  it('when the dry run meets bad rows, then it lists each by line and reason and changes nothing', async () => {
    const before = count(t, 'experts');
    const csv = [
      `${EXPERT_HEADER},summary`,
      '好专家,Good,hutubi,cotton,expert,研究员,单位,棉花,"简介\n两行"',
      '多行简介,Multi,nowhere,cotton,expert,,,,"第一行\n第二行"',
      ',Nameless,changji,,expert,,,,',
      '好专家二,Good 2,hutubi,cotton,wizard,,,,',
    ].join('\n');
    const res = await upload(admin, 'experts', csv, 'experts.csv', 'dry-run');
    expect(res.status).toBe(200);
    expect(res.text).toContain('检查结果（试运行，未写入）');
    expect(res.text).toContain('4 处问题');
    const rows = [...res.text.matchAll(/<tr><td class="num">(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ['4', '县市（园区）', expect.stringContaining('hutubi 呼图壁县 / Hutubi County')],
      ['6', '名称（中文）', '必填'],
      ['6', '产业领域', '不能小于 1'],
      ['7', '人才类别', expect.stringContaining('academician 院士 / Academician')],
    ]);
    expect(count(t, 'experts')).toBe(before);
  });

  it('when a file with one bad row is imported, then nothing of it is written', async () => {
    const before = count(t, 'experts');
    const auditBefore = t.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const csv = `${EXPERT_HEADER}\n${expertRows(10)}\n坏行,Bad,hutubi,cotton,expert,,,${'很长的关键词'.repeat(10)}\n`;
    const res = await upload(admin, 'experts', csv, 'experts.csv', 'commit');
    expect(res.status).toBe(400);
    expect(res.text).toContain('未导入：文件有问题，数据未作任何更改');
    expect(res.text).toMatch(/<td class="num">12<\/td><td>专长关键词（中文）<\/td><td>[^<]+<\/td>/);
    expect(count(t, 'experts')).toBe(before);
    expect(t.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);
  });

  it('when fifty new experts come from a spreadsheet, then all are stored, audited and public', async () => {
    const before = count(t, 'experts');
    const publicTotal = async () => (await request(t.app).get('/api/search?collection=experts&perPage=1').expect(200)).body.total as number;
    const publicBefore = await publicTotal();
    const csv = `\ufeff${EXPERT_HEADER}\r\n${expertRows(50).replace(/\n/g, '\r\n')}\r\n`;
    const dry = await upload(admin, 'experts', csv, 'fifty.csv', 'dry-run');
    expect(dry.text).toContain('没有问题：将新建 50 条，更新 0 条');
    expect(count(t, 'experts')).toBe(before);
    const res = await upload(admin, 'experts', csv, 'fifty.csv', 'commit');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/listings/experts');
    expect(count(t, 'experts')).toBe(before + 50);
    expect(await publicTotal()).toBe(publicBefore + 50);
    const page = await admin.get('/admin/listings/experts').expect(200);
    expect(page.text).toContain('已从 fifty.csv 导入：新建 50 条，更新 0 条');
    const created = t.ctx.db.prepare("SELECT id FROM experts WHERE name = '新专家50'").pluck().get() as number;
    const listing = (await request(t.app).get(`/api/experts/${created}`).expect(200)).body;
    expect(listing).toMatchObject({ name: '新专家50', fields: ['cotton', 'seed-industry'], expertise: ['棉花育种', '节水灌溉'], source: 'staff', summary: '' });
    expect(t.ctx.audit.forListing('experts', created)[0]).toMatchObject({ action: 'create', actor: 'chief' });
    expect(t.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'import' ORDER BY id DESC").pluck().get()).toBe(JSON.stringify({ collection: 'experts', created: 50, updated: 0 }));
  });

  it('when an exported row is edited and imported, then it updates that listing; a stale version is refused', async () => {
    const text = await download(admin, '/admin/bulk/institutions/export.csv');
    const rows = parse(text.slice(1)) as string[][];
    const header = rows[0]!;
    const row = rows[1]!.slice();
    const id = Number(row[0]);
    row[header.indexOf('location')] = '更新后的地点';
    const csv = (r: string[]) => [header, r].map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
    expect((await upload(admin, 'institutions', csv(row), 'i.csv', 'commit')).status).toBe(303);
    expect(t.ctx.listings.get('institutions', id)!.location).toBe('更新后的地点');
    const stale = await upload(admin, 'institutions', csv(row), 'i.csv', 'commit');
    expect(stale.status).toBe(400);
    expect(stale.text).toMatch(/导出后已被修改（当前为第 \d+ 版）/);
  });

  it('when a row gives a large id, then it is stored and found under it; an id of more than 12 digits is refused', async () => {
    const tooLong = await upload(admin, 'experts', `id,${EXPERT_HEADER}\n1234567890123,长编号专家,Long,hutubi,cotton,expert,,,\n`, 'experts.csv', 'dry-run');
    expect(tooLong.text).toMatch(/<td class="num">2<\/td><td>[^<]+<\/td><td>请填写不超过 12 位的正整数<\/td>/);
    const res = await upload(admin, 'experts', `id,${EXPERT_HEADER}\n987654321,大编号专家,Large Id,hutubi,cotton,expert,,,\n`, 'experts.csv', 'commit');
    expect(res.status).toBe(303);
    const found = await request(t.app).get('/api/search').query({ q: '大编号专家' }).expect(200);
    expect(found.body.hits[0].id).toBe(987654321);
    expect(found.body.hits.filter((h: Listing) => h.name === '大编号专家').map((h: Listing) => h.id)).toEqual([987654321]);
    await request(t.app).get('/api/experts/987654321').expect(200);
  });

  it('when a JSON file has an unknown field or is not UTF-8, then the report says so', async () => {
    const json = JSON.stringify([{ name: 'x', county: 'changji', fields: ['cotton'], type: 'university', website: 'http://x' }]);
    const res = await upload(admin, 'institutions', json, 'i.json', 'dry-run');
    expect(res.text).toMatch(/<td class="num">1<\/td><td>website<\/td><td>未知的字段<\/td>/);
    const gbk = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xb2, 0xfd, 0xbc, 0xaa]);
    expect((await upload(admin, 'institutions', gbk, 'i.csv', 'dry-run')).text).toContain('文件不是 UTF-8 编码');
    const unknownColumn = await upload(admin, 'institutions', 'name,colour\nx,red', 'i.csv', 'dry-run');
    expect(unknownColumn.text).toMatch(/<td class="num">1<\/td><td>colour<\/td><td>未知的列<\/td>/);
  });

  it('when the upload is too large, then 413 says the limit and nothing changes', async () => {
    const before = count(t, 'experts');
    const big = `${EXPERT_HEADER}\n` + `${'很'.repeat(100)},x,hutubi,cotton,expert,,,\n`.repeat(20_000);
    const res = await upload(admin, 'experts', big, 'big.csv', 'commit');
    expect(res.status).toBe(413);
    expect(res.text).toContain('上传文件不能超过 5 MB');
    expect(count(t, 'experts')).toBe(before);
  });
});

describe('round trip', () => {
  async function roundTrip(format: 'csv' | 'json') {
    const target = await createAdminApp({ SEED: 'off' });
    try {
      const agent = await signIn(target.app);
      for (const def of COLLECTIONS) {
        const file = await download(admin, `/admin/bulk/${def.name}/export.${format}`);
        const res = await upload(agent, def.name, file, `${def.name}.${format}`, 'commit');
        expect(res.status, res.text.match(/<table class="grid problems"[^>]*>[\s\S]*?<\/table>/)?.[0]).toBe(303);
        const original = [...t.ctx.listings.repo(def.name).iterate()].map(withId);
        const copied = [...target.ctx.listings.repo(def.name).iterate()].map(withId);
        expect(copied).toEqual(original);
      }
    } finally {
      await target.close();
    }
  }

  beforeAll(async () => {
    // Data that tests the encoding: an archived listing, list items holding the separator, formulas, line breaks.
    const expert = t.ctx.listings.get('experts', 7)!;
    t.ctx.listings.update('experts', 7, { ...editableOf(expert), expertise: ['a|b', 'c\\d', '=1+1'], summary: '第一行\n第二行, "引号"' }, { actor: 'test' });
    const platform = t.ctx.listings.get('platforms', 9)!;
    t.ctx.listings.archive('platforms', 9, { actor: 'test', version: platform.version });
    // A gap in the ids: the experts' references must still name the same institutions.
    t.ctx.listings.remove('institutions', 2, { actor: 'test' });
    expect(t.ctx.db.prepare('SELECT count(*) FROM experts WHERE institutionId > 2').pluck().get()).toBeGreaterThan(0);
  });

  it('when every collection is exported as CSV and imported into an empty database, then the data and ids are the same', async () => {
    await roundTrip('csv');
  });

  it('when every collection is exported as JSON and imported into an empty database, then the data and ids are the same', async () => {
    await roundTrip('json');
  });
});

/** A listing's data and id, without its timestamps and version. */
function withId(listing: Listing): Record<string, unknown> {
  return { id: listing.id, ...data(listing) };
}


describe('export of a public search', () => {
  it('when a search is exported, then every result of every page is in the file, as the API finds them', async () => {
    const api = (await request(t.app).get('/api/search?collection=platforms&level=national&perPage=100').expect(200)).body as { total: number; hits: { id: number }[] };
    expect(api.total).toBeGreaterThan(20);
    const json = JSON.parse(await download(admin, '/admin/export/search.json?collection=platforms&level=national')) as Listing[];
    expect(json.map((l) => l.id).sort((a, b) => a - b)).toEqual(api.hits.map((h) => h.id).sort((a, b) => a - b));
    expect(json[0]).not.toHaveProperty('highlight');
    const everything = (await request(t.app).get('/api/search?perPage=1').expect(200)).body as { total: number };
    const csv = parse((await download(admin, '/admin/export/search.csv')).slice(1)) as string[][];
    expect(csv).toHaveLength(everything.total + 1);
    expect(csv[0]!.slice(0, 3)).toEqual(['collection', 'id', 'name']);
    expect(csv[0]).toContain('url');
  });

  it('when a search parameter is bad, then 400 names it', async () => {
    const res = await admin.get('/admin/export/search.csv?level=galactic').set('accept', 'application/json').expect(400);
    expect(res.body.error.details).toHaveProperty('level');
  });
});
