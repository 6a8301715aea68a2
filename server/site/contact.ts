/** The contact form of the listing pages: what was typed, its errors in the reader's language, and the spam guards. */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { FieldMessages } from '../core/messages.js';
import type { Translate } from '../i18n/i18n.js';
import { messageText } from '../i18n/message-text.js';

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

/** The service's field messages in the reader's language. */
export function contactErrors(details: FieldMessages, t: Translate): ContactState['errors'] {
  const errors: ContactState['errors'] = {};
  for (const field of CONTACT_FIELDS) {
    const message = details[field];
    if (message !== undefined) errors[field] = messageText(message, 'contact', t);
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
