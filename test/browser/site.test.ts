import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type RunningServer } from '../helpers/browser.js';
import { andWaitForResults, hasCodes, hitIds, resultCount, watchErrors } from './browser-support.js';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  errors = watchErrors(page);
});
afterEach(async () => {
  expect(errors).toEqual([]);
  await context.close();
});

function county(listingId: string): string {
  const [collection, id] = listingId.split('/');
  return server.ctx.listings.get(collection!, Number(id))!.county;
}

describe('public site in a browser', { timeout: 60_000 }, () => {
  it('when a query is typed, then results appear without pressing a button, with the words highlighted', async () => {
    await page.goto(`${server.baseUrl}/search`);
    const all = await resultCount(page);
    await andWaitForResults(page, (p) => p.get('q') === '棉花', () => page.getByRole('searchbox', { name: '搜索平台、院所、专家和住房' }).pressSequentially('棉花', { delay: 30 }));
    const found = await resultCount(page);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(all);
    await expect.poll(() => page.locator('ol.hits mark').count()).toBeGreaterThan(0);
    expect(await page.locator('ol.hits mark').first().innerText()).toMatch(/棉|花/);
    expect(await page.getByRole('searchbox').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  });

  it('when two facet values are picked, then counts and results follow, and clearing a chip undoes one', async () => {
    await page.goto(`${server.baseUrl}/search?collection=apartments`);
    const housing = await resultCount(page);
    const qitaiBox = page.getByRole('checkbox', { name: /奇台县/ });
    await andWaitForResults(page, (p) => hasCodes(p, 'county', ['qitai']), () => qitaiBox.check());
    const qitai = await resultCount(page);
    expect(qitai).toBeLessThan(housing);
    expect(new Set((await hitIds(page)).map(county))).toEqual(new Set(['qitai']));
    // Disjunctive: the county facet still offers Changji with its own count while Qitai is picked.
    const changjiLabel = await page.locator('label[for="f-county-changji"] .count').innerText();
    await andWaitForResults(page, (p) => hasCodes(p, 'county', ['qitai', 'changji']), () => page.getByRole('checkbox', { name: /昌吉市/ }).check());
    const both = await resultCount(page);
    expect(both).toBe(qitai + Number(changjiLabel));
    expect(new Set((await hitIds(page)).map(county))).toEqual(new Set(['qitai', 'changji']));

    const chip = page.getByRole('link', { name: '移除条件：县市、园区：奇台县' });
    await chip.click();
    await page.waitForURL((url) => url.searchParams.get('county') === 'changji');
    expect(await resultCount(page)).toBe(Number(changjiLabel));
    expect(await page.getByRole('checkbox', { name: /奇台县/ }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: /昌吉市/ }).isChecked()).toBe(true);
  });

  it('when a result is opened, then its page leads on to a related listing', async () => {
    await page.goto(`${server.baseUrl}/search?collection=platforms&field=coal-chemistry`);
    const first = page.locator('ol.hits .card-title a').first();
    const name = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL(/\/platforms\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(name);
    const related = page.locator('section.related').filter({ hasText: '同领域的专家' }).locator('.card-title a').first();
    const relatedName = (await related.innerText()).trim();
    await related.click();
    await page.waitForURL(/\/experts\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(relatedName);
  });

  it('when the language is switched, then the same page reads in English and stays English', async () => {
    await page.goto(`${server.baseUrl}/search?collection=experts&category=academician`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Search');
    expect(await page.getByRole('checkbox', { name: /^Academician \d+$/ }).isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Figures' }).first().click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Figures');
    await page.getByRole('link', { name: '中文' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('数据统计');
  });

  it('when a contact request is sent, then the page confirms it and staff have it', async () => {
    const before = server.ctx.inquiries.counts().new;
    await page.goto(`${server.baseUrl}/institutions/1`);
    await page.getByRole('link', { name: '发送合作请求' }).first().click();
    await page.getByLabel('您的姓名').fill('王经理');
    await page.getByLabel('单位名称').fill('昌吉某种业公司');
    await page.getByLabel('电话或电子邮箱').fill('0994-1234567');
    await page.getByLabel('合作需求').fill('希望与贵校合作开展棉花种子育种研究。');
    await page.getByRole('button', { name: '发送请求' }).click();
    await page.waitForURL(/sent=1/);
    expect(await page.getByRole('status').filter({ hasText: '请求已发送' }).isVisible()).toBe(true);
    expect(server.ctx.inquiries.counts().new).toBe(before + 1);
  });

  it('when a contact request is incomplete, then the errors stand beside the fields and the typing is kept', async () => {
    await page.goto(`${server.baseUrl}/experts/1`);
    await page.getByLabel('您的姓名').fill('张');
    await page.getByLabel('合作需求').fill('太短');
    await page.getByRole('button', { name: '发送请求' }).click();
    await page.waitForURL(/\/experts\/1\/contact#form-errors$/);
    expect(await page.locator('#field-contact-error').innerText()).toBe('此项必填');
    expect(await page.locator('#field-message-error').innerText()).toBe('至少 10 个字');
    expect(await page.getByLabel('您的姓名').inputValue()).toBe('张');
    expect(await page.getByLabel('合作需求').inputValue()).toBe('太短');
  });

  it('when JavaScript is off, then the search form still filters by submitting', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const p = await noJs.newPage();
    await p.goto(`${server.baseUrl}/search`);
    await p.getByRole('checkbox', { name: /人才住房/ }).check();
    await p.getByRole('checkbox', { name: /只看有空闲房源/ }).check();
    await p.getByRole('button', { name: '应用筛选' }).click();
    await p.waitForURL(/collection=apartments/);
    expect(new URL(p.url()).searchParams.get('available')).toBe('true');
    expect(await p.locator('ol.hits li').count()).toBeGreaterThan(0);
    await noJs.close();
  });
});
