import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminApp, pageWithToken, signIn } from '../admin/helpers.js';
import type { TestApp } from '../helpers/context.js';
import { expectPage, FUZZ, hostileString, storableHostile } from './support/hostile.js';

let t: TestApp;
let staff: request.Agent;
let token: string;
let csvRows: string[][];
let jsonItems: Record<string, unknown>[];

beforeAll(async () => {
  t = await createAdminApp();
  staff = await signIn(t.app);
  token = (await pageWithToken(staff, '/admin/bulk/platforms')).csrf;
  csvRows = parse((await staff.get('/admin/bulk/platforms/export.csv').expect(200)).text.replace(/^\ufeff/, '')) as string[][];
  jsonItems = JSON.parse((await staff.get('/admin/bulk/platforms/export.json').buffer(true).expect(200)).text) as Record<string, unknown>[];
});
afterAll(() => t.close());

/** Uploads a file as the import form does; a committed import leads to the list, which must show its text escaped. */
async function upload(file: Buffer, name: string, mode: string, texts: string[]): Promise<void> {
  const res = await staff.post('/admin/bulk/platforms/import').field('_csrf', token).field('mode', mode).attach('file', file, { filename: name });
  expectPage(res, texts);
  expect([200, 303, 400, 409, 413]).toContain(res.status);
  if (res.status === 303) expectPage(await staff.get(res.headers.location!), texts);
}

const mode = fc.constantFrom('dry-run', 'commit', 'commit', '', '__proto__');

/** A cell to replace: mostly a text column with text it may hold (so imports go through), else any cell with anything. */
const hostileCell = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('name', 'nameEn', 'summary', 'summaryEn', 'host', 'hostEn'), storableHostile) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(40), hostileString) },
);

/** A CSV file: exported rows with hostile cells, a hostile header, broken quoting or bytes that are not UTF-8. */
const csvFile = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 20 }), fc.array(hostileCell, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([row, cells, asNew]) => {
    const header = csvRows[0]!;
    const record = [...csvRows[row]!];
    for (const [column, value] of cells) record[typeof column === 'number' ? column % record.length : header.indexOf(column)] = value;
    if (asNew) record[header.indexOf('id')] = '';
    return { file: Buffer.from(stringify([header, record])), texts: cells.map(([, v]) => v) };
  }),
  fc.array(fc.array(hostileString, { maxLength: 6 }), { minLength: 1, maxLength: 4 }).map((rows) => {
    const text = rows.map((r) => r.join(',')).join('\n');
    return { file: Buffer.from(text), texts: rows.flat() };
  }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ file: Buffer.from(bytes), texts: [] as string[] })),
);

/** A JSON file: exported items with hostile keys and values of any type, or something that is not a list of objects. */
const textChanges = fc.dictionary(fc.constantFrom('name', 'nameEn', 'summary', 'summaryEn', 'host'), storableHostile, { minKeys: 1, maxKeys: 3 });
const jsonFile = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 20 }), textChanges).map(([i, changes]) => ({ file: Buffer.from(JSON.stringify([{ ...jsonItems[i]!, ...changes }])), texts: Object.values(changes) })),
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.dictionary(fc.oneof(fc.constantFrom('name', 'summary', 'fields', 'level', 'kind', 'id', 'version', 'status', 'source', '__proto__', 'constructor'), hostileString), fc.oneof(storableHostile, hostileString, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 4 })).map(([i, changes]) => {
    const item = { ...jsonItems[i]!, ...changes };
    return { file: Buffer.from(JSON.stringify([item])), texts: Object.values(changes).filter((v): v is string => typeof v === 'string') };
  }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => ({ file: Buffer.from(JSON.stringify(value) ?? 'null'), texts: [] as string[] })),
  hostileString.map((text) => ({ file: Buffer.from(`[{"name": "${text}`), texts: [text] })),
);

describe('the bulk import under random and hostile files', () => {
  it('when any CSV file is checked or imported, then it answers with a report or imports, never a 500, and shows cells escaped', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, mode, async ({ file, texts }, m) => upload(file, 'listings.csv', m, texts)),
      { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns! / 2) },
    );
  });

  it('when any JSON file is checked or imported, then the same holds', async () => {
    await fc.assert(
      fc.asyncProperty(jsonFile, mode, async ({ file, texts }, m) => upload(file, 'listings.json', m, texts)),
      { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns! / 2) },
    );
  });

  it('when the file is larger than the upload limit, then the answer is 413 with a page that says so', async () => {
    const res = await staff.post('/admin/bulk/platforms/import').field('_csrf', token).field('mode', 'dry-run').attach('file', Buffer.alloc(6 * 1024 * 1024, 'a'), { filename: 'big.csv' });
    expectPage(res);
    expect(res.status).toBe(413);
  });
});
