import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/core/config.js';
import type { TestApp } from '../helpers/context.js';
import { visibleText } from '../pages/page-helpers.js';
import { addUser, createAdminApp, csrfFrom, pageWithToken, signIn } from './helpers.js';

let t: TestApp;
let staff: request.Agent;
beforeAll(async () => {
  t = await createAdminApp();
  await addUser(t.ctx, 'li.na', 'editor');
  staff = await signIn(t.app);
});
afterAll(() => t.close());

const CONTACT = { organisation: '阜康某乳业有限公司', contactName: '赵工', contact: '+86 994 1234567' };

/** Sends a need as a firm would and returns its status page path and id. */
async function firmSends(text: string, partners: string[], extra: Record<string, unknown> = {}) {
  const firm = request.agent(t.app);
  const page = await firm.get('/needs/new').expect(200);
  const res = await firm.post('/needs').type('form').send({ _csrf: csrfFrom(page.text), text, partners, ...CONTACT, ...extra }).expect(303);
  const status = res.headers.location!.replace('?sent=1', '');
  const id = t.ctx.db.prepare('SELECT max(id) FROM needs').pluck().get() as number;
  return { firm, status, id };
}

async function post(path: string, fields: Record<string, string>) {
  const { csrf } = await pageWithToken(staff, path.replace(/\/(assign|forward|status|note)$/, ''));
  return staff.post(path).type('form').send({ _csrf: csrf, ...fields });
}

/** Posts a case form and expects it to be saved (a redirect back to the case). */
async function done(path: string, fields: Record<string, string>) {
  const res = await post(path, fields);
  expect(res.status, visibleText(res.text).slice(0, 300)).toBe(303);
}

