import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEED_FIELDS } from '../../server/needs/need-input.js';
import { HONEYPOT_FIELD } from '../../server/site/contact.js';
import { createAdminApp, csrfFrom, signIn } from '../admin/helpers.js';
import type { TestApp } from '../helpers/context.js';
import { expectApiAnswer, expectPage, formBody, FUZZ, hostileString } from './support/hostile.js';

let t: TestApp;
let staff: request.Agent;
let needId: number;

beforeAll(async () => {
  t = await createAdminApp();
  staff = await signIn(t.app);
  const firm = request.agent(t.app);
  const csrf = csrfFrom((await firm.get('/needs/new').expect(200)).text);
  await firm
    .post('/needs')
    .type('form')
    .send({ _csrf: csrf, text: '棉花种子脱绒加工工艺改进，需要专家指导', partners: ['experts:17', 'platforms:108'], organisation: '某棉业公司', contactName: '李工', contact: 'li@example.com' })
    .expect(303);
  needId = t.ctx.db.prepare('SELECT max(id) FROM needs').pluck().get() as number;
});
afterAll(() => t.close());

describe('the needs forms under random and hostile input', () => {
  it('when the need form, its preview and its shortlist get anything, then they answer without a 500 and show what was typed escaped', async () => {
    const firm = request.agent(t.app);
    const csrf = csrfFrom((await firm.get('/needs/new').expect(200)).text);
    await fc.assert(
      fc.asyncProperty(formBody([...NEED_FIELDS, HONEYPOT_FIELD], { _csrf: csrf }), async ({ body, texts }) => {
        for (const path of ['/needs', '/needs/preview', '/needs/shortlist']) {
          const res = await firm.post(path).type('form').send(body);
          expectPage(res, texts);
          expect([200, 303, 400, 403, 413, 429]).toContain(res.status);
        }
      }),
      FUZZ,
    );
  });

  it('when the shortlist API gets any JSON, then it answers a shortlist or a 400 naming the field', async () => {
    const value = fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }), fc.integer(), fc.constant(null), fc.dictionary(hostileString, hostileString, { maxKeys: 2 }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('text', 'fields', 'county', 'collections', '__proto__', 'constructor'), value, { maxKeys: 4 }), async (body) => {
        const res = await request(t.app).post('/api/needs/shortlist').send(body);
        expectApiAnswer(res, Object.keys(body));
      }),
      { ...FUZZ, numRuns: Math.min(FUZZ.numRuns ?? 60, 60) },
    );
  });

  it('when the case forms get anything, then staff see the case again or a redirect, never a 500', async () => {
    const csrf = csrfFrom((await staff.get(`/admin/needs/${needId}`).expect(200)).text);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('assign', 'forward', 'status', 'note'), formBody(['assignee', 'partner', 'status', 'message', 'note'], { _csrf: csrf }), async (form, { body, texts }) => {
        const res = await staff.post(`/admin/needs/${needId}/${form}`).type('form').send(body);
        expectPage(res, texts);
        expect([303, 400, 403, 409, 413]).toContain(res.status);
      }),
      FUZZ,
    );
  });
});
