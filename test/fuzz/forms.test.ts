import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingForm } from '../../scripts/bench/admin-client.js';
import { syntheticInput } from '../../scripts/bench/synthetic.js';
import { Rng } from '../../seeds/generator/random.js';
import { COLLECTION_NAMES, editableFields } from '../../server/collections/define.js';
import { getCollection } from '../../server/collections/registry.js';
import { CONTACT_FIELDS, HONEYPOT_FIELD } from '../../server/site/contact.js';
import { createAdminApp, csrfFrom, pageWithToken, signIn } from '../admin/helpers.js';
import type { TestApp } from '../helpers/context.js';
import { expectPage, formBody, FUZZ, hostileString } from './support/hostile.js';

let t: TestApp;
let staff: request.Agent;
let token: string;

beforeAll(async () => {
  t = await createAdminApp();
  staff = await signIn(t.app);
  token = (await pageWithToken(staff, '/admin/listings/platforms/new')).csrf;
});
afterAll(() => t.close());

/** After a form saved something (303), the page it leads to shows what was typed, escaped. */
async function expectSavedPage(agent: request.Agent, res: request.Response, texts: string[]): Promise<void> {
  if (res.status !== 303) return;
  const next = await agent.get(res.headers.location!);
  expectPage(next, texts);
}

describe('every form under random and hostile input', () => {
  it('when the public contact form gets anything, then it answers without a 500 or a stack and shows what was typed escaped', async () => {
    const visitor = request.agent(t.app);
    const csrf = csrfFrom((await visitor.get('/experts/1').expect(200)).text);
    await fc.assert(
      fc.asyncProperty(formBody([...CONTACT_FIELDS, HONEYPOT_FIELD], { _csrf: csrf }), async ({ body, texts }) => {
        const res = await visitor.post('/experts/1/contact').type('form').send(body);
        expectPage(res, texts);
        expect([303, 400, 403, 413, 429]).toContain(res.status);
        await expectSavedPage(visitor, res, texts);
      }),
      FUZZ,
    );
  });

  it.each(COLLECTION_NAMES)('when the new %s listing form gets anything, then it saves a valid listing or shows the form again, escaped', async (collection) => {
    const names = editableFields(getCollection(collection)).map(([name]) => name);
    const valid = listingForm(collection, syntheticInput(new Rng(`fuzz:${collection}`), collection));
    // A valid form with a few fields replaced, so hostile text is often saved and shown, plus random extra fields.
    const overrides = fc.array(fc.tuple(fc.constantFrom(...names), hostileString), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(overrides, fc.option(formBody(names), { nil: undefined }), async (replaced, extra) => {
        const form = new URLSearchParams(valid);
        for (const [name, value] of replaced) form.set(name, value);
        form.set('_csrf', token);
        const texts = [...replaced.map(([, v]) => v), ...(extra?.texts ?? [])];
        const res = await staff.post(`/admin/listings/${collection}`).type('form').send(extra ? `${form}&${extra.body}` : String(form));
        expectPage(res, texts);
        expect([303, 400, 403, 413]).toContain(res.status);
        await expectSavedPage(staff, res, texts);
      }),
      FUZZ,
    );
  });

  it('when the edit form of a listing gets anything, then it saves, shows a conflict or shows the form again, escaped', async () => {
    const names = [...editableFields(getCollection('experts')).map(([name]) => name), 'version'];
    await fc.assert(
      fc.asyncProperty(fc.boolean(), formBody(names), async (currentVersion, { body, texts }) => {
        const version = currentVersion ? t.ctx.listings.get('experts', 5)!.version : 1;
        const res = await staff.post('/admin/listings/experts/5').type('form').send(`_csrf=${token}&version=${version}&${body}`);
        expectPage(res, texts);
        expect([303, 400, 403, 409, 413]).toContain(res.status);
        await expectSavedPage(staff, res, texts);
      }),
      FUZZ,
    );
  });

  it('when archive, restore or delete get any version, then they answer without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('archive', 'restore', 'delete'), formBody(['version', 'confirm']), async (action, { body, texts }) => {
        const res = await staff.post(`/admin/listings/apartments/3/${action}`).type('form').send(`_csrf=${token}&${body}`);
        expectPage(res, texts);
      }),
      FUZZ,
    );
  });

  it('when an inquiry is answered with anything, then the inbox saves it or shows the form again, escaped', async () => {
    const inquiry = t.ctx.inquiries.create('platforms', 1, { name: '王工', organisation: '', contact: 'wang@example.com', message: '想了解合作方式，谢谢。' }, 'zh');
    await fc.assert(
      fc.asyncProperty(formBody(['status', 'note']), async ({ body, texts }) => {
        const res = await staff.post(`/admin/inquiries/${inquiry.id}`).type('form').send(`_csrf=${token}&${body}`);
        expectPage(res, texts);
        await expectSavedPage(staff, res, texts);
      }),
      FUZZ,
    );
  });

  it('when the account form gets anything, then it adds a valid account or shows the form again, escaped', async () => {
    await fc.assert(
      fc.asyncProperty(formBody(['username', 'password', 'confirm', 'role']), async ({ body, texts }) => {
        const res = await staff.post('/admin/users').type('form').send(`_csrf=${token}&${body}`);
        expectPage(res, texts);
        await expectSavedPage(staff, res, texts);
      }),
      { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns! / 2) },
    );
  });

  it('when the synonym form gets anything, then it adds a valid rule or shows the form again, escaped', async () => {
    await fc.assert(
      fc.asyncProperty(formBody(['kind', 'terms', 'note']), async ({ body, texts }) => {
        const res = await staff.post('/admin/synonyms').type('form').send(`_csrf=${token}&${body}`);
        expectPage(res, texts);
        await expectSavedPage(staff, res, texts);
      }),
      { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns! / 2) },
    );
  });

  it('when the sign-in form gets anything, then it refuses without a 500 and shows what was typed escaped', async () => {
    const visitor = request.agent(t.app);
    const csrf = csrfFrom((await visitor.get('/admin/login').expect(200)).text);
    await fc.assert(
      fc.asyncProperty(formBody(['username', 'password', 'next'], { _csrf: csrf }), async ({ body, texts }) => {
        const res = await visitor.post('/admin/login').type('form').send(body);
        expectPage(res, texts);
        expect(res.status).not.toBe(303);
      }),
      { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns! / 2) },
    );
  });
});
