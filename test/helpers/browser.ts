/** A real server on a temporary seeded database and a headless Chromium, for browser tests. */
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../server/core/paths.js';
import type { AppContext } from '../../server/context.js';
import { createTestApp } from './context.js';

export interface RunningServer {
  baseUrl: string;
  ctx: AppContext;
  close(): Promise<void>;
}

/** Debian's chromium package; `.ci/run` installs it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots are test artifacts, kept out of git. */
export const SCREENSHOT_DIR = join(ROOT, 'artifacts', 'screenshots');

/** Starts the app in process on 127.0.0.1 and a free port, on a fresh seeded database. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const test = await createTestApp(env);
  const server = test.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ctx: test.ctx,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await test.close();
    },
  };
}

/** A headless Chromium that never reaches out to the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Saves a full-page screenshot as `artifacts/screenshots/<name>.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
