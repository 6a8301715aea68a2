import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, startServer, type RunningServer } from '../helpers/browser.js';
import { watchErrors } from './browser-support.js';
import { LOW_CONTRAST_SCRIPT } from './contrast.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PAGES = {
  home: '/',
  search: '/search?q=%E6%A3%89%E8%8A%B1&collection=platforms,experts',
  listing: '/experts/1',
  stats: '/stats',
  housing: '/apartments/1',
} as const;

describe('layout in a browser', { timeout: 90_000 }, () => {
  it.each([360, 375, 390, 768, 1280, 1366, 1920])('when the window is %i px wide, then no page scrolls sideways', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    for (const path of Object.values(PAGES)) {
      await page.goto(server.baseUrl + path);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when the keyboard is used, then the skip link comes first, shows itself and leads to the content', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.baseUrl + '/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到正文' });
    expect(await skip.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
    await context.close();
  });

  it('when a link has keyboard focus, then it shows a visible outline', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.baseUrl + '/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate<{ style: string; width: number }>(
      '(() => { const s = getComputedStyle(document.activeElement); return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) }; })()',
    );
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('when any page is read, then all its text has enough contrast against its background', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    for (const path of [...Object.values(PAGES), '/search?collection=apartments&level=national', '/nowhere']) {
      await page.goto(server.baseUrl + path);
      await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
      expect(await page.evaluate<string[]>(LOW_CONTRAST_SCRIPT), path).toEqual([]);
    }
    await context.close();
  });

  it('when home, search and a listing are shown at 1366 and 390 px, then screenshots are kept as artifacts', async () => {
    for (const width of [1366, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const name of ['home', 'search', 'listing'] as const) {
        await page.goto(server.baseUrl + PAGES[name]);
        const path = await saveScreenshot(page, `${name}-${width}`);
        expect(path).toMatch(new RegExp(`artifacts/screenshots/${name}-${width}\\.png$`));
      }
      await context.close();
    }
  });
});
