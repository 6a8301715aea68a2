import fc from 'fast-check';
import type request from 'supertest';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { COLLECTION_NAMES } from '../../server/collections/define.js';
import { createAdminApp, signIn } from '../admin/helpers.js';
import type { TestApp } from '../helpers/context.js';
import { encodeRaw, expectPage, FUZZ, hostileString, queryString, SEARCH_PARAMS } from './support/hostile.js';

/** Pages that read a query string, and the parameters each reads. */
const PAGES: [string, string[]][] = [
  ['/', ['lang', 'q']],
  ['/search', SEARCH_PARAMS],
  ['/stats', ['lang']],
  ['/platforms/1', ['lang', 'sent']],
  ['/experts', SEARCH_PARAMS],
  ['/admin', ['lang']],
  ['/admin/login', ['next', 'lang']],
  ['/admin/listings/platforms', ['q', 'status', 'stale', 'page', 'county', 'kind', 'level']],
  ['/admin/listings/apartments/new', ['lang']],
  ['/admin/inquiries', ['status', 'page']],
  ['/admin/audit', ['actor', 'action', 'collection', 'from', 'to', 'page']],
  ['/admin/export/search.csv', SEARCH_PARAMS],
  ['/admin/bulk/experts/export.json', ['lang']],
  ['/admin/synonyms', ['q', 'page']],
  ['/admin/synonyms/new', ['term', 'lang']],
];

let t: TestApp;
let staff: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  staff = await signIn(t.app);
});
afterAll(() => t.close());

/** The text a query string stands for, for the escaping check (undecodable pieces stay as sent). */
function texts(query: string): string[] {
  return query.split(/[&=]/).map((part) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  });
}

describe('pages under random and hostile query strings', () => {
  it.each(PAGES)('when %s gets any query string, then it answers without a 500 or a stack and reflects nothing as markup', async (path, params) => {
    await fc.assert(
      fc.asyncProperty(queryString(params), async (query) => {
        const res = await staff.get(`${path}?${query}`);
        expectPage(res, texts(query));
      }),
      { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns! / 3) },
    );
  });

  it('when a page path holds any segment, then it answers without a 500 or a stack', async () => {
    const segment = fc.oneof(fc.constantFrom(...COLLECTION_NAMES, 'admin', 'api', 'assets', 'search'), hostileString.filter((s) => s.length > 0).map(encodeRaw));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 4 }), async (segments) => {
        const path = '/' + segments.join('/');
        if (/(^|\/)\.\.?(\/|$)/.test(path)) return;
        expectPage(await staff.get(path), texts(segments.join('&')));
      }),
      FUZZ,
    );
  });
});
