import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../server/collections/define.js';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { HOSTILE_NAMES, hostileListing, links, visibleText } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function firstId(sql: string): number {
  return t.ctx.db.prepare(sql).pluck().get() as number;
}

describe('GET /:collection/:id', () => {
  it.each(COLLECTION_NAMES)('when a %s listing is opened, then its name, fields and last update are shown', async (collection) => {
    const listing = t.ctx.listings.get(collection, 1)!;
    const res = await request(t.app).get(`/${collection}/1`).expect(200).expect('content-type', /html/);
    const text = visibleText(res.text);
    expect(res.text).toMatch(new RegExp(`<h1>${listing.name.replace(/[()]/g, '\\$&')}</h1>`));
    expect(text).toContain('基本信息');
    expect(res.text).toContain(`<time datetime="${listing.updatedAt}">${listing.updatedAt.slice(0, 10)}</time>`);
    for (const field of listing.fields) expect(links(res.text)).toContain(`/search?collection=${collection}&field=${field}`);
    expect(links(res.text)).toContain(`/search?collection=${collection}&county=${listing.county}`);
  });

  it('when a platform from the report is opened, then its codes are labels linked to the filtered search and it carries no sample badge', async () => {
    const id = firstId("SELECT id FROM platforms WHERE name = '准东国家级煤炭清洁高效低碳利用技术专家服务基地'");
    const res = await request(t.app).get(`/platforms/${id}`).expect(200);
    expect(res.text).toContain('<a href="/search?collection=platforms&amp;level=national">国家级</a>');
    expect(res.text).toContain('<a href="/search?collection=platforms&amp;kind=expert-service-base">专家服务基地</a>');
    expect(res.text).toContain('<a class="tag" href="/search?collection=platforms&amp;field=coal-chemistry">煤炭清洁利用与煤化工</a>');
    const header = /<header class="listing-header">[\s\S]*?<\/header>/.exec(res.text)![0];
    expect(header).not.toContain('badge-sample');
    expect(res.text).not.toContain('class="sample-note"');
    expect(visibleText(res.text)).toContain('数据来源 2022年综述');
  });

  it('when a sample listing is opened, then it is marked as sample data in either language', async () => {
    const id = firstId("SELECT id FROM experts WHERE source = 'sample' LIMIT 1");
    const zh = await request(t.app).get(`/experts/${id}`).expect(200);
    expect(zh.text).toMatch(/<span class="badge badge-sample"[^>]*>示例数据<\/span>/);
    const en = await request(t.app).get(`/experts/${id}?lang=en`).expect(200);
    expect(en.text).toMatch(/<span class="badge badge-sample"[^>]*>Sample data<\/span>/);
  });

  it('when English is chosen, then listing text is English, and Chinese where no English exists', async () => {
    const withEn = t.ctx.listings.get('platforms', 1)!;
    const en = await request(t.app).get('/platforms/1?lang=en').expect(200);
    expect(visibleText(en.text)).toContain(withEn.nameEn);
    expect(visibleText(en.text)).toContain('Industry fields');
    const zhOnly = t.ctx.listings.create('institutions', {
      name: '只有中文名的研究所', nameEn: '', summary: '只有中文简介。', summaryEn: '', county: 'changji', fields: ['cotton'],
      type: 'institute', location: '昌吉市', locationEn: '', agreementYear: 2021,
    }, { actor: 'test' });
    const fallback = await request(t.app).get(`/institutions/${zhOnly.id}?lang=en`).expect(200);
    expect(fallback.text).toContain('<h1>只有中文名的研究所</h1>');
    expect(visibleText(fallback.text)).toContain('只有中文简介。');
  });

  it('when an expert of a partner institution is opened, then the institution is linked, and the institution lists the expert', async () => {
    const expert = t.ctx.db.prepare('SELECT id, institutionId FROM experts WHERE institutionId IS NOT NULL LIMIT 1').get() as { id: number; institutionId: number };
    const res = await request(t.app).get(`/experts/${expert.id}`).expect(200);
    expect(links(res.text)).toContain(`/institutions/${expert.institutionId}`);
    expect(visibleText(res.text)).toContain('所属合作院所');
    const inst = await request(t.app).get(`/institutions/${expert.institutionId}`).expect(200);
    expect(visibleText(inst.text)).toContain('来自该院所的专家');
    expect(links(inst.text)).toContain(`/experts/${expert.id}`);
  });

  it('when a platform is opened, then platforms and experts of the same fields are offered', async () => {
    const res = await request(t.app).get('/platforms/1').expect(200);
    const text = visibleText(res.text);
    expect(text).toContain('同领域的创新平台');
    expect(text).toContain('同领域的专家');
    expect(links(res.text).some((h) => /^\/experts\/\d+$/.test(h))).toBe(true);
    expect(links(res.text)).not.toContain('/platforms/1');
  });

  it('when housing is opened, then other housing of the same county is offered', async () => {
    const id = firstId("SELECT id FROM apartments WHERE county = 'qitai' LIMIT 1");
    const res = await request(t.app).get(`/apartments/${id}`).expect(200);
    expect(visibleText(res.text)).toContain('同一县市的其他住房');
    const related = links(res.text).filter((h) => /^\/apartments\/\d+$/.test(h)).map((h) => Number(h.split('/')[2]));
    expect(related.length).toBeGreaterThan(0);
    for (const other of related) expect(t.ctx.listings.get('apartments', other)!.county).toBe('qitai');
    expect(visibleText(res.text)).toMatch(/租金 免费/);
  });

  it('when two experts share a name, then their pages are told apart by affiliation and field', async () => {
    const [a = 0, b = 0] = t.ctx.db
      .prepare<[], number>('SELECT id FROM experts WHERE name IN (SELECT name FROM experts GROUP BY name HAVING count(*) > 1) ORDER BY name, id LIMIT 2')
      .pluck()
      .all();
    const pa = await request(t.app).get(`/experts/${a}`).expect(200);
    const pb = await request(t.app).get(`/experts/${b}`).expect(200);
    const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)![1]!;
    expect(title(pa.text)).not.toBe(title(pb.text));
    expect(title(pa.text)).toContain(t.ctx.listings.get('experts', a)!.affiliation as string);
  });

  it('when an expert page is read, then it shows no contact details of the expert', async () => {
    const res = await request(t.app).get('/experts/1').expect(200);
    expect(res.text).not.toMatch(/mailto:|tel:/);
    expect(visibleText(res.text)).not.toMatch(/[\w.]+@[\w.]+\.\w+|1[3-9]\d{9}/);
    expect(visibleText(res.text)).toContain('本站不公开专家本人的联系方式');
  });

  it('when the collection is named alone, then it leads to the search of that collection', async () => {
    const res = await request(t.app).get('/experts').expect(302);
    expect(res.headers.location).toBe('/search?collection=experts');
  });

  it.each(['/platforms/999999', '/platforms/abc', '/platforms/0', '/platforms/1.5', '/experts/99999999999999999999', '/rockets/1', '/platforms/1/extra'])(
    'when %s is asked for, then a 404 page in the site layout answers',
    async (path) => {
      const res = await request(t.app).get(path).expect(404).expect('content-type', /html/);
      expect(visibleText(res.text)).toContain('找不到该页面或条目');
      expect(res.text).toContain('<main id="main"');
    },
  );

  it('when a listing is archived, then its page is a 404', async () => {
    const listing = t.ctx.listings.create('apartments', {
      name: '归档测试公寓', nameEn: '', summary: '', summaryEn: '', county: 'qitai', fields: ['cotton'], kind: 'talent-apartment',
      township: '奇台镇', townshipEn: '', address: '', addressEn: '', units: 3, availableUnits: 1, areaSqm: 60, furnished: true, monthlyRent: 0,
    }, { actor: 'test' });
    await request(t.app).get(`/apartments/${listing.id}`).expect(200);
    t.ctx.listings.archive('apartments', listing.id, { actor: 'test' });
    await request(t.app).get(`/apartments/${listing.id}`).expect(404);
  });
});

