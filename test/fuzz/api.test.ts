import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../server/collections/define.js';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { decodable, decodedNames, encodeRaw, expectApiAnswer, expectNoStack, expectSearchAnswer, FUZZ, hostileString, queryString, SEARCH_PARAMS } from './support/hostile.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const collectionSegment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...COLLECTION_NAMES) }, { weight: 1, arbitrary: hostileString.filter((s) => s.length > 0).map(encodeRaw) });

describe('the search API under random and hostile parameters', () => {
  it('when any query string is sent to /api/search, then no answer is a 500 or leaks a stack, and errors name the bad parameter', async () => {
    await fc.assert(
      fc.asyncProperty(queryString(SEARCH_PARAMS), async (qs) => {
        const res = await request(t.app).get(`/api/search?${qs}`);
        expectApiAnswer(res, decodedNames(qs));
        if (res.status === 200) expectSearchAnswer(res.body);
      }),
      FUZZ,
    );
  });

  it('when any query string is sent to /api/:collection, then the same holds, and an unknown collection is a 404', async () => {
    await fc.assert(
      fc.asyncProperty(collectionSegment, queryString(SEARCH_PARAMS), async (collection, qs) => {
        const res = await request(t.app).get(`/api/${collection}?${qs}`);
        expectApiAnswer(res, decodedNames(qs), decodable(collection));
        if (!(COLLECTION_NAMES as readonly string[]).includes(collection)) expect([400, 404]).toContain(res.status);
        if (res.status === 200) expectSearchAnswer(res.body);
      }),
      FUZZ,
    );
  });

  it('when /api/:collection/:id gets any id, then it answers the listing, a 400 naming the id, or a 404', async () => {
    await fc.assert(
      fc.asyncProperty(collectionSegment, fc.oneof(hostileString.map(encodeRaw), fc.integer().map(String)), async (collection, id) => {
        if (id === '' || id === '.' || id === '..') return;
        const res = await request(t.app).get(`/api/${collection}/${id}`);
        expectApiAnswer(res, ['id'], decodable(collection) && decodable(id));
        expect([200, 400, 404]).toContain(res.status);
      }),
      FUZZ,
    );
  });

  it('when a parameter is given many times, then the answer is a 400 naming it or a normal answer', async () => {
    for (const name of SEARCH_PARAMS) {
      const res = await request(t.app).get(`/api/search?${name}=1&${name}=2&${name}=platforms`);
      expectApiAnswer(res, [name]);
    }
  });

  it('when a query string is far larger than any header allows (1 MB), then the HTTP layer refuses it without a stack', async () => {
    const res = await request(t.app).get(`/api/search?q=${'%E7%85%A4'.repeat(120_000)}`);
    // Node's HTTP parser answers 431 before the application sees the request: headers (the URL) are capped at 16 KB.
    expect(res.status).toBe(431);
    expectNoStack(res.text);
  });

  it('when a query value is as large as a URL allows, then the answer names the parameter or searches', async () => {
    const res = await request(t.app).get(`/api/search?q=${'x'.repeat(15_000)}`);
    expectApiAnswer(res, ['q']);
  });
});
