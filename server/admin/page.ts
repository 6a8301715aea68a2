/** What every back-office page shares: no caching, the CSRF token, flash messages and the navigation. */
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { csrfToken } from '../auth/session.js';
import { editableFields } from '../collections/define.js';
import { COLLECTIONS } from '../collections/registry.js';
import { coded } from '../core/messages.js';
import { VOCAB_LABEL_GROUP } from '../collections/vocab.js';
import { parseOrThrow } from '../core/validate.js';
import type { Translate } from '../i18n/i18n.js';
import { fieldLabel } from './messages.js';
import { officeDate, officeTime } from './office-time.js';

declare module 'express-session' {
  interface SessionData {
    /** A message shown once on the next page (after a redirect). */
    flash?: { key: string; vars?: Record<string, string | number> };
  }
}

/** Staff pages hold unpublished and personal data: no browser or proxy may keep a copy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** Leaves a message (an `admin.flash.*` key) for the next page. */
export function setFlash(req: Request, key: string, vars?: Record<string, string | number>): void {
  req.session.flash = { key, ...(vars ? { vars } : {}) };
}

/** A value as a cell of a table shows it: lists joined, nothing for null. */
export function showValue(value: unknown): string {
  if (value == null) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Fields whose stored values are codes, by the label group (`vocab.<group>.<code>`) that names them. */
const CODE_GROUPS: Record<string, string> = {
  collection: 'collection',
  ...Object.fromEntries(
    COLLECTIONS.flatMap((def) => editableFields(def)).flatMap(([key, spec]) => (spec.type === 'code' || spec.type === 'codes' ? [[key, VOCAB_LABEL_GROUP[spec.vocab]]] : [])),
  ),
  source: 'source',
  status: 'status',
};

/** A field's value as staff read it: codes by their labels, yes and no for flags, the rest as `showValue`. */
export function showField(name: string, value: unknown, t: Translate): string {
  const group = CODE_GROUPS[name];
  const label = (code: unknown) => {
    const key = `vocab.${group}.${String(code)}`;
    const text = t(key);
    return text === key ? String(code) : text;
  };
  if ((name === 'createdAt' || name === 'updatedAt') && typeof value === 'string') return officeTime(value);
  if (group && typeof value === 'string') return label(value);
  if (group && Array.isArray(value)) return value.map(label).join(t('admin.listSeparator'));
  if (typeof value === 'boolean') return t(value ? 'admin.yes' : 'admin.no');
  return showValue(value);
}

/** Puts the form token, the pending flash message and the navigation into the view locals. */
export const adminLocals: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = csrfToken(req);
  res.locals.flash = req.session.flash;
  delete req.session.flash;
  res.locals.collections = COLLECTIONS.map((def) => def.name);
  res.locals.path = req.originalUrl;
  res.locals.show = showValue;
  res.locals.showField = (name: string, value: unknown) => showField(name, value, res.locals.t);
  res.locals.time = officeTime;
  res.locals.day = officeDate;
  res.locals.fieldLabel = (name: string) => fieldLabel(name, res.locals.t);
  next();
};

/** `?page=` of a paged list: from 1. */
export const PageParam = z.coerce
  .number(coded('wholeNumber'))
  .int(coded('wholeNumber'))
  .min(1, coded('atLeast'))
  .max(100_000, coded('atMost'))
  .default(1);

const IdParam = z.object({ id: z.string(coded('positiveInteger')).regex(/^[1-9]\d{0,15}$/, coded('positiveInteger')).transform(Number) });

/** The `:id` of a route as a number (400 naming `id` otherwise). */
export function idParam(req: Request): number {
  return parseOrThrow(IdParam, { id: req.params.id }, 'invalid id').id;
}

const VersionField = z.object({
  version: z.string(coded('required')).regex(/^[1-9]\d{0,15}$/, coded('positiveInteger')).transform(Number),
});

/** The `version` a form carries: the version its user saw (400 naming `version` otherwise). */
export function versionField(req: Request): number {
  return parseOrThrow(VersionField, { version: (req.body as Record<string, unknown>)?.version }, 'invalid form').version;
}

/** `?page=` and the other links of a paged list keep the rest of the query. */
export function pageHref(path: string, query: Record<string, unknown>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== '' && value != null && key !== 'page') params.set(key, String(value));
  params.set('page', String(page));
  return `${path}?${params}`;
}
