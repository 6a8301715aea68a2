import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/context.js';
import { csrfFrom } from '../pages/page-helpers.js';
import { createAdminApp, signIn } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createAdminApp();
});
afterAll(() => t.close());

function inquiries(): number {
  return t.ctx.db.prepare('SELECT count(*) FROM inquiries').pluck().get() as number;
}

describe('requests while an import writes', () => {
  it('when an import holds the database, then searches and pages answer, and a contact request waits for it, then is stored', async () => {
    const visitor = request.agent(t.app);
    const csrf = csrfFrom((await visitor.get('/experts/2').expect(200)).text);
    const staff = await signIn(t.app);
    const before = inquiries();
    let finishImport!: () => void;
    const importing = t.ctx.writeGate.exclusive(() => new Promise<void>((resolve) => (finishImport = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.ctx.writeGate.busy).toBe(true);

    let answered = false;
    const contact = visitor
      .post('/experts/2/contact')
      .type('form')
      .send({ _csrf: csrf, name: '钱工', contact: 'qian@example.com', message: '请问专家近期是否来昌吉？' })
      .then((res) => ((answered = true), res));
    const started = Date.now();
    await request(t.app).get('/api/search?q=棉花').expect(200);
    await request(t.app).get('/stats').expect(200);
    // Staff keep reading their pages: renewing the session's expiry is left to a later request.
    await staff.get('/admin').expect(200);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answered).toBe(false);
    expect(inquiries()).toBe(before);

    finishImport();
    await importing;
    expect((await contact).status).toBe(303);
    expect(inquiries()).toBe(before + 1);
  });
});
