import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/i18n.js';
import { saveScreenshot } from '../helpers/browser.js';
import { accessibilityProblems, LANG_SCREENS, sidewaysOverflow } from './a11y.js';
import { browserSession, resultCount } from './browser-support.js';

/** Printing, compression and the smaller points of the public pages. */
const session = browserSession();
const { visit } = session;

/** The pages of a PDF as Chromium prints it on A4. */
async function printedPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
  return pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}

describe('the public pages in a browser', { timeout: 90_000 }, () => {
  it.each(['zh', 'en'] as const)('when eight results or a listing are printed in %s, then navigation and filters stay off the paper and links print where they lead', (lang) =>
    visit(lang, 'desktop', async (page) => {
      await page.goto(`${session.server.baseUrl}/search?collection=experts&category=academician&perPage=8`);
      expect(await page.locator('ol.hits > li').count()).toBe(8);
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.site-header', '.site-footer', 'details[data-filters]', '.search-box', '.pagination']) {
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      }
      const after = await page.evaluate<string>("getComputedStyle(document.querySelector('ol.hits .card-title a'), '::after').content");
      expect(after).toMatch(/^" <" attr\(href\) ">"$|^" <\/experts\/\d+>"$/);
      expect(await printedPages(page)).toBeLessThanOrEqual(2);

      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${session.server.baseUrl}/experts/1`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#contact').isVisible()).toBe(false);
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator('h1').isVisible()).toBe(true);
      expect(await printedPages(page)).toBeLessThanOrEqual(2);
    }),
  );

  it.each(LANG_SCREENS)('when pages are opened in %s on a %s, then HTML comes compressed and nothing scrolls sideways', (lang, screen) =>
    visit(lang, screen, async (page) => {
      for (const path of ['/', '/search?q=%E7%85%A4%E7%82%AD', '/stats', '/apartments/1', '/platforms/1']) {
        const res = (await page.goto(session.server.baseUrl + path))!;
        expect(res.headers()['content-encoding'], path).toMatch(/^(gzip|br|deflate)$/);
        expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
        expect(await accessibilityProblems(page), path).toEqual([]);
      }
    }),
  );

  it.each(['phone', 'desktop'] as const)('when the English figures are read on a %s, then long county names are whole and thousands are grouped', (screen) =>
    visit('en', screen, async (page) => {
      await page.goto(`${session.server.baseUrl}/stats`);
      const cut = await page.locator('svg.bars').evaluateAll((svgs) =>
        svgs.flatMap((svg) => {
          const width = svg.getBoundingClientRect().right;
          return [...svg.querySelectorAll('text.bar-label tspan')].filter((t) => t.getBoundingClientRect().right > width + 0.5).map((t) => t.textContent);
        }),
      );
      expect(cut).toEqual([]);
      const labels = await page.locator('text.bar-label').evaluateAll((texts) => texts.map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')));
      expect(labels).toContain('Changji National Agricultural High-tech Demonstration Zone');
      await saveScreenshot(page, `stats-en-${screen}`);
      await page.goto(`${session.server.baseUrl}/`);
      const figures = await page.locator('.figure-value').allInnerTexts();
      expect(figures.filter((f) => /^\d{4,}$/.test(f))).toEqual([]);
      expect(figures.some((f) => /^\d{1,3}(,\d{3})+$/.test(f))).toBe(true);
    }),
  );

  it.each(LANG_SCREENS)('when a page past the last is asked in %s on a %s, then the last page is shown with its results', (lang, screen) =>
    visit(lang, screen, async (page) => {
      await page.goto(`${session.server.baseUrl}/search?collection=platforms&page=999`);
      const last = Math.ceil((await resultCount(page)) / 20);
      expect(new URL(page.url()).searchParams.get('page')).toBe(String(last));
      expect(await page.locator('ol.hits > li').count()).toBeGreaterThan(0);
      expect(await page.locator('.empty').count()).toBe(0);
    }),
  );

  it.each(['zh', 'en'] as const)('when a bad parameter or a missing page is asked in %s, then the error page speaks the page language and is titled by what happened', (lang) =>
    visit(lang, 'desktop', async (page) => {
      const t = translator(lang);
      await page.goto(`${session.server.baseUrl}/search?county=atlantis`);
      const detail = await page.locator('.error-details').innerText();
      expect(detail).toContain('county');
      if (lang === 'zh') expect(detail).toMatch(/没有代码 "atlantis"；可选：changji/);
      else expect(detail).toContain('unknown code');
      await page.goto(`${session.server.baseUrl}/nowhere`);
      expect(await page.title()).toBe(`${t('common.error.404')} · ${t('common.siteName')}`);
      expect(await page.locator('h1').innerText()).toBe(t('common.error.404'));
      await page.goto(`${session.server.baseUrl}/admin/login`);
      expect(await page.title()).toBe(`${t('admin.login.title')} · ${t('common.siteName')} · ${lang === 'zh' ? '管理后台' : 'Back office'}`);
      expect(await accessibilityProblems(page)).toEqual([]);
    }),
  );
});
