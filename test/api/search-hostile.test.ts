/** Whatever a user types into the search parameters, the answer is a clean 200 or a 400 naming the parameter. */
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Percent-encodes the UTF-8 bytes of a value (lone surrogates become U+FFFD, as a browser would send them). */
function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** Text a user might type: search syntax, markup, quotes, Chinese, control and odd Unicode characters. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 220 }),
  fc.string({ unit: fc.constantFrom(...'"\'*()[]{}:^-+~\\/%_;<>&|ANDORNOTNEAR 煤炭特变tbdg\u0000\u200b\u0301\ud800😀'), maxLength: 60 }),
  fc.constantFrom('"', '""', 'a"b', 'NEAR(a b, 2)', 'col:煤', '*', '(', ')', '{name}: x', '^a', 'a OR b NOT c', "'; DROP TABLE platforms; --", '<script>alert(1)</script>'),
);

const PARAMS = ['q', 'collection', 'county', 'field', 'kind', 'level', 'type', 'category', 'available', 'sort', 'page', 'perPage', 'lang'] as const;

describe('hostile search parameters', () => {
  it('when q holds anything of 200 characters or fewer, then the answer is 200 with escaped highlights', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (q) => {
        const res = await request(t.app).get(`/api/search?q=${encode(q)}`);
        const decoded = Buffer.from(q, 'utf8').toString('utf8').trim();
        expect(res.status, JSON.stringify(q)).toBe(Array.from(decoded).length > 200 ? 400 : 200);
        if (res.status === 200) {
          for (const hit of res.body.hits) expect(hit.highlight.name.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        } else expect(Object.keys(res.body.error.details)).toEqual(['q']);
      }),
      { numRuns: 150, seed: 4242 },
    );
  });

  it('when any parameter holds anything, then the answer is 200 or a 400 naming only that parameter, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PARAMS), hostile, fc.constantFrom('/api/search', '/api/experts', '/api/apartments'), async (param, value, path) => {
        const res = await request(t.app).get(`${path}?${param}=${encode(value)}`);
        expect([200, 400], `${param}=${JSON.stringify(value)}`).toContain(res.status);
        expect(res.type).toBe('application/json');
        if (res.status === 400) expect(Object.keys(res.body.error.details)).toEqual([param]);
      }),
      { numRuns: 200, seed: 777 },
    );
  });

  it('when raw query strings are malformed, then the answer is still 200 or 400', async () => {
    for (const raw of ['q=%', 'q=%E4%B8', 'q=%FF%FE', 'county=%00', 'q[]=a', 'q[a][b]=1', 'page=1&page=2', '&&&=&', 'perPage=1e2', 'q=' + 'a'.repeat(5000)]) {
      const res = await request(t.app).get(`/api/search?${raw}`);
      expect([200, 400], raw).toContain(res.status);
    }
  });
});
