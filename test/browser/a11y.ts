/** Accessibility checks run inside a page: axe-core's rules, and our own checks of names, references, ids and contrast. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { LOW_CONTRAST_SCRIPT } from './contrast.js';

/** axe-core itself, evaluated in the page (evaluation is not subject to the page's script policy). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_RUN = `(async () => {
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map((v) => 'axe ' + v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', '));
})()`;

/** The two screens every errand is tried on. */
export const SCREENS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 },
} as const satisfies Record<string, BrowserContextOptions>;
export type Screen = keyof typeof SCREENS;

/** Every combination of language and screen, for `it.each`. */
export const LANG_SCREENS = [
  ['zh', 'phone'],
  ['zh', 'desktop'],
  ['en', 'phone'],
  ['en', 'desktop'],
] as const;

/**
 * The rules axe reports most on forms and pages like these: a control without an accessible name, a link or
 * button without text, a reference (`for`, `aria-describedby`, `aria-labelledby`, `aria-controls`, an in-page
 * link) to no element, an id given twice, an image without `alt`, a page without `lang` or `<title>`.
 */
const STRUCTURE_SCRIPT = `(() => {
  const out = [];
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim();
  const byId = (id) => document.getElementById(id);
  const named = (el) => {
    if (el.getAttribute('aria-label')) return true;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(/\\s+/).every((id) => byId(id) && text(byId(id)))) return true;
    if (el.labels && [...el.labels].some((l) => text(l))) return true;
    if (el.closest('label') && text(el.closest('label'))) return true;
    if (el.getAttribute('title')) return true;
    if ((el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY') && text(el)) return true;
    if (el.tagName === 'INPUT' && ['submit', 'button'].includes(el.type) && el.value) return true;
    return false;
  };
  if (!document.documentElement.lang) out.push('html without lang');
  if (!document.title.trim()) out.push('page without title');
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, n] of ids) if (n > 1) out.push('duplicate id ' + id);
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], summary')) {
    if (el.closest('[aria-hidden=true]') || !visible(el)) continue;
    if (!named(el)) out.push('no accessible name: ' + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby], [aria-controls], label[for]')) {
    const refs = [el.getAttribute('aria-describedby'), el.getAttribute('aria-labelledby'), el.getAttribute('aria-controls'), el.getAttribute('for')]
      .filter(Boolean).join(' ').split(/\\s+/).filter(Boolean);
    for (const id of refs) if (!byId(id)) out.push('reference to missing id ' + id);
  }
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (id && !byId(id)) out.push('in-page link to missing id ' + id);
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) out.push('img without alt');
  for (const el of document.querySelectorAll('[role=img]')) if (!named(el)) out.push('role=img without a name');
  return out;
})()`;

/** Every violation the checks find on the page as it is now (filters and tables shown as they are). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const structure = await page.evaluate<string[]>(STRUCTURE_SCRIPT);
  const contrast = await page.evaluate<string[]>(LOW_CONTRAST_SCRIPT);
  if (!(await page.evaluate<boolean>('typeof axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const axe = await page.evaluate<string[]>(AXE_RUN);
  return [...axe, ...structure, ...contrast.map((c) => `low contrast: ${c}`)];
}

/** How far the page scrolls sideways (0 when it fits its window). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** The id of the focused element ('' for the body). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
}
