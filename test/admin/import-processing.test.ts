import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/context.js';
import { createAdminApp, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  admin = await signIn(t.app);
});
afterAll(() => t.close());

async function upload(collection: string, content: string, name: string, mode: 'dry-run' | 'commit') {
  const { csrf } = await pageWithToken(admin, `/admin/bulk/${collection}`);
  return admin.post(`/admin/bulk/${collection}/import`).field('_csrf', csrf).field('mode', mode).attach('file', Buffer.from(content), name);
}

function problemRows(html: string): string[][] {
  return [...html.matchAll(/<tr><td class="num">(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1]!, m[2]!, m[3]!]);
}

describe('the header of an imported file', () => {
  it('when a CSV names a column twice, then the dry run refuses it, naming the column, and nothing is written', async () => {
    const before = t.ctx.listings.repo('experts').count();
    const csv = 'name,nameEn,county,fields,category,county\n新专家,New Expert,hutubi,cotton,expert,changji\n';
    const res = await upload('experts', csv, 'experts.csv', 'dry-run');
    expect(problemRows(res.text)).toEqual([['1', '县市（园区）', '此列出现了 2 次，每列只能出现一次']]);
    const commit = await upload('experts', csv, 'experts.csv', 'commit');
    expect(commit.status).toBe(400);
    expect(t.ctx.listings.repo('experts').count()).toBe(before);
  });
});
