import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/i18n.js';
import { CONTACT_LIMIT } from '../../server/site/contact.js';
import { ADMIN } from '../admin/helpers.js';
import { saveScreenshot } from '../helpers/browser.js';
import { accessibilityProblems, focusedId, LANG_SCREENS, SCREENS } from './a11y.js';
import { browserSession } from './browser-support.js';

/** A refused form shows its summary at the top of the window, focused, each message leading to its field. */
const session = browserSession({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
const { visit } = session;

/** Where the summary stands in the window, and whether it holds the focus. */
async function summaryInView(page: Page, selector: string): Promise<{ top: number; bottom: number; focused: boolean }> {
  const box = (await page.locator(selector).boundingBox())!;
  const id = await page.locator(selector).getAttribute('id');
  return { top: box.y, bottom: box.y + box.height, focused: (await focusedId(page)) === id };
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${session.server.baseUrl}/admin/login`);
  await page.locator('#username').fill(ADMIN.username);
  await page.locator('#password').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/admin$/);
}

describe('a refused form in a browser', { timeout: 90_000 }, () => {
  it.each(LANG_SCREENS)('when a cooperation request is sent incomplete in %s on a %s, then its summary is at the top, focused, and leads to each field', (lang, screen) =>
    visit(lang, screen, async (page) => {
      const t = translator(lang);
      await page.goto(`${session.server.baseUrl}/platforms/1`);
      const heightBefore = await page.evaluate<number>('document.documentElement.scrollHeight');
      await page.getByLabel(t('site.contact.field.name')).fill(lang === 'zh' ? '赵' : 'Zhao');
      await page.getByRole('button', { name: t('site.contact.submit') }).click();
      await page.waitForURL(/\/platforms\/1\/contact#form-errors$/);
      const where = await summaryInView(page, '#form-errors');
      expect(where.focused).toBe(true);
      expect(where.top).toBeGreaterThanOrEqual(0);
      expect(where.bottom).toBeLessThanOrEqual(SCREENS[screen].viewport.height);
      expect(where.top).toBeLessThan(120);
      expect(heightBefore).toBeGreaterThan(SCREENS[screen].viewport.height);
      expect(await page.title()).toMatch(lang === 'zh' ? /^错误（2 处）：/ : /^Error \(2\): /);
      const links = page.locator('#form-errors a');
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#field-contact', '#field-message']);
      await links.nth(1).click();
      expect(await focusedId(page)).toBe('field-message');
      expect(await page.getByLabel(t('site.contact.field.name')).inputValue()).toBe(lang === 'zh' ? '赵' : 'Zhao');
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, `refused-contact-${lang}-${screen}`);
    }),
  );

  it.each(LANG_SCREENS)('when the sign-in is sent without a password in %s on a %s, then its summary is focused and leads to the password', (lang, screen) =>
    visit(lang, screen, async (page) => {
      const t = translator(lang);
      await page.goto(`${session.server.baseUrl}/admin/login?lang=${lang}`);
      await page.locator('#username').fill(ADMIN.username);
      await page.locator('form button[type=submit]').click();
      await page.locator('#error-summary').waitFor();
      const where = await summaryInView(page, '#error-summary');
      expect(where).toMatchObject({ focused: true });
      expect(where.bottom).toBeLessThanOrEqual(SCREENS[screen].viewport.height);
      expect(await page.title()).toMatch(lang === 'zh' ? /^错误（1 处）：/ : /^Error \(1\): /);
      expect(await page.locator('#error-summary').innerText()).toContain(t('admin.login.missing'));
      await page.locator('#error-summary a').click();
      expect(await focusedId(page)).toBe('password');
      expect(await accessibilityProblems(page)).toEqual([]);
    }),
  );

  it.each([
    ['zh', 'desktop'],
    ['en', 'phone'],
  ] as const)('when a listing is saved without its name in %s on a %s, then the summary is focused and leads to the name', (lang, screen) =>
    visit(lang, screen, async (page) => {
      await signIn(page);
      await page.goto(`${session.server.baseUrl}/admin/listings/experts/2?lang=${lang}`);
      await page.locator('#f-name').fill('');
      await page.locator('form.listing-form button[type=submit]').click();
      await page.locator('#error-summary').waitFor();
      const where = await summaryInView(page, '#error-summary');
      expect(where.focused).toBe(true);
      expect(where.bottom).toBeLessThanOrEqual(SCREENS[screen].viewport.height);
      expect(await page.title()).toMatch(lang === 'zh' ? /^错误（1 处）：/ : /^Error \(1\): /);
      await page.locator('#error-summary a[href="#f-name"]').click();
      expect(await focusedId(page)).toBe('f-name');
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, `refused-edit-${lang}-${screen}`);
    }),
  );

  it.each([
    ['en', 'desktop'],
    ['zh', 'phone'],
  ] as const)('when an import file has problems in %s on a %s, then the summary is focused and counts them in the title', (lang, screen) =>
    visit(lang, screen, async (page) => {
      await signIn(page);
      await page.goto(`${session.server.baseUrl}/admin/bulk/experts?lang=${lang}`);
      const csv = 'name,county,fields,category\n专家甲,nowhere,cotton,expert\n专家乙,hutubi,cotton,wizard\n';
      await page.locator('#file').setInputFiles({ name: 'experts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.locator('form.upload button[value=dry-run]').click();
      await page.locator('#error-summary').waitFor();
      expect((await summaryInView(page, '#error-summary')).focused).toBe(true);
      expect(await page.title()).toMatch(lang === 'zh' ? /^错误（2 处）：/ : /^Error \(2\): /);
      expect(await page.locator('#problems tbody tr').count()).toBe(2);
      expect(await accessibilityProblems(page)).toEqual([]);
    }),
  );

  it('when one address has sent too many requests, then the refusal says in how many minutes and at what time to try again', () =>
    visit('zh', 'phone', async (page) => {
      await page.goto(`${session.server.baseUrl}/experts/3`);
      const csrf = await page.locator('input[name=_csrf]').first().inputValue();
      const good = { name: '王经理', organisation: '', contact: '0994-1234567', message: '希望就棉花育种开展合作研究。', _csrf: csrf };
      for (let i = 0; i < CONTACT_LIMIT; i++) {
        const res = await page.request.post(`${session.server.baseUrl}/experts/3/contact`, { form: good, maxRedirects: 0 });
        expect(res.status()).toBe(303);
      }
      for (const [field, value] of Object.entries(good)) if (field !== '_csrf' && value) await page.locator(`#field-${field}`).fill(value);
      const answer = page.waitForResponse((res) => res.url().includes('/experts/3/contact'));
      await page.getByRole('button', { name: '发送请求' }).click();
      expect((await answer).status()).toBe(429);
      const where = await summaryInView(page, '#form-errors');
      expect(where.focused).toBe(true);
      expect(where.bottom).toBeLessThanOrEqual(844);
      expect(await page.locator('#form-errors').innerText()).toMatch(/请在 \d+ 分钟后（北京时间 \d\d:\d\d 以后）再试/);
      expect(await page.title()).toMatch(/^错误（1 处）：/);
      expect(await page.locator('#field-message').inputValue()).toBe(good.message);
    }),
  );
});
