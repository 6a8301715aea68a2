/** Interface strings in Chinese and English, read from `locales/<lang>/*.json`, and the language of a request. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import { fillParams } from '../core/messages.js';
import { LOCALES_DIR } from '../core/paths.js';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_COOKIE = 'lang';

type Messages = Record<string, string>;

function flatten(obj: Record<string, unknown>, prefix = '', out: Messages = {}): Messages {
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') flatten(value as Record<string, unknown>, path, out);
    else out[path] = String(value);
  }
  return out;
}

function loadLang(lang: Lang, dir: string): Messages {
  const merged: Messages = {};
  for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json')).sort()) {
    const name = file.replace(/\.json$/, '');
    Object.assign(merged, flatten(JSON.parse(readFileSync(join(dir, lang, file), 'utf8')), name));
  }
  return merged;
}

const MESSAGES: Record<Lang, Messages> = { zh: loadLang('zh', LOCALES_DIR), en: loadLang('en', LOCALES_DIR) };

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** A translator for one language; a missing key falls back to the other language, then to the key itself. */
export function translator(lang: Lang): Translate {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return (key, vars) => {
    const text = MESSAGES[lang][key] ?? MESSAGES[other][key] ?? key;
    return vars ? fillParams(text, vars) : text;
  };
}

/** Every key of a language (for the test that both languages have the same keys). */
export function messageKeys(lang: Lang): string[] {
  return Object.keys(MESSAGES[lang]);
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Chinese first: English only when the browser prefers it over Chinese. */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'zh';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

const ENGLISH_NUMBERS = new Intl.NumberFormat('en-US');

/**
 * Figures as each language writes them: English groups thousands (1,650); Chinese text writes them as they are,
 * as the report does (1600余套).
 */
export function numberFormatter(lang: Lang): (n: number) => string {
  return lang === 'en' ? (n) => ENGLISH_NUMBERS.format(n) : (n) => String(n);
}

/** Picks the language (`?lang=`, kept in a cookie, else Accept-Language) and puts `lang` and `t` in the view locals. */
export function languageMiddleware(): RequestHandler {
  return (req, res, next) => {
    const query = req.query.lang;
    let lang: Lang;
    if (isLang(query)) {
      lang = query;
      res.cookie(LANG_COOKIE, lang, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true });
    } else if (isLang(req.cookies?.[LANG_COOKIE])) {
      lang = req.cookies[LANG_COOKIE];
    } else {
      lang = langFromAcceptLanguage(req.get('accept-language'));
    }
    res.locals.lang = lang;
    res.locals.t = translator(lang);
    res.locals.num = numberFormatter(lang);
    next();
  };
}
