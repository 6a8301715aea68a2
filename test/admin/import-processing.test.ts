import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/context.js';
import { addUser, createAdminApp, pageWithToken, signIn } from './helpers.js';

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

const EXPERT_HEADER = 'name,nameEn,county,fields,category,title,affiliation,expertise';

/** `n` new experts, one a line, each with a name no other listing has. */
function expertRows(n: number, tag: string): string {
  return Array.from({ length: n }, (_, i) => `${tag}专家${i + 1},${tag} Expert ${i + 1},qitai,cotton|digital,advisor,高级工程师,奇台县农业技术推广中心,棉花机采|滴灌`).join('\n');
}

/** Reads an import's page until it stops showing progress; returns the last answer and every phase seen. */
async function followImport(location: string): Promise<{ res: request.Response; phases: string[] }> {
  const phases: string[] = [];
  for (;;) {
    const res = await admin.get(location);
    if (res.status !== 200 || !res.text.includes('http-equiv="refresh"')) return { res, phases };
    phases.push(/<h2>正在导入<\/h2>[\s\S]*?<p>[^<]*<\/p>\s*<p>([^<]*)/.exec(res.text)?.[1]?.trim() ?? '');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a large import', () => {
  it('when 3,000 rows are imported while a colleague saves, then the page shows progress, the site answers, and every row is written', async () => {
    await addUser(t.ctx, 'other.editor', 'editor');
    const other = await signIn(t.app, 'other.editor', 'a long enough password');
    const before = t.ctx.listings.repo('experts').count();
    // A save under way: the import may check its rows, but writes only once the save is done.
    const releaseSave = await t.ctx.writeGate.enter();
    let location = '';
    try {
      const posted = await upload('experts', `${EXPERT_HEADER}\n${expertRows(3000, '批量')}\n`, 'many.csv', 'commit');
      expect(posted.status).toBe(303);
      location = posted.headers.location!;
      expect(location).toMatch(/^\/admin\/bulk\/experts\/import\/[0-9a-f-]{36}$/);

      let page = await admin.get(location).expect(200);
      expect(page.text).toContain('<meta http-equiv="refresh" content="1">');
      expect(page.text).toContain('many.csv');
      while (!page.text.includes('正在等待数据库')) page = await admin.get(location).expect(200);
      const search = await request(t.app).get('/api/search?q=棉花').expect(200);
      expect(search.body.total).toBeGreaterThan(0);
      expect(t.ctx.listings.repo('experts').count()).toBe(before);
      // Nobody else can read this import's page.
      await other.get(location).expect(404);
    } finally {
      releaseSave();
    }
    const { res } = await followImport(location);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/listings/experts');
    expect(t.ctx.listings.repo('experts').count()).toBe(before + 3000);
    const listed = await admin.get('/admin/listings/experts').expect(200);
    expect(listed.text).toContain('many.csv');
    const found = await request(t.app).get('/api/search?q=批量专家2999&collection=experts').expect(200);
    expect(found.body.hits.map((h: { name: string }) => h.name)).toContain('批量专家2999');
  });

  it('when a large file has one bad row at its end, then the check names its line and nothing is written', async () => {
    const before = t.ctx.listings.repo('experts').count();
    const csv = `${EXPERT_HEADER}\n${expertRows(1500, '坏批')}\n坏行,Bad,nowhere,cotton,advisor,,,\n`;
    const posted = await upload('experts', csv, 'bad.csv', 'commit');
    const { res } = posted.status === 303 ? await followImport(posted.headers.location!) : { res: posted };
    expect(res.status).toBe(400);
    const problems = problemRows(res.text);
    expect(problems.map(([line, field]) => [line, field])).toEqual([['1502', '县市（园区）']]);
    // The message names the values the column takes.
    expect(problems[0]![2]).toMatch(/^请填写以下之一.*changji.*昌吉市/);
    expect(t.ctx.listings.repo('experts').count()).toBe(before);
  });
});
