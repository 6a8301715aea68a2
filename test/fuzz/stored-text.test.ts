import fc from 'fast-check';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticInput } from '../../scripts/bench/synthetic.js';
import { Rng } from '../../seeds/generator/random.js';
import { createAdminApp, signIn } from '../admin/helpers.js';
import type { TestApp } from '../helpers/context.js';
import { expectPage, expectSearchAnswer, FUZZ, storableHostile } from './support/hostile.js';

let t: TestApp;
let staff: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  staff = await signIn(t.app);
});
afterAll(() => t.close());

describe('hostile text stored in listings and inquiries', () => {
  it('when it is shown on public, search and back-office pages, then it is always escaped', async () => {
    const rng = new Rng('fuzz:stored');
    await fc.assert(
      fc.asyncProperty(storableHostile, storableHostile, storableHostile, async (name, summary, expertise) => {
        const input = { ...syntheticInput(rng, 'experts', 9), name: name.slice(0, 120), summary, summaryEn: summary, expertise: [expertise.slice(0, 40)] };
        const checked = t.ctx.listings.validate('experts', input);
        fc.pre(checked.ok);
        const listing = t.ctx.listings.create('experts', input, { actor: 'fuzz' });
        const inquiry = t.ctx.inquiries.create('experts', listing.id, { name: name.slice(0, 60), organisation: '', contact: 'a@example.com', message: `${summary.slice(0, 1900)} 想了解合作方式，请联系我们。` }, 'zh');
        const stored = [listing.name, listing.summary, ...(listing.expertise as string[]), inquiry.name, inquiry.message];
        const q = encodeURIComponent(listing.name);
        for (const path of [
          `/experts/${listing.id}`,
          `/experts/${listing.id}?lang=en`,
          `/search?q=${q}`,
          `/search?q=${q}&lang=en&collection=experts`,
          `/admin/listings/experts/${listing.id}`,
          `/admin/listings/experts?q=${q}`,
          '/admin',
          '/admin/audit',
          '/admin/inquiries',
          `/admin/inquiries/${inquiry.id}`,
        ]) {
          const res = await staff.get(path);
          expect(res.status, path).toBe(200);
          expectPage(res, stored);
        }
        const api = await staff.get(`/api/search?q=${q}`).expect(200);
        expectSearchAnswer(api.body);
      }),
      { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns! / 4) },
    );
  });
});
