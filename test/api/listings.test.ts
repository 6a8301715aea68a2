import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COLLECTION_NAMES, editableFields, type Listing } from '../../server/collections/define.js';
import { fieldSchema } from '../../server/collections/field-spec.js';
import { COLLECTIONS, getCollection } from '../../server/collections/registry.js';
import { createTestApp, type TestApp } from '../helpers/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The contract's listing shape, built from the declaration as a client would read the contract. */
function listingSchema(collection: string) {
  const shape: Record<string, z.ZodType> = {
    id: z.number().int().positive(),
    collection: z.literal(collection),
    source: z.enum(['report-2022', 'sample', 'staff']),
    status: z.literal('active'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().positive(),
  };
  for (const [key, spec] of editableFields(getCollection(collection))) shape[key] = fieldSchema(spec);
  return z.object(shape).strict();
}

describe('GET /api/:collection/:id', () => {
  it.each(COLLECTION_NAMES)('when a %s listing is asked for, then its JSON matches the contract', async (collection) => {
    const res = await request(t.app).get(`/api/${collection}/1`).expect(200).expect('content-type', /json/);
    const parsed = listingSchema(collection).safeParse(res.body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('when every seeded listing is read through the API, then each matches its schema', async () => {
    for (const def of COLLECTIONS) {
      const schema = listingSchema(def.name);
      for (const listing of t.ctx.listings.repo(def.name).iterate()) {
        const res = await request(t.app).get(`/api/${def.name}/${listing.id}`).expect(200);
        expect(schema.safeParse(res.body).success).toBe(true);
      }
    }
  });

  it('when the collection is unknown, then the answer is a 404 in the error shape', async () => {
    const res = await request(t.app).get('/api/rockets/1').expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('rockets') } });
  });

  it('when the id does not exist, then the answer is 404', async () => {
    const res = await request(t.app).get('/api/platforms/999999').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', '99999999999999999999', '%00', '1;DROP TABLE platforms'])(
    'when the id is %j, then the answer is 400 naming the id',
    async (id) => {
      const res = await request(t.app).get(`/api/platforms/${encodeURIComponent(id)}`).expect(400);
      expect(res.body.error).toMatchObject({ code: 'bad_request', details: { id: 'must be a positive integer' } });
    },
  );

  it('when a listing is archived, then the public API answers 404 and restoring brings it back', async () => {
    const listing = t.ctx.listings.get('experts', 3) as Listing;
    t.ctx.listings.archive('experts', 3, { actor: 'tester' });
    await request(t.app).get('/api/experts/3').expect(404);
    t.ctx.listings.restore('experts', 3, { actor: 'tester' });
    const res = await request(t.app).get('/api/experts/3').expect(200);
    expect(res.body).toMatchObject({ name: listing.name, version: listing.version + 2 });
  });
});

describe('GET /healthz', () => {
  it('when the server runs, then it reports ok, the engine and pending index jobs', async () => {
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', engine: 'sqlite', pendingIndexJobs: expect.any(Number) });
  });
});

describe('malformed requests', () => {
  it('when a static asset does not exist, then the answer is a 404 with the not_found code', async () => {
    const res = await request(t.app).get('/assets/missing.css').set('accept', 'application/json').expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'not found' } });
  });

  it('when a path segment has broken percent-encoding, then the answer is a 400 naming the path', async () => {
    const res = await request(t.app).get('/api/platforms/%zz').expect(400);
    expect(res.body).toEqual({ error: { code: 'bad_request', message: 'malformed request', details: { path: 'malformed percent-encoding' } } });
  });

  it('when a JSON body is broken, then the answer is a 400 in the error shape, not a 500', async () => {
    const res = await request(t.app).post('/api/platforms').set('content-type', 'application/json').send('{"name":').expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
