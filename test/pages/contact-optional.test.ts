import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { csrfFrom } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the optional field of the contact form', () => {
  it('when a client leaves the organisation field out altogether, then the request is stored with it empty', async () => {
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/platforms/3').expect(200)).text);
    const res = await agent.post('/platforms/3/contact').type('form').send({ _csrf: csrf, name: '赵工', contact: '0994-1234567', message: '希望了解平台的检测服务。' });
    expect(res.status).toBe(303);
    const stored = t.ctx.inquiries.list({ page: 1, perPage: 1 }).items[0]!;
    expect(stored).toMatchObject({ listingId: 3, name: '赵工', organisation: '' });
  });

  it('when a required field is left out, then it is still named as required', async () => {
    const agent = request.agent(t.app);
    const csrf = csrfFrom((await agent.get('/platforms/3').expect(200)).text);
    const res = await agent.post('/platforms/3/contact').type('form').send({ _csrf: csrf, contact: '0994-1234567', message: '希望了解平台的检测服务。' }).expect(400);
    expect(res.text).toMatch(/<p class="field-error" id="field-name-error">[^<]+<\/p>/);
  });
});
