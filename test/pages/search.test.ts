import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../server/collections/registry.js';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { HOSTILE_NAMES, hostileListing, links, visibleText } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The figure of "共 N 条结果" / "N results". */
function total(html: string): number {
  return Number(/<h2 id="results-title" class="result-count"[^>]*>\D*(\d+)/.exec(html)![1]);
}

/** The count shown beside a facet value, or undefined when the value is not offered. */
function facetCount(html: string, param: string, code: string): number | undefined {
  const m = new RegExp(`<label for="f-${param}-${code}"><span class="facet-label">[^<]*</span> <span class="count">(\\d+)</span>`).exec(html);
  return m ? Number(m[1]) : undefined;
}

function isChecked(html: string, param: string, code: string): boolean {
  return new RegExp(`id="f-${param}-${code}" name="${param}" value="${code}" checked`).test(html);
}

/** The listing links of the result list, as [collection, id]. */
function hitLinks(html: string): [string, number][] {
  const list = /<ol class="card-list hits"[\s\S]*?<\/ol>/.exec(html)?.[0] ?? '';
  return [...list.matchAll(/<h3 class="card-title"><a href="\/(\w+)\/(\d+)">/g)].map((m) => [m[1]!, Number(m[2])]);
}

function chips(html: string): { label: string; href: string }[] {
  return [...html.matchAll(/<a class="chip" href="([^"]+)"[^>]*><span>([^<]*)<\/span>/g)].map((m) => ({ href: m[1]!.replace(/&amp;/g, '&'), label: m[2]! }));
}

