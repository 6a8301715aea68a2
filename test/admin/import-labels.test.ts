import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_TTL_MS, ImportDrafts } from '../../server/bulk/drafts.js';
import type { TestApp } from '../helpers/context.js';
import { visibleText } from '../pages/page-helpers.js';
import { createAdminApp, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
let admin: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  admin = await signIn(t.app);
});
afterAll(() => t.close());

async function upload(agent: request.Agent, content: string, mode: 'dry-run' | 'commit') {
  const { csrf } = await pageWithToken(agent, '/admin/bulk/experts');
  return agent.post('/admin/bulk/experts/import').field('_csrf', csrf).field('mode', mode).attach('file', Buffer.from(content), 'experts.csv');
}

async function importDraft(agent: request.Agent, draft: string) {
  const { csrf } = await pageWithToken(agent, '/admin/bulk/experts');
  return agent.post('/admin/bulk/experts/import').type('form').send({ _csrf: csrf, mode: 'commit', draft });
}

function draftOf(html: string): string {
  return /name="draft" value="([0-9a-f]{64})"/.exec(html)![1]!;
}

const named = (prefix: string) => [...t.ctx.listings.repo('experts').iterate()].filter((l) => l.name.startsWith(prefix));

describe('import by labels', () => {
  it('when code cells carry Chinese or English labels, in any case or spacing, then they are read as codes', async () => {
    const csv = ['name,county,fields,category,source', '标签甲,呼图壁县,棉花|Modern seed industry,院士,示例数据', '标签乙, hutubi  COUNTY ,COTTON,expert ,staff'].join('\n');
    const res = await upload(admin, csv, 'commit');
    expect(res.status).toBe(303);
    expect(named('标签').map((l) => [l.county, l.fields, l.category, l.source])).toEqual([
      ['hutubi', ['cotton', 'seed-industry'], 'academician', 'sample'],
      ['hutubi', ['cotton'], 'expert', 'staff'],
    ]);
  });

  it('when the column guide is opened, then every column of the template is there with its allowed values in code and both labels', async () => {
    const res = await admin.get('/admin/bulk/experts/columns').expect(200);
    const text = visibleText(res.text);
    for (const column of ['id', 'name', 'county', 'fields', 'category', 'institutionId', 'expertise', 'source', 'status', 'version']) expect(res.text).toContain(`id="column-${column}"`);
    for (const value of ['academician 院士 Academician', 'advisor 专家顾问（智库） Expert advisor', 'agri-zone 昌吉国家农业高新技术产业示范区']) expect(text).toContain(value.split(' ')[1]);
    expect(res.text).toMatch(/<td><code>academician<\/code><\/td><td lang="zh-CN">院士<\/td><td lang="en">Academician<\/td>/);
  });
});

describe('a checked file kept for its import', () => {
  it('when a clean dry run is followed by its import button, then the rows are written without the file being sent again', async () => {
    const res = await upload(admin, 'name,county,fields,category\n草稿甲,changji,cotton,expert\n草稿乙,fukang,cotton,advisor\n', 'dry-run');
    expect(visibleText(res.text)).toContain('导入这 2 条');
    expect(named('草稿')).toHaveLength(0);
    const done = await importDraft(admin, draftOf(res.text));
    expect(done.status).toBe(303);
    expect(named('草稿').map((l) => l.county)).toEqual(['changji', 'fukang']);
    const again = await importDraft(admin, draftOf(res.text));
    expect(again.status).toBe(400);
    expect(visibleText(again.text)).toContain('检查过的文件已过期或不属于本次登录');
    expect(named('草稿')).toHaveLength(2);
  });

  it('when another session names the checked file, then nothing is imported', async () => {
    const res = await upload(admin, 'name,county,fields,category\n他人甲,changji,cotton,expert\n', 'dry-run');
    const other = await signIn(t.app);
    const attempt = await importDraft(other, draftOf(res.text));
    expect(attempt.status).toBe(400);
    expect(named('他人')).toHaveLength(0);
  });

  it('when a draft names no checked file, then the form is refused naming it', async () => {
    const res = await importDraft(admin, 'not-a-hash');
    expect(res.status).toBe(400);
    expect(res.text).toContain('draft');
  });

  it('when the kept file is older than its time or its content no longer matches, then it is not found', () => {
    const drafts = new ImportDrafts(t.ctx.db);
    const now = Date.parse('2026-12-02T01:00:00Z');
    const hash = drafts.keep('session-a', 'experts', { originalname: 'a.csv', buffer: Buffer.from('name\nx\n') }, now);
    expect(drafts.find('session-a', 'experts', hash, now + DRAFT_TTL_MS - 1)?.originalname).toBe('a.csv');
    expect(drafts.find('session-a', 'experts', hash, now + DRAFT_TTL_MS)).toBeUndefined();
    expect(drafts.find('session-b', 'experts', hash, now)).toBeUndefined();
    expect(drafts.find('session-a', 'platforms', hash, now)).toBeUndefined();
    t.ctx.db.prepare('UPDATE import_drafts SET content = ? WHERE hash = ?').run(Buffer.from('name\ny\n'), hash);
    expect(drafts.find('session-a', 'experts', hash, now)).toBeUndefined();
  });
});
