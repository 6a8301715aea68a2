import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator, type Lang } from '../../server/i18n/i18n.js';
import { launchBrowser, saveScreenshot, startServer, type RunningServer } from '../helpers/browser.js';
import { watchErrors } from './browser-support.js';
import { LOW_CONTRAST_SCRIPT } from './contrast.js';

/** The page fits its width and all its text is readable against its background. */
async function expectReadable(page: Page, what: string): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'), what).toBeLessThanOrEqual(0);
  expect(await page.evaluate<string[]>(LOW_CONTRAST_SCRIPT), what).toEqual([]);
}

/**
 * The whole path of a need, in both languages, on a phone and on a desktop: a firm writes its need and sees the
 * shortlist appear, chooses three partners and sends; staff forward it to each and complete it; the firm's status
 * link shows every public step and the outcome.
 */
const DEVICES = {
  phone: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 } },
} as const;
type Device = keyof typeof DEVICES;

const STAFF = { username: 'chief', password: 'correct horse battery staple' };
const NEEDS: Record<Lang, string> = {
  zh: '我们的煤化工废水含盐量高、含酚，需要合作伙伴建设中试处理线',
  en: 'Our coal chemical wastewater is high in salt and phenol; we need a partner for a pilot treatment line',
};

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ADMIN_USERNAME: STAFF.username, ADMIN_PASSWORD: STAFF.password }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The firm writes, waits for the shortlist, ticks three partners, leaves its contact and sends; returns the status link. */
async function sendNeed(page: Page, t: ReturnType<typeof translator>, lang: Lang): Promise<{ status: string; chosen: string[] }> {
  await page.goto(server.baseUrl + '/');
  await page.getByRole('link', { name: t('needs.homeLink') }).click();
  await page.waitForURL(/\/needs\/new$/);
  expect(await page.locator('.need-preview').isHidden()).toBe(true);
  const answered = page.waitForResponse((res) => res.url().endsWith('/needs/shortlist') && res.status() === 200);
  await page.locator('#field-text').fill(NEEDS[lang]);
  await answered;
  await page.locator('#field-partners:not([aria-busy]) ol.shortlist').waitFor();
  const entries = page.locator('.shortlist-entry');
  expect(await page.locator('#shortlist-status').innerText()).toBe(t('needs.shortlistCount', { n: await entries.count() }));
  expect(await entries.count()).toBeGreaterThanOrEqual(6);
  const reasons = await page.locator('.shortlist .reasons').first().innerText();
  expect(reasons).toContain(lang === 'zh' ? '与需求中的' : 'Matches');
  await page.locator('details.need-more summary').click();
  await expectReadable(page, 'the need form with its shortlist');
  const chosen: string[] = [];
  for (let i = 0; i < 3; i++) {
    await entries.nth(i).locator('label.shortlist-name').click();
    chosen.push(await entries.nth(i).locator('label.shortlist-name').innerText());
  }
  expect(await page.locator('input[name="partners"]:checked').count()).toBe(3);
  await saveScreenshot(page, `need-form-${lang}-${page.viewportSize()!.width}`);
  await page.getByLabel(t('needs.field.organisation')).fill(lang === 'zh' ? '准东某煤化工有限公司' : 'Zhundong Coal Chemicals Ltd');
  await page.getByLabel(t('needs.field.contactName')).fill(lang === 'zh' ? '王工' : 'Wang Lei');
  await page.getByLabel(t('needs.field.contact')).fill('wang@example.com');
  await page.getByRole('button', { name: t('needs.send') }).click();
  await page.waitForURL(/\/needs\/status\/[A-Za-z0-9_-]{32}\?sent=1$/);
  const confirmation = await page.getByRole('status').innerText();
  expect(confirmation).toMatch(/XQ-\d{4}-\d{6}/);
  const status = await page.locator('.status-link a').innerText();
  return { status, chosen };
}

/** Staff sign in, forward the need to each partner and complete it with its outcome. */
async function staffComplete(page: Page, t: ReturnType<typeof translator>, reference: string, outcome: string): Promise<void> {
  await page.goto(server.baseUrl + '/admin/login');
  await page.getByLabel(t('admin.login.username')).fill(STAFF.username);
  await page.getByLabel(t('admin.login.password')).fill(STAFF.password);
  await page.getByRole('button', { name: t('admin.login.submit') }).click();
  await page.waitForURL(/\/admin$/);
  await page.getByRole('link', { name: t('needs.admin.nav') }).first().click();
  const link = page.getByRole('link', { name: reference });
  expect(await page.locator('main').innerText()).toContain(reference);
  await page.goto(server.baseUrl + (await link.getAttribute('href'))!);
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: t('needs.admin.forward') }).first().click();
    await page.waitForURL(/saved=forwarded/);
  }
  expect(await page.getByRole('button', { name: t('needs.admin.forward') }).count()).toBe(0);
  await page.getByLabel(t('needs.admin.newStatus')).selectOption('completed');
  await page.getByLabel(t('needs.admin.message')).fill(outcome);
  await page.getByRole('button', { name: t('needs.admin.changeStatus') }).click();
  await page.waitForURL(/saved=status/);
}

async function wholePath(lang: Lang, device: Device): Promise<void> {
  const t = translator(lang);
  const firm = await browser.newContext({ ...DEVICES[device], locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
  const office = await browser.newContext({ ...DEVICES[device], locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
  try {
    const page = await firm.newPage();
    const errors = watchErrors(page);
    const { status, chosen } = await sendNeed(page, t, lang);
    await saveScreenshot(page, `need-sent-${lang}-${device}`);
    const reference = /XQ-\d{4}-\d{6}/.exec(await page.locator('h1').innerText())![0];
    expect(await page.locator('.status-now').innerText()).toContain(t('needs.status.received'));

    const outcome = lang === 'zh' ? '已与庭州煤化工技术研究院签订中试合作协议' : 'A pilot agreement was signed with the first partner';
    await staffComplete(await office.newPage(), t, reference, outcome);

    await page.goto(status);
    const text = await page.locator('main').innerText();
    expect(text).toContain(t('needs.status.completed'));
    expect(text).toContain(outcome);
    for (const name of chosen) expect(text).toContain(t('needs.step.forwardedTo', { name }));
    expect(text).not.toContain('wang@example.com');
    await expectReadable(page, 'the status page');
    await saveScreenshot(page, `need-status-${lang}-${device}`);
    expect(errors).toEqual([]);
  } finally {
    await firm.close();
    await office.close();
  }
}

describe('finding partners for a need, in a browser', () => {
  it('when the page is reloaded while the need is being written, then the text and its shortlist come back', async () => {
    const context = await browser.newContext({ ...DEVICES.desktop, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.baseUrl + '/needs/new');
      await page.locator('#field-text').fill(NEEDS.zh);
      await page.locator('ol.shortlist').waitFor();
      await page.reload();
      expect(await page.locator('#field-text').inputValue()).toBe(NEEDS.zh);
      await page.locator('#field-partners:not([aria-busy]) ol.shortlist').waitFor();
      expect(await page.locator('.shortlist-entry').count()).toBeGreaterThan(5);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  for (const lang of ['zh', 'en'] as const) {
    for (const device of ['phone', 'desktop'] as const) {
      it(`when a firm (${lang}, ${device}) sends a need to three partners and staff complete it, then its status link shows each step`, () => wholePath(lang, device), 60_000);
    }
  }
});