describe('GET /search', () => {
  it('when nothing is asked, then every public listing is counted and the first page is listed', async () => {
    const res = await request(t.app).get('/search').expect(200);
    // The contract's seed counts, then whatever the seeds of any other collection add.
    const contract = ['platforms', 'institutions', 'experts', 'apartments'];
    const others = COLLECTIONS.filter((def) => !contract.includes(def.name)).reduce((sum, def) => sum + t.ctx.listings.repo(def.name).count('active'), 0);
    expect(total(res.text)).toBe(166 + 9 + 120 + t.ctx.listings.repo('apartments').count('active') + others);
    expect(hitLinks(res.text)).toHaveLength(20);
    expect(res.text).toMatch(/<form id="search-form" class="search-page" action="\/search" method="get" role="search">/);
    expect(res.text).toMatch(/<label for="q">/);
  });

  it('when words are searched, then matches are highlighted and the count is shown', async () => {
    const res = await request(t.app).get('/search?q=' + encodeURIComponent('棉花')).expect(200);
    expect(total(res.text)).toBeGreaterThan(0);
    expect(res.text).toContain('<mark>');
    expect(visibleText(res.text)).toMatch(/共 \d+ 条结果/);
    expect(res.text).toContain('value="棉花"');
  });

  it('when the page and the API are asked the same thing, then they give the same answer', async () => {
    const qs = 'q=' + encodeURIComponent('棉花') + '&collection=platforms,experts&county=changji,agri-zone';
    const page = await request(t.app).get(`/search?${qs}`).expect(200);
    const api = await request(t.app).get(`/api/search?${qs}`).expect(200);
    expect(total(page.text)).toBe(api.body.total);
    expect(hitLinks(page.text)).toEqual(api.body.hits.map((h: { collection: string; id: number }) => [h.collection, h.id]));
  });

  it('when one collection is picked, then the others still show what they would give', async () => {
    const res = await request(t.app).get('/search?collection=platforms').expect(200);
    expect(isChecked(res.text, 'collection', 'platforms')).toBe(true);
    expect(facetCount(res.text, 'collection', 'experts')).toBe(120);
    expect(facetCount(res.text, 'collection', 'platforms')).toBe(166);
    expect(facetCount(res.text, 'level', 'national')).toBe(28);
    expect(total(res.text)).toBe(166);
  });

  it('when two values of a facet are ticked, then listings of either are found and both stay ticked', async () => {
    const res = await request(t.app).get('/search?collection=apartments&county=qitai&county=changji&perPage=100').expect(200);
    expect(isChecked(res.text, 'county', 'qitai')).toBe(true);
    expect(isChecked(res.text, 'county', 'changji')).toBe(true);
    const found = hitLinks(res.text);
    expect(new Set(found.map(([c, id]) => t.ctx.listings.get(c, id)!.county))).toEqual(new Set(['qitai', 'changji']));
    const commas = await request(t.app).get('/search?collection=apartments&county=qitai,changji&perPage=100').expect(200);
    expect(hitLinks(commas.text)).toEqual(found);
  });

  it('when filters are active, then each has a chip that removes just that filter', async () => {
    const res = await request(t.app).get('/search?q=' + encodeURIComponent('棉花') + '&collection=platforms&county=qitai,changji').expect(200);
    const all = chips(res.text);
    expect(all.map((c) => c.label).sort()).toEqual(['关键词：棉花', '类别：创新平台', '县市、园区：昌吉市', '县市、园区：奇台县'].sort());
    const qitai = new URL(all.find((c) => c.label === '县市、园区：奇台县')!.href, 'http://x').searchParams;
    expect(qitai.get('county')).toBe('changji');
    expect(qitai.get('collection')).toBe('platforms');
    expect(qitai.get('q')).toBe('棉花');
    expect(links(res.text)).toContain('/search?q=棉花'.replace('棉花', encodeURIComponent('棉花')));
  });

  it('when the free-units switch is on, then only housing with free units is listed', async () => {
    const res = await request(t.app).get('/search?collection=apartments&county=qitai&available=true&perPage=100').expect(200);
    expect(res.text).toMatch(/id="f-available" name="available" value="true" checked/);
    const found = hitLinks(res.text);
    expect(found.length).toBeGreaterThan(0);
    for (const [c, id] of found) expect(Number(t.ctx.listings.get(c, id)!.availableUnits)).toBeGreaterThan(0);
    expect(chips(res.text).map((c) => c.label)).toContain('只看有空闲房源的住房');
  });

  it('when housing cannot be among the results, then the free-units switch is not offered', async () => {
    const platforms = await request(t.app).get('/search?collection=platforms').expect(200);
    expect(platforms.text).not.toContain('name="available"');
    const all = await request(t.app).get('/search').expect(200);
    expect(all.text).toContain('name="available"');
  });

  it('when sorted by name and paged, then the sort is kept and the pages link to each other', async () => {
    const res = await request(t.app).get('/search?collection=experts&sort=name&page=2').expect(200);
    expect(res.text).toMatch(/<option value="name" selected>/);
    expect(res.text).toMatch(/<ol class="card-list hits" start="21">/);
    expect(res.text).toMatch(/<a href="[^"]*page=2[^"]*" aria-current="page"/);
    const prev = /<a href="([^"]+)" rel="prev">/.exec(res.text)![1]!.replace(/&amp;/g, '&');
    expect(new URL(prev, 'http://x').searchParams.get('sort')).toBe('name');
    expect(new URL(prev, 'http://x').searchParams.get('page')).toBeNull();
  });

  it('when nothing matches, then the page says so and offers the filters whose removal would find something', async () => {
    const res = await request(t.app).get('/search?collection=apartments&level=national').expect(200);
    expect(total(res.text)).toBe(0);
    const text = visibleText(res.text);
    expect(text).toContain('没有找到符合全部条件的条目。');
    expect(text).toContain(`去掉“平台级别：国家级” 可找到 ${t.ctx.listings.repo('apartments').count('active')} 条`);
    expect(text).toMatch(/去掉“类别：人才住房” 可找到 28 条/);
    expect(links(res.text)).toContain('/search?collection=apartments');
  });

  it.each([
    ['sort=bogus', 'sort'],
    ['county=atlantis', 'county'],
    ['page=0', 'page'],
    ['perPage=1000', 'perPage'],
    ['available=maybe', 'available'],
  ])('when the page is asked with %s, then a 400 page names the bad parameter', async (qs, param) => {
    const res = await request(t.app).get(`/search?${qs}`).expect(400).expect('content-type', /html/);
    expect(res.text).toContain(`<code>${param}</code>`);
    expect(res.text).toContain('<main id="main"');
  });

  it('when a listing name holds markup, then the result list shows it as text', async () => {
    for (const name of HOSTILE_NAMES) hostileListing(t.ctx, 'platforms', name);
    const res = await request(t.app).get('/search?collection=platforms&sort=updated').expect(200);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img src=x');
    for (const name of HOSTILE_NAMES) expect(visibleText(res.text)).toContain(name);
    const searched = await request(t.app).get('/search?q=onerror').expect(200);
    expect(searched.text).not.toContain('<img src=x');
  });

  it('when two experts share a name, then their results differ by affiliation and fields', async () => {
    const name = t.ctx.db.prepare('SELECT name FROM experts GROUP BY name HAVING count(*) > 1 LIMIT 1').pluck().get() as string;
    const res = await request(t.app).get('/search?collection=experts&q=' + encodeURIComponent(name)).expect(200);
    const cards = [...res.text.matchAll(/<article class="card">([\s\S]*?)<\/article>/g)].map((m) => visibleText(m[1]!)).filter((c) => c.includes(name));
    expect(cards.length).toBeGreaterThanOrEqual(2);
    expect(new Set(cards).size).toBe(cards.length);
    const ids = t.ctx.db.prepare('SELECT affiliation FROM experts WHERE name = ?').pluck().all(name) as string[];
    for (const affiliation of ids) expect(cards.some((c) => c.includes(affiliation))).toBe(true);
  });

  it('when English is chosen, then facets and counts read in English', async () => {
    const res = await request(t.app).get('/search?collection=experts&lang=en').expect(200);
    expect(visibleText(res.text)).toMatch(/120 results/);
    expect(res.text).toContain('<legend>Expert category</legend>');
    expect(visibleText(res.text)).toMatch(/Academician 10/);
  });

  it('when JavaScript is off, then one GET form holds the words, every facet, the switch, the sort and a submit button', async () => {
    const res = await request(t.app).get('/search?county=qitai').expect(200);
    const form = /<form id="search-form"[\s\S]*?<\/form>/.exec(res.text)![0];
    for (const control of ['name="q"', 'name="collection"', 'name="county"', 'name="field"', 'name="available"', 'name="sort"']) expect(form).toContain(control);
    expect(form).toMatch(/<button type="submit" class="apply secondary">/);
  });
});
