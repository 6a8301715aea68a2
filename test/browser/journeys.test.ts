import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator, type Lang } from '../../server/i18n/i18n.js';
import { launchBrowser, startServer, type RunningServer } from '../helpers/browser.js';
import { andWaitForResults, hasCodes, hitIds, resultCount, watchErrors } from './browser-support.js';

/**
 * The three errands a newcomer must be able to run, in both languages, on a phone and on a desktop:
 * a research partner for cotton seed breeding, a free apartment in Qitai, an academician in coal chemistry.
 */
const DEVICES = {
  phone: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 } },
} as const;
type Device = keyof typeof DEVICES;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh visitor whose browser prefers `lang`, on `device`; the test fails on any script error. */
async function visitor(lang: Lang, device: Device, errand: (page: Page, t: ReturnType<typeof translator>) => Promise<void>): Promise<void> {
  const context: BrowserContext = await browser.newContext({ ...DEVICES[device], locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(server.baseUrl + '/');
    expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
    await errand(page, translator(lang));
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

/** On a phone the filters start folded away; a visitor opens them first. */
async function openFilters(page: Page): Promise<void> {
  const filters = page.locator('details[data-filters]');
  if (!(await filters.evaluate((d) => (d as unknown as { open: boolean }).open))) await filters.locator('summary').click();
}

/** On a phone the open filters cover the results; "show N results" closes them at the results. */
async function showResults(page: Page): Promise<void> {
  const button = page.locator('[data-show-results]');
  if (await button.isVisible()) await button.click();
}

function listingOf(id: string) {
  const [collection, n] = id.split('/');
  return server.ctx.listings.get(collection!, Number(n))!;
}

async function pageText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

async function findCottonBreedingPartner(page: Page, t: ReturnType<typeof translator>, lang: Lang): Promise<void> {
  const box = page.getByRole('searchbox', { name: t('site.search.label') });
  await box.fill(lang === 'zh' ? '棉花 育种' : 'cotton seed breeding');
  await box.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  expect(await resultCount(page)).toBeGreaterThan(0);
  const [first] = await hitIds(page);
  expect(['platforms', 'institutions', 'experts']).toContain(first!.split('/')[0]);
  await page.locator('ol.hits .card-title a').first().click();
  await page.waitForURL(new RegExp(`/${first}$`));
  const text = await pageText(page);
  expect(text.includes(t('vocab.field.cotton')) || text.includes(t('vocab.field.seed-industry'))).toBe(true);

  await page.getByLabel(t('site.contact.field.name')).fill(lang === 'zh' ? '赵经理' : 'Alex Zhao');
  await page.getByLabel(t('site.contact.field.organisation')).fill(lang === 'zh' ? '昌吉棉种公司' : 'Changji Cotton Seed Co.');
  await page.getByLabel(t('site.contact.field.contact')).fill('zhao@example.com');
  await page.getByLabel(t('site.contact.field.message')).fill(lang === 'zh' ? '我们希望合作选育抗旱棉花新品种。' : 'We would like to breed a drought-resistant cotton variety together.');
  await page.getByRole('button', { name: t('site.contact.submit') }).click();
  await page.waitForURL(/sent=1/);
  expect(await page.getByRole('status').filter({ hasText: t('site.contact.sentTitle') }).isVisible()).toBe(true);
}

async function findFreeApartmentInQitai(page: Page, t: ReturnType<typeof translator>): Promise<void> {
  await page.getByRole('link', { name: t('site.nav.housing'), exact: true }).click();
  await page.waitForURL(/collection=apartments/);
  await openFilters(page);
  const qitai = page.getByRole('checkbox', { name: new RegExp(`^${t('vocab.county.qitai')} \\d+$`) });
  await andWaitForResults(page, (p) => hasCodes(p, 'county', ['qitai']), () => qitai.check());
  await andWaitForResults(page, (p) => p.get('available') === 'true', () => page.getByRole('checkbox', { name: t('site.search.availableOnly') }).check());
  await showResults(page);
  const ids = await hitIds(page);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(listingOf(id)).toMatchObject({ collection: 'apartments', county: 'qitai', monthlyRent: 0 });
  for (const id of ids) expect(Number(listingOf(id).availableUnits)).toBeGreaterThan(0);
  await page.locator('ol.hits .card-title a').first().click();
  await page.waitForURL(new RegExp(`/${ids[0]}$`));
  const text = await pageText(page);
  expect(text).toContain(t('site.unit.rentFree'));
  expect(text).toContain(t('vocab.county.qitai'));
}

async function findCoalChemistryAcademician(page: Page, t: ReturnType<typeof translator>): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^${t('vocab.field.coal-chemistry')} \\d+$`) }).click();
  await page.waitForURL(/field=coal-chemistry/);
  await openFilters(page);
  const academician = page.getByRole('checkbox', { name: new RegExp(`^${t('vocab.category.academician')} \\d+$`) });
  await andWaitForResults(page, (p) => hasCodes(p, 'category', ['academician']), () => academician.check());
  await showResults(page);
  const ids = await hitIds(page);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(listingOf(id)).toMatchObject({ collection: 'experts', category: 'academician', fields: expect.arrayContaining(['coal-chemistry']) });
  await page.locator('ol.hits .card-title a').first().click();
  await page.waitForURL(new RegExp(`/${ids[0]}$`));
  const text = await pageText(page);
  expect(text).toContain(t('vocab.category.academician'));
  expect(text).toContain(t('vocab.field.coal-chemistry'));
  expect(await page.getByRole('heading', { name: t('site.contact.title') }).isVisible()).toBe(true);
}

describe('a newcomer runs the three errands', { timeout: 90_000 }, () => {
  it.each([
    ['zh', 'desktop'],
    ['en', 'phone'],
  ] as const)('when a research partner for cotton seed breeding is sought in %s on a %s, then one is found and asked', (lang, device) =>
    visitor(lang, device, (page, t) => findCottonBreedingPartner(page, t, lang)),
  );

  it.each([
    ['zh', 'phone'],
    ['en', 'desktop'],
  ] as const)('when a free apartment in Qitai is sought in %s on a %s, then only free housing in Qitai is listed', (lang, device) =>
    visitor(lang, device, findFreeApartmentInQitai),
  );

  it.each([
    ['en', 'desktop'],
    ['zh', 'phone'],
  ] as const)('when an academician in coal chemistry is sought in %s on a %s, then one is found', (lang, device) =>
    visitor(lang, device, findCoalChemistryAcademician),
  );
});
