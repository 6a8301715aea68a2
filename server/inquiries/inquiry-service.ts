/** Contact requests from the public listing pages, and the staff inbox that answers them. */
import { z } from 'zod';
import { coded } from '../core/messages.js';
import { contactField, textField } from '../forms/fields.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/connection.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { CollectionDef, ContactKind, Listing } from '../collections/define.js';
import type { ListingService } from '../collections/listing-service.js';
import { COLLECTIONS, getCollection } from '../collections/registry.js';
import { AppError, notFound } from '../core/app-error.js';
import { parseOrThrow } from '../core/validate.js';

export const INQUIRY_STATUSES = ['new', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** The kind of request a collection's pages send, as its declaration says, or undefined when they take none. */
export function contactKind(collection: string): ContactKind | undefined {
  return COLLECTIONS.find((def) => def.name === collection)?.contact;
}

/** What the public contact form sends. */
export const InquiryInput = z.object({
  name: textField(60, true),
  organisation: textField(120, false),
  contact: contactField(120),
  message: textField(2000, true, true).refine((v) => v.length === 0 || v.length >= 10, coded('minChars', { min: 10 })),
});
export type InquiryInput = z.output<typeof InquiryInput>;

/** The latest arrival a housing request may name: housing is offered for the coming two years. */
const ARRIVAL_HORIZON_DAYS = 730;
const DAY_MS = 86_400_000;

/** A calendar day (YYYY-MM-DD) from today (Beijing time) to the horizon. */
function arrivalDay(now: number) {
  const today = new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const last = new Date(Date.parse(today) + ARRIVAL_HORIZON_DAYS * DAY_MS).toISOString().slice(0, 10);
  return z
    .string(coded('required'))
    .trim()
    .min(1, coded('required'))
    .regex(/^\d{4}-\d{2}-\d{2}$/, coded('date'))
    .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(Date.parse(v)).toISOString().slice(0, 10) === v, coded('date'))
    .refine((v) => v >= today, coded('past'))
    .refine((v) => v <= last, coded('tooLate', { days: ARRIVAL_HORIZON_DAYS }));
}

/** What a housing request adds: how many units, and from when; at most the units the listing has (its capacity). */
function housingInput(def: CollectionDef, listing: Listing, now: number) {
  const total = def.capacity === undefined ? undefined : listing[def.capacity.total];
  const units = typeof total === 'number' && total > 0 ? total : 1;
  return InquiryInput.extend({
    unitsWanted: z
      .string(coded('required'))
      .trim()
      .min(1, coded('required'))
      .regex(/^\d{1,6}$/, coded('wholeNumber'))
      .transform(Number)
      .pipe(z.number().min(1, coded('atLeast')).max(units, coded('atMost'))),
    arrival: arrivalDay(now),
  });
}

/** What staff change on an inquiry. */
export const InquiryUpdate = z.object({
  status: z.enum(INQUIRY_STATUSES, coded('choose')),
  note: textField(4000, false, true),
});

export interface Inquiry extends InquiryInput {
  id: number;
  kind: ContactKind;
  /** Housing requests: the units wanted and the day of arrival. */
  unitsWanted: number | null;
  arrival: string | null;
  collection: string;
  listingId: number;
  status: InquiryStatus;
  note: string;
  lang: string;
  createdAt: string;
  updatedAt: string;
}

export class InquiryService {
  constructor(
    private readonly db: Db,
    private readonly listings: ListingService,
    private readonly audit: AuditLog,
  ) {}

  /** Stores a request about a public listing; the listing must exist and be active. */
  create(collection: string, listingId: number, input: unknown, lang: string, now = Date.now()): Inquiry {
    const kind = contactKind(collection);
    if (!kind) throw notFound('this listing takes no contact requests');
    const listing = this.listings.getPublic(collection, listingId);
    const value =
      kind === 'housing'
        ? parseOrThrow(housingInput(getCollection(collection), listing, now), input, 'invalid housing request')
        : { ...parseOrThrow(InquiryInput, input, 'invalid contact request'), unitsWanted: null, arrival: null };
    const at = new Date(now).toISOString();
    const id = this.db
      .prepare(
        `INSERT INTO inquiries (collection, listingId, kind, name, organisation, contact, message, unitsWanted, arrival, lang, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(collection, listingId, kind, value.name, value.organisation, value.contact, value.message, value.unitsWanted, value.arrival, lang, at, at).lastInsertRowid;
    return this.get(Number(id))!;
  }

  get(id: number): Inquiry | undefined {
    return this.db.prepare<[number], Inquiry>('SELECT * FROM inquiries WHERE id = ?').get(id);
  }

  /** The inbox, newest first, optionally one status. */
  list(opts: { status?: InquiryStatus; page: number; perPage: number }): { total: number; items: Inquiry[] } {
    const where = opts.status ? 'WHERE status = ?' : '';
    const args = opts.status ? [opts.status] : [];
    const total = this.db.prepare<unknown[], number>(`SELECT count(*) FROM inquiries ${where}`).pluck().get(...args) ?? 0;
    const items = this.db
      .prepare<unknown[], Inquiry>(`SELECT * FROM inquiries ${where} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...args, opts.perPage, (opts.page - 1) * opts.perPage);
    return { total, items };
  }

  /** Counts per status, for the dashboard and the inbox tabs. */
  counts(): Record<InquiryStatus, number> {
    const rows = this.db.prepare<[], { status: InquiryStatus; n: number }>('SELECT status, count(*) AS n FROM inquiries GROUP BY status').all();
    const out = { new: 0, answered: 0, closed: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  /** Sets status and note, with an audit entry in the same transaction. */
  update(id: number, input: unknown, actor: string): Inquiry {
    const value = parseOrThrow(InquiryUpdate, input, 'invalid inquiry update');
    return inTransaction(this.db, () => {
      const before = this.get(id);
      if (!before) throw new AppError('not_found', 404, `no inquiry with id ${id}`);
      this.db.prepare('UPDATE inquiries SET status = ?, note = ?, updatedAt = ? WHERE id = ?').run(value.status, value.note, new Date().toISOString(), id);
      this.audit.record(actor, 'inquiry.update', JSON.stringify({ id, status: [before.status, value.status] }));
      return this.get(id)!;
    });
  }
}
