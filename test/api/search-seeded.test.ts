/** The search API on the seeded directory: the report's organisations are found, counts hold, facets stay consistent. */
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACET_CODES, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import { createTestApp, type TestApp } from '../helpers/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function search(query: Record<string, string>, path = '/api/search') {
  const res = await request(t.app).get(path).query(query);
  expect(res.status).toBe(200);
  return res.body as { total: number; hits: { name: string; highlight: { name: string } }[]; facets: Record<FacetParam, Record<string, number>> };
}

describe('the seeded directory', () => {
  it('when searching 煤炭, then the Zhundong national expert service base for clean coal is found', async () => {
    const body = await search({ q: '煤炭', perPage: '100' });
    expect(body.hits.map((h) => h.name)).toContain('准东国家级煤炭清洁高效低碳利用技术专家服务基地');
  });

  it('when searching tbdg or tebian, then TBEA (特变电工) comes first with its name marked', async () => {
    const marked = { tbdg: '<mark>特变电工</mark>产学研创新联合体', tebian: '<mark>特变</mark>电工产学研创新联合体', 'te bian dian gong': '<mark>特变电工</mark>产学研创新联合体' };
    for (const [q, highlight] of Object.entries(marked)) {
      const [first] = (await search({ q })).hits;
      expect(first?.name, q).toBe('特变电工产学研创新联合体');
      expect(first?.highlight.name, q).toBe(highlight);
    }
  });

  it('when searching a partner or a field in Chinese, then listings containing it anywhere are found', async () => {
    expect((await search({ q: '院士' })).total).toBeGreaterThanOrEqual(10);
    expect((await search({ q: '棉花' })).total).toBeGreaterThan(0);
    expect((await search({ q: '种业' })).total).toBeGreaterThan(0);
    expect((await search({ q: 'changji' })).total).toBeGreaterThan(0);
  });

  it('when counting by facet, then the figures of the report come back', async () => {
    const platforms = await search({}, '/api/platforms');
    expect(platforms.total).toBe(166);
    expect(platforms.facets.level).toEqual({ national: 28, regional: 117 });
    expect(platforms.facets.kind['offsite-rnd']).toBe(21);
    expect((await search({}, '/api/institutions')).facets.type).toEqual({ university: 6, institute: 3 });
    expect((await search({}, '/api/experts')).facets.category).toEqual({ academician: 10, expert: 80, advisor: 30 });
  });

  it('when filters are combined in any way, then each facet count equals the total of choosing that code instead', async () => {
    const filterArb = fc.record(
      Object.fromEntries(FACET_PARAMS.map((p) => [p, fc.subarray([...FACET_CODES[p]], { maxLength: 2 })])) as Record<FacetParam, fc.Arbitrary<string[]>>,
      { requiredKeys: [] },
    );
    const caseArb = fc.record({ filters: filterArb, q: fc.constantFrom('', '煤', '中心', 'xinjiang'), param: fc.constantFrom(...FACET_PARAMS) });
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ filters, q, param }) => {
        const query: Record<string, string> = { q };
        for (const [p, codes] of Object.entries(filters)) if (codes?.length) query[p] = codes.join(',');
        const { facets } = await search(query);
        // Every code of the vocabulary, so a code the facet wrongly leaves out (count 0) is caught too.
        for (const code of FACET_CODES[param]) {
          expect((await search({ ...query, [param]: code, perPage: '1' })).total, `${param}=${code}`).toBe(facets[param][code] ?? 0);
        }
      }),
      { numRuns: 25, seed: 20220601 },
    );
  });

  it('when a listing is renamed through the service, then the next search finds the new name', async () => {
    const [hit] = (await request(t.app).get('/api/search').query({ q: '特变电工' })).body.hits;
    const { id, collection, createdAt: _c, updatedAt: _u, version, source: _s, status: _st, url: _url, highlight: _h, ...input } = hit;
    t.ctx.listings.update(collection, id, { ...input, name: '特变电工输变电产学研创新联合体' }, { actor: 'test', version });
    const found = await search({ q: '输变电产学研' });
    expect(found.hits[0]!.name).toBe('特变电工输变电产学研创新联合体');
    expect(found.hits.filter((h) => h.name.includes('输变电') && h.name.includes('产学研')).map((h) => h.name)).toEqual(['特变电工输变电产学研创新联合体']);
  });
});