describe('escaping listing text', () => {
  it.each(COLLECTION_NAMES.flatMap((c) => HOSTILE_NAMES.map((name) => [c, name] as const)))(
    'when a %s listing is named %s, then its page shows the text and runs nothing',
    async (collection, name) => {
      const listing = hostileListing(t.ctx, collection, name);
      for (const lang of ['zh', 'en']) {
        const res = await request(t.app).get(`/${collection}/${listing.id}?lang=${lang}`).expect(200);
        expect(res.text).not.toContain('<script>alert');
        expect(res.text).not.toContain('<img src=x');
        expect(res.text).not.toMatch(/"><img/);
        expect(visibleText(res.text)).toContain(name);
      }
    },
  );

  it('when a hostile institution is related to an expert, then its card is escaped on the expert page too', async () => {
    const institution = hostileListing(t.ctx, 'institutions', HOSTILE_NAMES[1]);
    const expert = t.ctx.listings.create('experts', {
      name: '关联测试专家', nameEn: '', summary: '', summaryEn: '', county: 'qitai', fields: ['cotton'], category: 'expert',
      title: '', titleEn: '', affiliation: '', affiliationEn: '', institutionId: institution.id, expertise: [], expertiseEn: [],
    }, { actor: 'test' });
    const res = await request(t.app).get(`/experts/${expert.id}`).expect(200);
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&#34;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(links(res.text)).toContain(`/institutions/${institution.id}`);
  });
});
