/** GET /api/search and GET /api/:collection, parameter by parameter, on listings each test file makes itself. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACET_PARAMS } from '../../server/collections/facets.js';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { apartment, expert, institution, platform } from '../search/support/stack.js';

let t: TestApp;
const by = { actor: 'test' };

beforeAll(async () => {
  t = await createTestApp({ SEED: 'off' });
  const add = (collection: string, input: Record<string, unknown>) => t.ctx.listings.create(collection, input, by);
  add('platforms', platform('准东煤化工重点实验室', { nameEn: 'Zhundong Coal Chemistry Key Lab', county: 'zhundong', fields: ['coal-chemistry'], level: 'national' }));
  add('platforms', platform('昌吉棉花工程技术研究中心', { nameEn: 'Changji Cotton Engineering Center', county: 'changji', fields: ['cotton'], kind: 'engineering-center' }));
  add('platforms', platform('上海煤炭转化研究院', { nameEn: 'Shanghai Coal Conversion Institute', county: 'fukang', fields: ['coal-chemistry'], kind: 'offsite-rnd', level: null, location: '上海' }));
  const uni = add('institutions', institution('天山理工大学', { nameEn: 'Tianshan University of Technology', county: 'hitech', fields: ['power-equipment'] }));
  add('institutions', institution('西部农业研究所', { nameEn: 'Western Agriculture Institute', type: 'institute', county: 'agri-zone', fields: ['cotton'] }));
  add('experts', expert('赵院士', { nameEn: 'Zhao', category: 'academician', county: 'zhundong', fields: ['coal-chemistry'], institutionId: uni.id, affiliation: '天山理工大学' }));
  add('experts', expert('钱顾问', { nameEn: 'Qian', category: 'advisor', county: 'changji', fields: ['cotton'] }));
  add('apartments', apartment('三工镇人才公寓', { nameEn: 'Sangong Talent Apartments', county: 'changji', fields: ['cotton'], availableUnits: 4 }));
  add('apartments', apartment('大丰镇周转房', { nameEn: 'Dafeng Turnover Rooms', kind: 'turnover-room', county: 'hutubi', township: '大丰镇', units: 3, availableUnits: 0 }));
  const archived = add('platforms', platform('已撤销煤炭平台', { nameEn: 'Withdrawn Coal Platform', county: 'zhundong', fields: ['coal-chemistry'] }));
  t.ctx.listings.archive('platforms', archived.id, by);
});
afterAll(() => t.close());

const get = (path: string, query: Record<string, string> = {}) => request(t.app).get(path).query(query);
const namesOf = (body: { hits: { name: string }[] }) => body.hits.map((h) => h.name);

describe('GET /api/search', () => {
  it('when called without parameters, then it answers the contract shape over every active listing', async () => {
    const res = await get('/api/search');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['engine', 'facets', 'hits', 'ignored', 'page', 'perPage', 'query', 'suggestedFilters', 'tookMs', 'total']);
    expect(res.body).toMatchObject({ query: '', page: 1, perPage: 20, total: 9, engine: 'sqlite' });
    expect(res.body.tookMs).toBeGreaterThanOrEqual(0);
    // Every facet of the contract, and any a declaration adds, in parameter order.
    expect(Object.keys(res.body.facets)).toEqual(FACET_PARAMS);
    expect(FACET_PARAMS).toEqual(expect.arrayContaining(['collection', 'county', 'field', 'kind', 'level', 'type', 'category']));
    const hit = res.body.hits.find((h: { name: string }) => h.name === '天山理工大学');
    expect(hit).toMatchObject({ collection: 'institutions', type: 'university', status: 'active', url: `/institutions/${hit.id}`, highlight: { name: '天山理工大学' } });
  });

  it('when a listing is archived, then it is in no answer and no count', async () => {
    const res = await get('/api/search', { q: '撤销' });
    expect(res.body.total).toBe(0);
    expect((await get('/api/search', { county: 'zhundong' })).body.total).toBe(2);
    // The collection facet ignores the collection the address fixes: other collections' counts show too.
    expect((await get('/api/platforms')).body.facets.collection).toEqual({ platforms: 3, institutions: 2, experts: 2, apartments: 2 });
  });

  it('when q is given, then it matches and highlights, and the query is echoed trimmed', async () => {
    const res = await get('/api/search', { q: ' 煤 ' });
    expect(res.body.query).toBe('煤');
    // The two names first; then the expert whose industry field's label (煤炭清洁利用与煤化工) holds 煤.
    expect(namesOf(res.body).slice(0, 2).sort()).toEqual(['上海煤炭转化研究院', '准东煤化工重点实验室'].sort());
    expect(namesOf(res.body).slice(2)).toEqual(['赵院士']);
    expect(res.body.hits.map((h: { highlight: { name: string } }) => h.highlight.name)).toContain('准东<mark>煤</mark>化工重点实验室');
  });

  it.each([
    ['collection', 'experts,apartments', 4],
    ['county', 'changji', 3],
    ['county', 'changji,hutubi', 4],
    ['field', 'cotton', 4],
    ['kind', 'engineering-center,turnover-room', 2],
    ['level', 'national', 1],
    ['type', 'institute', 1],
    ['category', 'academician', 1],
  ])('when %s=%s, then %i listings match', async (param, value, total) => {
    expect((await get('/api/search', { [param]: value })).body.total).toBe(total);
  });

  it('when parameters combine, then they AND, and each facet counts as if its own filter were off', async () => {
    const res = await get('/api/search', { field: 'cotton', county: 'changji' });
    expect(res.body.total).toBe(3);
    expect(res.body.facets.county).toEqual({ changji: 3, 'agri-zone': 1 });
    expect(res.body.facets.field).toEqual({ cotton: 3 });
    expect(res.body.facets.collection).toEqual({ platforms: 1, experts: 1, apartments: 1 });
  });

  it('when available=true, then only housing with free units is found', async () => {
    expect(namesOf((await get('/api/search', { available: 'true' })).body)).toEqual(['三工镇人才公寓']);
  });

  it('when sorting by name, then Chinese names follow pinyin, and with lang=en English names the alphabet', async () => {
    const zh = namesOf((await get('/api/search', { collection: 'platforms', sort: 'name' })).body);
    expect(zh).toEqual(['昌吉棉花工程技术研究中心', '上海煤炭转化研究院', '准东煤化工重点实验室']);
    const en = (await get('/api/search', { collection: 'platforms', sort: 'name', lang: 'en' })).body.hits.map((h: { nameEn: string }) => h.nameEn);
    expect(en).toEqual(['Changji Cotton Engineering Center', 'Shanghai Coal Conversion Institute', 'Zhundong Coal Chemistry Key Lab']);
  });

  it('when sorting by update, then the listing changed last comes first', async () => {
    const [first] = (await get('/api/search', { collection: 'experts', sort: 'updated' })).body.hits;
    const other = first.name === '钱顾问' ? '赵院士' : '钱顾问';
    const target = (await get('/api/search', { q: other })).body.hits[0];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { id, collection, createdAt: _c, updatedAt: _u, version: _v, source: _s, status: _st, url: _url, highlight: _h, ...input } = target;
    t.ctx.listings.update(collection, id, input, by);
    expect((await get('/api/search', { collection: 'experts', sort: 'updated' })).body.hits[0].name).toBe(other);
  });

  it('when paging, then page and perPage choose the slice, the total stays, and a page past the end is empty', async () => {
    const all = namesOf((await get('/api/search', { perPage: '100' })).body);
    const second = (await get('/api/search', { perPage: '4', page: '2' })).body;
    expect(second).toMatchObject({ page: 2, perPage: 4, total: 9 });
    expect(namesOf(second)).toEqual(all.slice(4, 8));
    const past = (await get('/api/search', { perPage: '4', page: '4' })).body;
    expect(past.hits).toEqual([]);
    expect(past.total).toBe(9);
  });

  it('when lang=en, then highlights show the English name and summary', async () => {
    const res = await get('/api/search', { q: 'cotton', lang: 'en', collection: 'platforms' });
    expect(res.body.hits[0].highlight.name).toBe('Changji <mark>Cotton</mark> Engineering Center');
    expect(res.body.hits[0].name).toBe('昌吉棉花工程技术研究中心');
  });

  it('when no lang is given, then the Accept-Language of the request chooses it', async () => {
    const res = await request(t.app).get('/api/search').query({ q: 'cotton', collection: 'platforms' }).set('Accept-Language', 'en-GB,en;q=0.9');
    expect(res.body.hits[0].highlight.name).toContain('<mark>Cotton</mark>');
  });

  it.each([
    [{ q: 'x'.repeat(201) }, 'q'],
    [{ county: 'atlantis' }, 'county'],
    [{ field: 'cotton,unknown' }, 'field'],
    [{ collection: 'people' }, 'collection'],
    [{ perPage: '101' }, 'perPage'],
    [{ perPage: '0' }, 'perPage'],
    [{ page: '0' }, 'page'],
    [{ page: '-3' }, 'page'],
    [{ sort: 'price' }, 'sort'],
    [{ available: 'maybe' }, 'available'],
    [{ lang: 'fr' }, 'lang'],
  ])('when %o, then 400 naming %s', async (query, param) => {
    const res = await get('/api/search', query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(Object.keys(res.body.error.details)).toEqual([param]);
  });

  it('when several parameters are bad, then one 400 names each of them', async () => {
    const res = await get('/api/search', { perPage: '500', page: '0', county: 'x' });
    expect(Object.keys(res.body.error.details).sort()).toEqual(['county', 'page', 'perPage']);
  });

  it('when facets=false, then the same hits and total come with "facets": {}, and facets=true or none counts them', async () => {
    const query = { q: '煤', field: 'coal-chemistry' };
    const counted = (await get('/api/search', query)).body;
    const res = await get('/api/search', { ...query, facets: 'false' });
    expect(res.status).toBe(200);
    expect(res.body.facets).toEqual({});
    expect(res.body.total).toBe(counted.total);
    expect(namesOf(res.body)).toEqual(namesOf(counted));
    expect(counted.facets.county).toEqual({ zhundong: 2, fukang: 1 });
    expect((await get('/api/search', { ...query, facets: 'true' })).body.facets).toEqual(counted.facets);
  });

  it.each(['no', '0', 'FALSE', 'true,false'])('when facets=%s, then 400 naming facets', async (value) => {
    const res = await get('/api/search', { facets: value });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ facets: 'must be true or false' });
  });

  it('when facets is repeated, then 400 naming facets', async () => {
    const res = await request(t.app).get('/api/search?facets=false&facets=true');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details)).toEqual(['facets']);
  });

  it('when a parameter is repeated, then it is a 400, not a 500', async () => {
    const res = await request(t.app).get('/api/search?county=changji&county=hutubi');
    expect(res.status).toBe(400);
    expect(res.body.error.details.county).toMatch(/once/);
  });
});

describe('GET /api/:collection', () => {
  it('when a collection is named, then the same search runs within it', async () => {
    const res = await get('/api/experts', { county: 'changji,zhundong' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.hits.every((h: { collection: string }) => h.collection === 'experts')).toBe(true);
    expect(res.body.facets.category).toEqual({ academician: 1, advisor: 1 });
  });

  it('when facets=false, then the collection\'s search leaves the counts out, and a bad facets value is a 400', async () => {
    const res = await get('/api/experts', { county: 'changji,zhundong', facets: 'false' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.facets).toEqual({});
    const bad = await get('/api/experts', { facets: 'maybe' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details)).toEqual(['facets']);
  });

  it('when the collection is unknown, then 404 as JSON', async () => {
    const res = await get('/api/people');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('when a different collection parameter is given, then 400 naming it', async () => {
    const res = await get('/api/experts', { collection: 'platforms' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details)).toEqual(['collection']);
  });

  it('when a listing is created through the service, then the next search finds it', async () => {
    t.ctx.listings.create('institutions', institution('北庭农业科学院', { nameEn: 'Beiting Academy of Agricultural Sciences' }), by);
    expect(namesOf((await get('/api/institutions', { q: 'beiting' })).body)).toEqual(['北庭农业科学院']);
  });
});
