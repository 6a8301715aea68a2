import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/i18n.js';
import { saveScreenshot } from '../helpers/browser.js';
import { accessibilityProblems, focusedId, LANG_SCREENS } from './a11y.js';
import { andWaitForResults, browserSession, hasCodes, resultCount } from './browser-support.js';

/** Filtering on a phone, and live search while an input method composes a word. */
const session = browserSession();
const { visit } = session;

/** The number on the "show N results" button. */
async function buttonCount(page: Page): Promise<number> {
  return Number(((await page.locator('[data-show-results]').textContent()) ?? '').replace(/[^\d]/g, ''));
}

async function apiTotal(query: string): Promise<number> {
  const res = await fetch(`${session.server.baseUrl}/api/search?${query}`);
  return ((await res.json()) as { total: number }).total;
}

describe('filters on a phone', { timeout: 90_000 }, () => {
  it.each(['zh', 'en'] as const)('when a value is tapped in %s, then the count in the sticky button follows without moving the page, and the button closes the panel at the results', (lang) =>
    visit(lang, 'phone', async (page) => {
      const t = translator(lang);
      await page.goto(`${session.server.baseUrl}/search?collection=apartments`);
      const filters = page.locator('details[data-filters]');
      expect(await filters.getAttribute('open')).toBeNull();
      await filters.locator('summary').click();
      const panel = (await filters.boundingBox())!;
      expect(panel).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
      const button = page.locator('[data-show-results]');
      const before = (await button.boundingBox())!;
      expect(before.y + before.height).toBeLessThanOrEqual(844);
      expect(await buttonCount(page)).toBe(await apiTotal('collection=apartments'));

      const qitai = page.getByRole('checkbox', { name: new RegExp(`^${t('vocab.county.qitai')} \\d+$`) });
      await qitai.scrollIntoViewIfNeeded();
      const boxBefore = (await qitai.boundingBox())!;
      const rowHeight = await qitai.evaluate((el) => el.closest('li')!.getBoundingClientRect().height);
      expect(rowHeight).toBeGreaterThanOrEqual(44);
      expect(boxBefore.height).toBeGreaterThanOrEqual(24);
      await andWaitForResults(page, (p) => hasCodes(p, 'county', ['qitai']), () => qitai.tap());
      expect(await filters.getAttribute('open')).not.toBeNull();
      expect(await buttonCount(page)).toBe(await apiTotal('collection=apartments&county=qitai'));
      const boxAfter = (await page.getByRole('checkbox', { name: new RegExp(`^${t('vocab.county.qitai')} \\d+$`) }).boundingBox())!;
      expect(Math.abs(boxAfter.y - boxBefore.y)).toBeLessThanOrEqual(1);
      const after = (await button.boundingBox())!;
      expect(after.y + after.height).toBeLessThanOrEqual(844);
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, `phone-filters-open-${lang}`);

      await button.tap();
      expect(await filters.getAttribute('open')).toBeNull();
      const heading = (await page.locator('#results-title').boundingBox())!;
      expect(heading.y).toBeGreaterThanOrEqual(0);
      expect(heading.y).toBeLessThan(200);
      expect(await focusedId(page)).toBe('results-title');
      expect(await resultCount(page)).toBe(await buttonCount(page));
    }),
  );

  it.each(['zh', 'en'] as const)('when the filters are read on a desktop in %s, then they stand beside the results with the expert category after the collection', (lang) =>
    visit(lang, 'desktop', async (page) => {
      await page.goto(`${session.server.baseUrl}/search`);
      expect(await page.locator('details[data-filters]').getAttribute('open')).not.toBeNull();
      expect(await page.locator('[data-show-results]').isVisible()).toBe(false);
      const legends = await page.locator('fieldset.facet legend').allInnerTexts();
      const t = translator(lang);
      expect(legends.slice(0, 2)).toEqual([t('site.facet.collection'), t('site.facet.category')]);
      const rowHeight = await page.locator('fieldset.facet li').first().evaluate((el) => el.getBoundingClientRect().height);
      expect(rowHeight).toBeGreaterThanOrEqual(32);
      expect(await accessibilityProblems(page)).toEqual([]);
    }),
  );
});

describe('live search with an input method', { timeout: 90_000 }, () => {
  it.each(LANG_SCREENS)('when 煤化工 is composed in pinyin in %s on a %s, then nothing is searched until the word is committed, and then once', (lang, screen) =>
    visit(lang, screen, async (page) => {
      await page.goto(`${session.server.baseUrl}/search`);
      const sent: string[] = [];
      page.on('request', (req) => {
        if (req.resourceType() === 'fetch' && new URL(req.url()).pathname === '/search') sent.push(new URL(req.url()).searchParams.get('q') ?? '');
      });
      await page.locator('#q').focus();
      const cdp = await page.context().newCDPSession(page);
      for (const text of ['m', 'me', 'mei', 'mei h', 'mei hua', 'mei hua g', 'mei hua go', 'mei hua gong']) {
        await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
        await page.waitForTimeout(60);
      }
      await page.waitForTimeout(500);
      expect(sent).toEqual([]);
      await andWaitForResults(page, (p) => p.get('q') === '煤化工', () => cdp.send('Input.insertText', { text: '煤化工' }).then(() => undefined));
      await page.waitForTimeout(400);
      expect(sent).toEqual(['煤化工']);
      expect(await resultCount(page)).toBe(await apiTotal(`q=${encodeURIComponent('煤化工')}`));
      expect(await page.locator('#q').inputValue()).toBe('煤化工');
    }),
  );
});
