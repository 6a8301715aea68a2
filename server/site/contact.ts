/** The contact form of the listing pages: what was typed, its errors in the reader's language, and the spam guards. */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ErrorDetails } from '../core/app-error.js';
import type { Translate } from '../i18n/i18n.js';

/** Every field of the form in the order it shows them; the housing fields only on housing pages. */
export const CONTACT_FIELDS = ['name', 'organisation', 'contact', 'unitsWanted', 'arrival', 'message'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** The form as a page shows it: typed values, one message per bad field, a message about the whole form. */
export interface ContactState {
  values: Partial<Record<ContactField, string>>;
  errors: Partial<Record<ContactField, string>>;
  formError?: string;
  sent: boolean;
}

export const EMPTY_CONTACT: ContactState = { values: {}, errors: {}, sent: false };

/** A field only people leave empty: it is hidden from them, and bots fill every field they find. */
export const HONEYPOT_FIELD = 'website';

/** Successful requests one address may send per window; failed ones (typos, spam caught) do not count. */
export const CONTACT_LIMIT = 5;
export const CONTACT_WINDOW_MS = 10 * 60 * 1000;

/** The typed values, kept as strings so the form can show them again. */
export function readContactForm(body: unknown): { values: ContactState['values']; honeypot: boolean } {
  const raw = (body ?? {}) as Record<string, unknown>;
  const values: ContactState['values'] = {};
  for (const field of CONTACT_FIELDS) {
    const v = raw[field];
    if (typeof v === 'string') values[field] = v;
  }
  const trap = raw[HONEYPOT_FIELD];
  return { values, honeypot: typeof trap === 'string' && trap.trim() !== '' };
}

/** The validation messages of the inquiry schema, as locale keys with their variables. */
const MESSAGE_KEYS: [RegExp, string][] = [
  [/^required$/, 'required'],
  [/^at most (?<n>\d+) characters$/, 'tooLong'],
  [/^at least (?<n>\d+) characters$/, 'tooShort'],
  [/^contains characters that are not allowed$/, 'badCharacters'],
  [/^a phone number or an e-mail address$/, 'contact'],
  [/^must be a whole number$/, 'wholeNumber'],
  [/^at least (?<n>\d+)$/, 'atLeast'],
  [/^at most (?<n>\d+)$/, 'atMost'],
  [/^a date as YYYY-MM-DD$/, 'date'],
  [/^not before today$/, 'past'],
  [/^within (?<n>\d+) days$/, 'tooLate'],
];

/** Translates the service's field messages; a message nobody mapped still reads as "not valid". */
export function contactErrors(details: ErrorDetails, t: Translate): ContactState['errors'] {
  const errors: ContactState['errors'] = {};
  for (const field of CONTACT_FIELDS) {
    const message = details[field];
    if (message === undefined) continue;
    const match = MESSAGE_KEYS.map(([re, key]) => ({ key, m: re.exec(message) })).find((x) => x.m);
    errors[field] = match ? t(`site.contact.error.${match.key}`, { n: match.m!.groups?.n ?? '' }) : t('site.contact.error.invalid');
  }
  return errors;
}

/** Marks the request when its address has sent too many; the handler then answers 429 and stores nothing. */
export function contactRateLimit(): RequestHandler {
  return rateLimit({
    windowMs: CONTACT_WINDOW_MS,
    limit: CONTACT_LIMIT,
    skipFailedRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req: Request, _res, next) => {
      (req as Request & { rateLimited?: boolean }).rateLimited = true;
      next();
    },
  });
}

export function isRateLimited(req: Request): boolean {
  return (req as Request & { rateLimited?: boolean }).rateLimited === true;
}

/** When an address over the limit may send again: minutes from now and the Beijing clock time. */
export function retryAfter(req: Request, now = Date.now()): { minutes: number; seconds: number; at: string } {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? now + CONTACT_WINDOW_MS;
  const seconds = Math.max(1, Math.ceil((reset - now) / 1000));
  // Visitors are in the prefecture's time zone; the message writes the zone beside the time.
  const at = new Date(reset + 8 * 3600 * 1000).toISOString().slice(11, 16);
  return { minutes: Math.ceil(seconds / 60), seconds, at };
}

/** How many messages a refused form shows in its summary (the title counts them). */
export function errorCount(state: Pick<ContactState, 'errors' | 'formError'>): number {
  const fields = Object.keys(state.errors).length;
  return fields || (state.formError ? 1 : 0);
}
