import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../admin/helpers.js';
import { launchBrowser, saveScreenshot, startServer, type RunningServer } from '../helpers/browser.js';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Asks the public search API until the index has caught up (or a few seconds have passed). */
async function searchIds(q: string): Promise<number[]> {
  let ids: number[] = [];
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${server.baseUrl}/api/search?q=${encodeURIComponent(q)}`);
    ids = ((await res.json()) as { hits: { id: number }[] }).hits.map((h) => h.id);
    if (ids.length) return ids;
    await new Promise((r) => setTimeout(r, 100));
  }
  return ids;
}

describe('editing a listing in the browser', () => {
  it('when staff sign in and correct an expert, then public search finds the correction', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('response', (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));

    await page.goto(`${server.baseUrl}/admin/listings/experts/1`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.baseUrl}/admin/listings/experts/1`);

    const name = await page.locator('h1').innerText();
    const summary = page.getByLabel('简介（英文）');
    await summary.fill(`${await summary.inputValue()} Now also advises on zeolitecatalyst design.`);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await saveScreenshot(page, 'admin-edit-saved');

    expect(await searchIds('zeolitecatalyst')).toEqual([1]);
    await page.goto(`${server.baseUrl}/search?q=zeolitecatalyst&lang=en`);
    await expect.poll(() => page.locator('main').innerText()).toContain(server.ctx.listings.get('experts', 1)!.nameEn);
    expect(name).toBe(server.ctx.listings.get('experts', 1)!.name);
    expect(errors).toEqual([]);
    await page.close();
  });
});
