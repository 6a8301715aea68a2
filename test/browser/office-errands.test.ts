import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator, type Lang } from '../../server/i18n/i18n.js';
import { ADMIN } from '../admin/helpers.js';
import { launchBrowser, saveScreenshot, startServer, type RunningServer } from '../helpers/browser.js';
import { accessibilityProblems, LANG_SCREENS, SCREENS, sidewaysOverflow, type Screen } from './a11y.js';
import { watchErrors } from './browser-support.js';

/** Staff correct a listing, import fifty experts and read the inbox, in both languages on a phone and a desktop. */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function asStaff(lang: Lang, screen: Screen, run: (page: Page, t: ReturnType<typeof translator>) => Promise<void>): Promise<void> {
  const context: BrowserContext = await browser.newContext({ ...SCREENS[screen], locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(`${server.baseUrl}/admin/login?lang=${lang}`);
    await page.locator('#username').fill(ADMIN.username);
    await page.locator('#password').fill(ADMIN.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/admin$/);
    await run(page, translator(lang));
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Fifty experts written as staff write them: labels in Chinese or English instead of codes. */
function fiftyExperts(tag: string): string {
  const rows = ['name,nameEn,county,fields,category,title'];
  for (let i = 1; i <= 50; i++) {
    const [county, fields, category] = i % 2 ? ['呼图壁县', '棉花|现代种业', '院士'] : ['Hutubi County', 'Cotton', 'Expert'];
    rows.push(`${tag}专家${i},${tag} Expert ${i},${county},${fields},${category},研究员`);
  }
  return rows.join('\n') + '\n';
}

describe('the back office in a browser', { timeout: 120_000 }, () => {
  it.each([
    ['zh', 'desktop'],
    ['en', 'phone'],
  ] as const)('when fifty experts are imported with labels in %s on a %s, then a clean dry run imports them without choosing the file again', (lang, screen) =>
    asStaff(lang, screen, async (page, t) => {
      const tag = `${lang}${screen}`;
      const before = server.ctx.listings.repo('experts').count();
      await page.goto(`${server.baseUrl}/admin/bulk/experts`);
      await page.getByRole('link', { name: t('admin.bulk.guideLink') }).first().click();
      await page.waitForURL(/\/admin\/bulk\/experts\/columns$/);
      await page.waitForLoadState('load');
      const county = page.locator('#column-county');
      expect(await county.innerText()).toContain('hutubi');
      expect(await county.innerText()).toContain('呼图壁县');
      expect(await county.innerText()).toContain('Hutubi County');
      expect(await page.locator('#column-name').innerText()).toContain(t('admin.bulk.guide.yes'));
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, `import-guide-${lang}-${screen}`);

      await page.goto(`${server.baseUrl}/admin/bulk/experts`);
      await page.locator('#file').setInputFiles({ name: 'experts.csv', mimeType: 'text/csv', buffer: Buffer.from(fiftyExperts(tag)) });
      await page.locator('form.upload button[value=dry-run]').click();
      const confirm = page.getByRole('button', { name: t('admin.bulk.importThese', { n: 50 }) });
      await confirm.waitFor();
      expect(await page.locator('#file').inputValue()).toBe('');
      expect(await accessibilityProblems(page)).toEqual([]);
      await confirm.click();
      await page.waitForURL(/\/admin\/listings\/experts$/);
      expect(await page.getByRole('status').innerText()).toBe(t('admin.flash.imported', { file: 'experts.csv', created: 50, updated: 0 }));
      expect(server.ctx.listings.repo('experts').count()).toBe(before + 50);
      const imported = [...server.ctx.listings.repo('experts').iterate()].filter((l) => l.name.startsWith(`${tag}专家`));
      expect(imported).toHaveLength(50);
      const read = new Set(imported.map((l) => `${l.county} ${l.category} ${l.fields.join('|')}`));
      expect(read).toEqual(new Set(['hutubi academician cotton|seed-industry', 'hutubi expert cotton']));
    }),
  );

  it.each([
    ['zh', 'phone'],
    ['en', 'desktop'],
  ] as const)('when a label is misspelt in %s on a %s, then the problem names every accepted value', (lang, screen) =>
    asStaff(lang, screen, async (page) => {
      await page.goto(`${server.baseUrl}/admin/bulk/experts`);
      await page.locator('#file').setInputFiles({ name: 'experts.csv', mimeType: 'text/csv', buffer: Buffer.from('name,county,fields,category\n专家,呼图壁,棉花,院士\n') });
      await page.locator('form.upload button[value=dry-run]').click();
      await page.locator('#problems').waitFor();
      const reason = await page.locator('#problems tbody tr td').nth(2).innerText();
      for (const value of ['changji 昌吉市 / Changji City', 'hutubi 呼图壁县 / Hutubi County', 'agri-zone 昌吉国家农业高新技术产业示范区']) expect(reason).toContain(value);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    }),
  );

  it.each(LANG_SCREENS)('when a listing is renamed in %s on a %s, then the message names the new name and its history reads in words and Beijing time', (lang, screen) =>
    asStaff(lang, screen, async (page, t) => {
      const listing = server.ctx.listings.create('platforms', {
        name: `准东测试平台${lang}${screen}`, nameEn: '', summary: '', summaryEn: '', county: 'zhundong', fields: ['coal-chemistry'], kind: 'key-lab',
        level: 'regional', host: '', hostEn: '', location: null, locationEn: null, established: 2020,
      }, { actor: 'chief' });
      await page.goto(`${server.baseUrl}/admin/listings/platforms/${listing.id}`);
      const renamed = `准东煤化工重点实验室${lang}${screen}`;
      await page.locator('#f-name').fill(renamed);
      await page.locator('form.listing-form button[type=submit]').click();
      await page.getByRole('status').filter({ hasText: renamed }).waitFor();
      expect(await page.getByRole('status').innerText()).toBe(t('admin.flash.saved', { name: renamed }));
      const history = await page.locator('section.history').innerText();
      expect(history).toContain(t('vocab.county.zhundong'));
      expect(history).toContain(t('vocab.kind.key-lab'));
      for (const raw of ['zhundong', 'key-lab', 'createdAt', 'collection']) expect(history).not.toContain(raw);
      const at = server.ctx.audit.forListing('platforms', listing.id)[0]!.at;
      const beijing = new Date(Date.parse(at) + 8 * 3600_000).toISOString();
      expect(history).toContain(`${beijing.slice(0, 10)} ${beijing.slice(11, 16)} (UTC+8)`);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await accessibilityProblems(page)).toEqual([]);
    }),
  );

  it.each([
    ['zh', 'desktop'],
    ['en', 'phone'],
  ] as const)('when someone else saved meanwhile in %s on a %s, then the comparison reads in words, not codes', (lang, screen) =>
    asStaff(lang, screen, async (page, t) => {
      const listing = server.ctx.listings.create('platforms', {
        name: `冲突测试平台${lang}`, nameEn: '', summary: '', summaryEn: '', county: 'zhundong', fields: ['coal-chemistry'], kind: 'key-lab',
        level: 'regional', host: '', hostEn: '', location: null, locationEn: null, established: 2020,
      }, { actor: 'chief' });
      await page.goto(`${server.baseUrl}/admin/listings/platforms/${listing.id}`);
      const { collection: _c, id: _i, createdAt: _a, updatedAt: _u, version, source: _s, status: _st, ...values } = listing;
      server.ctx.listings.update('platforms', listing.id, { ...values, county: 'qitai', kind: 'engineering-center' }, { actor: 'someone', version });
      await page.locator('#f-name').fill(`冲突测试平台${lang}（改）`);
      await page.locator('form.listing-form button[type=submit]').click();
      const compare = page.locator('table.compare');
      await compare.waitFor();
      const text = await compare.innerText();
      for (const label of [t('vocab.county.zhundong'), t('vocab.county.qitai'), t('vocab.kind.key-lab'), t('vocab.kind.engineering-center')]) expect(text).toContain(label);
      for (const raw of ['zhundong', 'qitai', 'key-lab', 'engineering-center']) expect(text).not.toContain(raw);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await accessibilityProblems(page)).toEqual([]);
    }),
  );

  it.each(LANG_SCREENS)('when the inbox, the audit log and the lists are read in %s on a %s, then times are Beijing time with the zone and nothing scrolls sideways', (lang, screen) =>
    asStaff(lang, screen, async (page, t) => {
      const inquiry = server.ctx.inquiries.create('experts', 5, { name: '王经理', organisation: '', contact: 'wang@example.com', message: '希望就棉花育种开展合作。' }, 'zh', Date.parse('2026-12-02T01:50:00Z'));
      const housing = server.ctx.inquiries.create('apartments', 1, { name: '刘主任', organisation: '', contact: 'hr@example.com', message: '两名引进工程师，预计入住一年。', unitsWanted: '2', arrival: '2027-12-01' }, 'zh', Date.parse('2026-12-02T01:55:00Z'));
      await page.goto(`${server.baseUrl}/admin/inquiries`);
      expect(await page.locator(`a[href="/admin/inquiries/${inquiry.id}"]`).innerText()).toBe('2026-12-02 09:50 (UTC+8)');
      const row = page.locator('tr').filter({ has: page.locator(`a[href="/admin/inquiries/${housing.id}"]`) });
      expect(await row.innerText()).toContain(t('admin.inquiries.kind.housing'));
      expect(await row.innerText()).toContain(t('admin.inquiries.housingShort', { units: 2, arrival: '2027-12-01' }));
      for (const path of ['/admin', '/admin/inquiries', `/admin/inquiries/${inquiry.id}`, '/admin/audit', '/admin/bulk', '/admin/listings/platforms', '/admin/listings/apartments/1', '/admin/users']) {
        await page.goto(server.baseUrl + path);
        expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
        expect(await accessibilityProblems(page), path).toEqual([]);
      }
      await page.goto(`${server.baseUrl}/admin/audit`);
      expect(await page.locator('table.audit tbody td time').first().innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+8\)$/);
      if (screen === 'desktop') {
        await page.goto(`${server.baseUrl}/admin/listings/platforms`);
        // A heading or a status on one line has its text in one box; one character a line makes as many boxes.
        const lines = await page.locator('table.grid thead th, table.grid tbody tr:first-child td.nowrap').evaluateAll((cells) =>
          cells.map((cell) => {
            const range = cell.ownerDocument.createRange();
            range.selectNodeContents(cell);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          }),
        );
        expect(lines.length).toBeGreaterThanOrEqual(7);
        expect(Math.max(...lines)).toBe(1);
        await saveScreenshot(page, `admin-list-${lang}`);
      }
    }),
  );
});