describe('needs in the back office', () => {
  it('when staff forward a need to each partner and close it, then every step is audited and the firm sees the public ones', async () => {
    const { firm, status, id } = await firmSends('奶牛场需要胚胎移植与良种繁育技术合作，提高产奶量', ['platforms:33', 'experts:24', 'platforms:15']);
    const dashboard = visibleText((await staff.get('/admin').expect(200)).text);
    expect(dashboard).toMatch(/\d+ 条新需求待转交/);
    const list = await staff.get('/admin/needs?status=received').expect(200);
    const reference = t.ctx.needs.read.get(id)!.reference;
    expect(visibleText(list.text)).toContain(reference);
    expect(visibleText(list.text)).toContain('阜康某乳业有限公司');

    const lower = reference.toLowerCase().replace(/-0+/, '-');
    await staff.get(`/admin/needs?ref=${encodeURIComponent(lower)}`).expect(303).expect('location', `/admin/needs/${id}`);
    expect(visibleText((await staff.get('/admin/needs?ref=XQ-1999-000001').expect(200)).text)).toContain('没有编号为 XQ-1999-000001 的需求');
    const show = await staff.get(`/admin/needs/${id}`).expect(200);
    expect(visibleText(show.text)).toContain('+86 994 1234567');
    expect(visibleText(show.text)).toContain('企业看到的推荐');

    await done(`/admin/needs/${id}/assign`, { assignee: 'li.na' });
    for (const partner of ['platforms:33', 'experts:24', 'platforms:15']) {
      const res = await post(`/admin/needs/${id}/forward`, { partner });
      expect(res.status).toBe(303);
    }
    await done(`/admin/needs/${id}/note`, { note: '企业希望先看示范牧场' });
    await done(`/admin/needs/${id}/status`, { status: 'in-contact', message: '三方已约定下周现场交流' });
    const refused = await post(`/admin/needs/${id}/status`, { status: 'completed', message: '' });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.text)).toContain('改为“已完成”时请写明办理结果');
    await done(`/admin/needs/${id}/status`, { status: 'completed', message: '已签订胚胎移植技术服务合同' });

    const page = visibleText((await firm.get(status).expect(200)).text);
    expect(page).toContain('当前状态： 已完成');
    expect(page).toContain('办理结果： 已签订胚胎移植技术服务合同');
    expect(page).toContain('已转交给 呼图壁种牛场技术研发中心');
    expect(page).toContain('三方已约定下周现场交流');
    expect(page).not.toContain('企业希望先看示范牧场');
    expect(page).not.toContain('li.na');

    const actions = t.ctx.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'need.%' AND detail LIKE ?").pluck().all(`%"id":${id}%`);
    expect(actions).toEqual(['need.create', 'need.assign', 'need.forward', 'need.forward', 'need.forward', 'need.note', 'need.status', 'need.status']);
    const details = t.ctx.db.prepare("SELECT detail FROM audit_log WHERE action LIKE 'need.%'").pluck().all().join(' ');
    expect(details).not.toContain('1234567');
  });

  it('when a partner already has the need, then forwarding it again is refused', async () => {
    const { id } = await firmSends('棉花种子脱绒加工工艺改进，需要专家指导', ['experts:2']);
    await done(`/admin/needs/${id}/forward`, { partner: 'experts:2' });
    const again = await post(`/admin/needs/${id}/forward`, { partner: 'experts:2' });
    expect(again.status).toBe(409);
    expect(visibleText(again.text)).toContain('已记录过转交给该合作方');
    const stranger = await post(`/admin/needs/${id}/forward`, { partner: 'experts:3' });
    expect(stranger.status).toBe(400);
  });

  it('when a need finds no partner with a good fit, then it is on the list of needs without a match', async () => {
    const { id } = await firmSends('需要研究量子计算芯片低温封装的合作方', ['experts:5'], { fields: 'medicine' });
    expect(t.ctx.needs.read.get(id)!.goodFit).toBe(false);
    const page = await staff.get('/admin/needs?view=unmatched').expect(200);
    expect(visibleText(page.text)).toContain(t.ctx.needs.read.get(id)!.reference);
  });

  it('when the stats page is read, then needs are counted per field and county per month, and nothing names a firm', async () => {
    await firmSends('葡萄酒酿造工艺中的酵母筛选，需要合作', ['platforms:1'], { fields: 'wine', county: 'manas' });
    const res = await request(t.app).get('/stats').expect(200);
    const text = visibleText(res.text);
    expect(text).toContain('企业技术需求');
    const month = new Date().toISOString().slice(0, 7);
    expect(res.text).toContain(`<th scope="col">${month}</th>`);
    expect(text).toMatch(/酿酒葡萄与葡萄酒( 0)* 1 1/);
    expect(text).toMatch(/玛纳斯县( 0)* 1 1/);
    expect(text).not.toContain('阜康某乳业有限公司');
    expect(text).not.toContain('赵工');
  });

  it('when a closed need outlives the retention period, then its text and contact are erased and its counts stay', async () => {
    const { firm, status, id } = await firmSends('食品加工中番茄酱杀菌工艺优化需要合作', ['platforms:2']);
    await done(`/admin/needs/${id}/status`, { status: 'closed', message: '暂无合适合作方' });
    const erased = t.ctx.needs.eraseExpired(new Date(Date.now() + (t.ctx.config.NEEDS_RETENTION_DAYS + 1) * 86_400_000));
    expect(erased).toBeGreaterThanOrEqual(1);
    const need = t.ctx.needs.read.get(id)!;
    expect(need).toMatchObject({ text: '', contact: '', contactName: '', organisation: '', status: 'closed' });
    expect(visibleText((await firm.get(status).expect(200)).text)).toContain('保存期满后其内容和联系方式已按规定删除');
    expect(t.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'need.erase'").pluck().get()).toBe(1);
  });

  it('when the list is asked for an unknown status, then the page names the bad parameter', async () => {
    const res = await staff.get('/admin/needs?status=lost');
    expect(res.status).toBe(400);
  });

  it('when nobody is signed in, then the needs are not shown', async () => {
    const res = await request(t.app).get('/admin/needs');
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/admin\/login/);
  });
});

describe('retention setting', () => {
  it('when NEEDS_RETENTION_DAYS is not a number of days, then the start stops with a line naming it', () => {
    expect(() => loadConfig({ NEEDS_RETENTION_DAYS: 'forever' })).toThrow(/^invalid environment: NEEDS_RETENTION_DAYS must be a whole number of days from 1 to 3650/);
    expect(() => loadConfig({ NEEDS_RETENTION_DAYS: '0' })).toThrow(/NEEDS_RETENTION_DAYS/);
    expect(loadConfig({ NEEDS_RETENTION_DAYS: '90' }).NEEDS_RETENTION_DAYS).toBe(90);
    expect(loadConfig({}).NEEDS_RETENTION_DAYS).toBe(730);
  });
});
