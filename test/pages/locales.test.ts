import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../server/i18n/i18n.js';
import { LOCALES_DIR, VIEWS_DIR } from '../../server/core/paths.js';

function keysOf(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function localeFiles(): string[] {
  return [...new Set(LANGS.flatMap((lang) => readdirSync(join(LOCALES_DIR, lang)).filter((f) => f.endsWith('.json'))))].sort();
}

function templates(dir = VIEWS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templates(join(dir, e.name)) : e.name.endsWith('.ejs') ? [join(dir, e.name)] : []));
}

/** The text a template writes itself: EJS tags, comments and markup removed. */
function literalText(source: string): string {
  return source
    .replace(/<%[\s\S]*?%>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, (svg) => svg.replace(/<(path|rect)[^>]*>/g, ' '))
    .replace(/<[^>]*>/g, ' ');
}

/** Attributes people read (labels, titles, placeholders) must come from the locale files too. */
function literalAttributes(source: string): string[] {
  const outsideEjs = source.replace(/<%[\s\S]*?%>/g, '');
  return [...outsideEjs.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]+)"/g)].map((m) => m[1]!);
}

describe('locale files', () => {
  it.each(localeFiles())('when %s is read in Chinese and English, then both have the same keys', (file) => {
    const [zh, en] = LANGS.map((lang) => keysOf(JSON.parse(readFileSync(join(LOCALES_DIR, lang, file), 'utf8'))).sort());
    expect(en).toEqual(zh);
  });

  it('when a locale string is empty, then the test names it', () => {
    const empty = LANGS.flatMap((lang) =>
      localeFiles().flatMap((file) => {
        const flat = JSON.parse(readFileSync(join(LOCALES_DIR, lang, file), 'utf8'));
        return keysOf(flat).filter((k) => k.split('.').reduce((o: any, p) => o[p], flat) === '').map((k) => `${lang}/${file}: ${k}`);
      }),
    );
    expect(empty).toEqual([]);
  });
});

describe('templates of the public site', () => {
  const site = templates().filter((f) => !relative(VIEWS_DIR, f).startsWith('admin'));

  it.each(site.map((f) => relative(VIEWS_DIR, f)))('when %s is read, then it writes no interface text of its own', (file) => {
    const source = readFileSync(join(VIEWS_DIR, file), 'utf8');
    const words = literalText(source).match(/[A-Za-z\u3400-\u9fff]+/g) ?? [];
    expect(words).toEqual([]);
    expect(literalAttributes(source)).toEqual([]);
  });

  it.each(site.map((f) => relative(VIEWS_DIR, f)))('when %s is read, then it has no inline script or style', (file) => {
    const source = readFileSync(join(VIEWS_DIR, file), 'utf8');
    expect(source).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(source).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});
