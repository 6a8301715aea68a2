/** What a firm sends with a need, and what staff change on it: the schemas and the vocabulary of a case. */
import { z } from 'zod';
import { coded } from '../core/messages.js';
import { contactField, textField } from '../forms/fields.js';
import { isCode } from '../collections/vocab.js';
import { PARTNER_COLLECTIONS } from './shortlist.js';

/** The steps of a case, in the order they usually come. */
export const NEED_STATUSES = ['received', 'forwarded', 'in-contact', 'completed', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
/** A need in one of these is closed: its retention period runs from then. */
export const CLOSED_STATUSES: readonly NeedStatus[] = ['completed', 'closed'];

/** How many partners one need may go to. */
export const MAX_PARTNERS = 5;
export const MIN_NEED_LENGTH = 10;
export const MAX_NEED_LENGTH = 2000;



/** A form sends one value as a string and several as an array; none at all as nothing. */
const list = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string(coded('text')), coded('list')));

const codes = (vocab: 'field' | 'county') =>
  list.pipe(z.array(z.string().refine((c) => isCode(vocab, c), coded('notACode'))).max(20, coded('tooManyValues')));

/** `platforms:12`: a partner as a form names it. */
const PARTNER = new RegExp(`^(${PARTNER_COLLECTIONS.join('|')}):([1-9]\\d{0,14})$`);

/** What the need page sends to see a shortlist. */
export const ShortlistRequest = z.object({
  text: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()).transform((v) => v.slice(0, MAX_NEED_LENGTH)),
  fields: codes('field'),
  county: z.preprocess((v) => (v === undefined ? '' : v), z.union([z.literal(''), z.string().refine((c) => isCode('county', c), coded('notACode'))], coded('text'))),
  collections: list.pipe(z.array(z.enum(PARTNER_COLLECTIONS, coded('choose')))),
});
export type ShortlistRequest = z.output<typeof ShortlistRequest>;

/** What the need page sends to send a need. */
export const NeedInput = z.object({
  text: textField(MAX_NEED_LENGTH, true, true).refine((v) => v.length === 0 || Array.from(v).length >= MIN_NEED_LENGTH, coded('minChars', { min: MIN_NEED_LENGTH })),
  fields: codes('field'),
  county: ShortlistRequest.shape.county,
  collections: ShortlistRequest.shape.collections,
  partners: list.pipe(
    z
      .array(z.string().regex(PARTNER, coded('unknownPartner')))
      .min(1, coded('noPartner'))
      .max(MAX_PARTNERS, coded('tooManyPartners'))
      .transform((v) => [...new Set(v)]),
  ),
  organisation: textField(120, true),
  contactName: textField(60, true),
  contact: contactField(120),
});
export type NeedInput = z.output<typeof NeedInput>;

/** The form fields of a need, in the order the page shows them (for error summaries and typed values). */
export const NEED_FIELDS = ['text', 'fields', 'county', 'collections', 'partners', 'organisation', 'contactName', 'contact'] as const;

/** A partner reference split into its collection and id. */
export function parsePartner(ref: string): { collection: string; id: number } {
  const m = PARTNER.exec(ref)!;
  return { collection: m[1]!, id: Number(m[2]) };
}

/** What staff send to change a need's status. */
export const StatusChange = z
  .object({
    status: z.enum(NEED_STATUSES, coded('choose')),
    message: textField(1000, false, true),
  })
  .refine((v) => v.status !== 'completed' || v.message.length > 0, { ...coded('outcomeRequired', {}), path: ['message'] });

/** What staff send to add an internal note. */
export const NoteInput = z.object({ note: textField(4000, true, true) });

/** What staff send to assign a need (an empty assignee takes it back). */
export const AssignInput = z.object({ assignee: z.string(coded('text')).max(64, coded('maxChars')) });
