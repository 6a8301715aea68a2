import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/context.js';
import { createAdminApp, formFields, signIn } from './helpers.js';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  admin = await signIn(t.app);
});
afterAll(() => t.close());

function expertsOf(institutionId: number): number[] {
  return t.ctx.db.prepare('SELECT id FROM experts WHERE institutionId = ? ORDER BY id').pluck().all(institutionId) as number[];
}

describe('deleting an institution that experts refer to', () => {
  it('when an admin confirms, then each expert loses the reference as a change of its own: version, time, history, search', async () => {
    const institution = t.ctx.db.prepare('SELECT institutionId FROM experts WHERE institutionId IS NOT NULL GROUP BY institutionId ORDER BY count(*) DESC').pluck().get() as number;
    const ids = expertsOf(institution);
    expect(ids.length).toBeGreaterThan(0);
    const before = new Map(ids.map((id) => [id, t.ctx.listings.get('experts', id)!]));

    const confirm = await admin.get(`/admin/listings/institutions/${institution}/delete?lang=en`).expect(200);
    expect(confirm.text).toContain(`${ids.length} listings of Academicians and experts refer to it`);
    await admin.post(`/admin/listings/institutions/${institution}/delete`).type('form').send(formFields(confirm.text, `/admin/listings/institutions/${institution}/delete`)).expect(303);

    expect(expertsOf(institution)).toEqual([]);
    for (const id of ids) {
      const after = t.ctx.listings.get('experts', id)!;
      expect(after.institutionId).toBeNull();
      expect(after.version).toBe(before.get(id)!.version + 1);
      expect(after.updatedAt > before.get(id)!.updatedAt).toBe(true);
      const entry = t.ctx.audit.forListing('experts', id)[0]!;
      expect(entry).toMatchObject({ action: 'update', actor: 'chief', before: { institutionId: institution }, after: { institutionId: null } });
    }
    const api = await admin.get(`/api/experts/${ids[0]}`).expect(200);
    expect(api.body).toMatchObject({ institutionId: null, version: before.get(ids[0]!)!.version + 1 });
  });

  it('when nothing refers to a listing, then its confirmation page says nothing about references', async () => {
    const confirm = await admin.get('/admin/listings/apartments/2/delete?lang=en').expect(200);
    expect(confirm.text).not.toContain('refer to it');
  });
});
