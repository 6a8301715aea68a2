/** Steps the public-site browser tests share: waiting for the live search, reading counts, catching page errors. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Lang } from '../../server/i18n/i18n.js';
import { launchBrowser, startServer, type RunningServer } from '../helpers/browser.js';
import { SCREENS, type Screen } from './a11y.js';

/** The number in the result heading ("共 N 条结果" / "N results"). */
export async function resultCount(page: Page): Promise<number> {
  const text = await page.locator('#results-title').innerText();
  return Number(/\d+/.exec(text)![0]);
}

/** Runs `action` and waits until the live search has swapped in the answer for a URL that satisfies `wanted`. */
export async function andWaitForResults(page: Page, wanted: (params: URLSearchParams) => boolean, action: () => Promise<void>): Promise<void> {
  const matches = (url: string | URL) => wanted(new URL(url).searchParams);
  const answered = page.waitForResponse((res) => res.request().resourceType() === 'fetch' && matches(res.url()));
  await action();
  await answered;
  // A locator rather than waitForFunction: the page's CSP forbids the eval that a polled function needs.
  await page.locator('#live-results:not([aria-busy])').waitFor();
  await page.waitForURL(matches);
}

/** True when `param` holds exactly these codes, in any order. */
export function hasCodes(params: URLSearchParams, param: string, codes: string[]): boolean {
  const got = (params.get(param) ?? '').split(',').filter(Boolean).sort();
  return got.join(',') === [...codes].sort().join(',');
}

/** Collects script errors, console errors and CSP violations of a page, so a test can insist on none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A 4xx answer the test asked for is logged by the browser as a failed load; the test checks statuses itself.
    if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
      errors.push(`console: ${msg.text()}`);
    }
  });
  return errors;
}

/** The rendered value of the result's listing ids, as "collection/id". */
export async function hitIds(page: Page): Promise<string[]> {
  const hrefs = await page.locator('ol.hits .card-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.slice(1));
}

/** A file's server and Chromium, started before its tests and closed after them, and a way to visit pages. */
export interface BrowserSession {
  /** The running server (set once the file's tests start). */
  readonly server: RunningServer;
  /** Runs `run` in a new page at the screen and language given, and checks that the page raised no error. */
  visit(lang: Lang, screen: Screen, run: (page: Page) => Promise<void>): Promise<void>;
}

/** Starts a server (with `env`) and Chromium for the test file that calls it, and closes them after its tests. */
export function browserSession(env: Record<string, string> = {}): BrowserSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    async visit(lang, screen, run) {
      const context = await browser!.newContext({ ...SCREENS[screen], locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
      const page = await context.newPage();
      const errors = watchErrors(page);
      try {
        await run(page);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  };
}
