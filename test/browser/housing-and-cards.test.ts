import { describe, expect, it } from 'vitest';
import { translator } from '../../server/i18n/i18n.js';
import { saveScreenshot } from '../helpers/browser.js';
import { accessibilityProblems, LANG_SCREENS } from './a11y.js';
import { browserSession, hitIds } from './browser-support.js';

/** A recruiter sorts housing by free units and asks for some; a reader of one language sees why a listing of the other matched. */
const session = browserSession();
const { visit } = session;

function freeUnits(id: string): number {
  const [collection, n] = id.split('/');
  return Number(session.server.ctx.listings.get(collection!, Number(n))!.availableUnits);
}

/** A day `days` from today in Beijing, as a date input takes it. */
function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('housing a recruiter can act on', { timeout: 90_000 }, () => {
  it.each(LANG_SCREENS)('when housing is sorted by free units and one is asked for in %s on a %s, then the request reaches the inbox with its units and date', (lang, screen) =>
    visit(lang, screen, async (page) => {
      const t = translator(lang);
      await page.goto(`${session.server.baseUrl}/search?collection=apartments&county=changji`);
      await Promise.all([page.waitForURL(/sort=free-units/), page.locator('#sort').selectOption('free-units')]);
      await page.locator('#live-results:not([aria-busy])').waitFor();
      const ids = await hitIds(page);
      const units = ids.map(freeUnits);
      expect(units.length).toBeGreaterThan(2);
      expect(units).toEqual([...units].sort((a, b) => b - a));

      await page.locator('ol.hits .card-title a').first().click();
      await page.waitForURL(new RegExp(`/${ids[0]}$`));
      expect(await page.getByRole('heading', { name: t('site.apply.title') }).isVisible()).toBe(true);
      expect(await page.locator('section#apply').innerText()).toContain(t('site.apply.who'));
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByRole('link', { name: t('site.contact.housingTitle') }).click();

      const arrival = beijingDay(30);
      await page.getByLabel(t('site.contact.field.name')).fill(lang === 'zh' ? '刘主任' : 'Director Liu');
      await page.getByLabel(t('site.contact.field.organisation')).fill(lang === 'zh' ? '准东某化工企业' : 'A Zhundong chemical firm');
      await page.getByLabel(t('site.contact.field.contact')).fill('hr@example.com');
      await page.getByLabel(t('site.contact.field.unitsWanted')).fill('2');
      await page.getByLabel(t('site.contact.field.arrival')).fill(arrival);
      await page.getByLabel(t('site.contact.field.housingMessage')).fill(lang === 'zh' ? '两名引进的工程师及家属，预计入住一年。' : 'Two recruited engineers and their families, for about a year.');
      await page.getByRole('button', { name: t('site.contact.housingSubmit') }).click();
      await page.waitForURL(/sent=1/);
      expect(await page.getByRole('status').filter({ hasText: t('site.contact.housingSentTitle') }).isVisible()).toBe(true);
      await saveScreenshot(page, `housing-request-${lang}-${screen}`);

      const [collection, id] = ids[0]!.split('/');
      const stored = session.server.ctx.inquiries.list({ page: 1, perPage: 1 }).items[0]!;
      expect(stored).toMatchObject({ kind: 'housing', collection, listingId: Number(id), unitsWanted: 2, arrival, contact: 'hr@example.com' });
    }),
  );

  it.each([
    ['zh', 'phone'],
    ['en', 'desktop'],
  ] as const)('when the arrival date is in the past in %s on a %s, then the request is refused with the date named', (lang, screen) =>
    visit(lang, screen, async (page) => {
      const t = translator(lang);
      await page.goto(`${session.server.baseUrl}/apartments/2`);
      await page.getByLabel(t('site.contact.field.name')).fill('Liu');
      await page.getByLabel(t('site.contact.field.contact')).fill('hr@example.com');
      await page.getByLabel(t('site.contact.field.unitsWanted')).fill('1');
      await page.getByLabel(t('site.contact.field.arrival')).fill(beijingDay(-3));
      await page.getByLabel(t('site.contact.field.housingMessage')).fill('One engineer, for about a year.');
      await page.getByRole('button', { name: t('site.contact.housingSubmit') }).click();
      await page.locator('#form-errors').waitFor();
      expect(await page.locator('#form-errors').innerText()).toContain(`${t('site.contact.field.arrival')}: ${t('site.contact.error.past')}`);
      expect(await page.locator('#field-arrival-error').innerText()).toBe(t('site.contact.error.past'));
    }),
  );
});

describe('cards in two languages', { timeout: 90_000 }, () => {
  // 荒漠 (desert) has no English synonym: the English text of some of its hits holds no match of it.
  it.each(['phone', 'desktop'] as const)('when 荒漠 is searched in English on a %s, then cards show the Chinese name as a second line with the match marked', (screen) =>
    visit('en', screen, async (page) => {
      await page.goto(`${session.server.baseUrl}/search?q=${encodeURIComponent('荒漠')}`);
      const others = page.locator('ol.hits .card-other[lang="zh-CN"]');
      expect(await others.count()).toBeGreaterThan(0);
      expect(await others.first().locator('mark').count()).toBeGreaterThan(0);
      expect((await others.first().locator('mark').allInnerTexts()).join('')).toMatch(/荒漠/);
      const first = page.locator('ol.hits .card').filter({ has: others.first() });
      expect(await first.locator('.card-title mark').count()).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      await saveScreenshot(page, `bilingual-cards-en-${screen}`);
    }),
  );

  it.each(['phone', 'desktop'] as const)('when an English word is searched in Chinese on a %s, then cards show the English name as a second line with the match marked', (screen) =>
    visit('zh', screen, async (page) => {
      await page.goto(`${session.server.baseUrl}/search?q=laboratory`);
      const others = page.locator('ol.hits .card-other[lang="en"]');
      expect(await others.count()).toBeGreaterThan(0);
      expect((await others.first().locator('mark').allInnerTexts()).map((m) => m.toLowerCase())).toContain('laboratory');
      expect(await accessibilityProblems(page)).toEqual([]);
    }),
  );
});
