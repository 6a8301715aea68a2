/**
 * Needs: a firm's problem sent once to the partners it chose, followed by reference number and private link, and
 * worked by staff as a case. Every write is one transaction with its audit entry; the audit holds ids and states,
 * never the text or the firm's contact details.
 */
import type { AuditLog } from '../audit/audit-log.js';
import type { ListingService } from '../collections/listing-service.js';
import { inTransaction, type Db } from '../db/connection.js';
import { AppError, badRequest, notFound } from '../core/app-error.js';
import { message } from '../core/messages.js';
import { parseOrThrow } from '../core/validate.js';
import { AssignInput, CLOSED_STATUSES, NeedInput, NoteInput, parsePartner, StatusChange, type NeedStatus } from './need-input.js';
import { NeedReader, type Need } from './need-reader.js';
import { newToken, referenceOf, tokenHashOf } from './need-token.js';
import type { SearchService } from '../../search/search-service.js';
import { PARTNER_COLLECTIONS, ShortlistBuilder, type Shortlist } from './shortlist.js';

/** The public actor of audit entries written for a firm (it has no account). */
export const PUBLIC_ACTOR = 'public';

/** What a firm gets back: the reference and the token of its status link (shown once, only its hash is kept). */
export interface SentNeed {
  id: number;
  reference: string;
  token: string;
}

export class NeedService {
  readonly read: NeedReader;
  /** Shortlists of needs; the partners' completed needs come from this service's own cases. */
  readonly shortlists: ShortlistBuilder;

  constructor(
    private readonly db: Db,
    private readonly listings: ListingService,
    private readonly audit: AuditLog,
    search: SearchService,
    private readonly retentionDays: number,
  ) {
    this.read = new NeedReader(db);
    this.shortlists = new ShortlistBuilder(search, (fields) => this.read.completedWith(fields));
  }

  /** Checks and stores a need with the shortlist its text gives now; the partners must be public listings. */
  async send(input: unknown, lang: string): Promise<SentNeed> {
    const value = parseOrThrow(NeedInput, input, 'invalid need');
    const partners = value.partners.map((ref) => {
      const { collection, id } = parsePartner(ref);
      const listing = this.listings.get(collection, id);
      if (!listing || listing.status !== 'active') throw badRequest({ partners: message('unknownPartner') }, 'invalid need');
      return listing;
    });
    // No kind ticked reads as every kind, as the shortlist does.
    const collections = value.collections.length ? value.collections : [...PARTNER_COLLECTIONS];
    const shortlist = await this.shortlists.build({ text: value.text, fields: value.fields, county: value.county || null, collections });
    const token = newToken();
    const at = new Date();
    return inTransaction(this.db, () => {
      const year = at.getUTCFullYear();
      const seq = (this.db.prepare<[number], number | null>('SELECT max(seq) FROM needs WHERE year = ?').pluck().get(year) ?? 0) + 1;
      const reference = referenceOf(year, seq);
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO needs (year, seq, reference, tokenHash, text, fields, county, collections, organisation, contactName, contact, lang, status, shortlist, goodFit, createdAt, updatedAt)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?)`,
          )
          .run(year, seq, reference, tokenHashOf(token), value.text, JSON.stringify(value.fields), value.county || null, JSON.stringify(collections),
            value.organisation, value.contactName, value.contact, lang, JSON.stringify(savedShortlist(shortlist)), goodFit(shortlist) ? 1 : 0, at.toISOString(), at.toISOString())
          .lastInsertRowid,
      );
      const insertPartner = this.db.prepare('INSERT INTO need_partners (needId, position, collection, listingId, name, nameEn) VALUES (?, ?, ?, ?, ?, ?)');
      partners.forEach((p, i) => insertPartner.run(id, i + 1, p.collection, p.id, p.name, p.nameEn));
      this.event(id, PUBLIC_ACTOR, { kind: 'received', status: 'received', public: true });
      this.audit.record(PUBLIC_ACTOR, 'need.create', JSON.stringify({ id, reference, partners: value.partners }));
      return { id, reference, token };
    });
  }

  /** Gives the need to a member of staff (or to nobody). */
  assign(id: number, input: unknown, actor: string): Need {
    const { assignee } = parseOrThrow(AssignInput, input, 'invalid assignment');
    return this.change(id, (need) => {
      const to = assignee.trim() || null;
      this.db.prepare('UPDATE needs SET assignee = ?, updatedAt = ? WHERE id = ?').run(to, new Date().toISOString(), id);
      this.event(id, actor, { kind: 'assigned', note: to ?? '' });
      this.audit.record(actor, 'need.assign', JSON.stringify({ id, assignee: [need.assignee, to] }));
    });
  }

  /** Records that the need went to one of its partners; a need still `received` becomes `forwarded`. */
  forward(id: number, partner: string, actor: string): Need {
    return this.change(id, (need) => {
      const p = need.partners.find((x) => `${x.collection}:${x.listingId}` === partner);
      if (!p) throw badRequest({ partner: message('notPartner') }, 'invalid forwarding');
      if (p.forwardedAt) throw new AppError('conflict', 409, 'this partner already has the need', { partner: message('alreadyForwarded') });
      const at = new Date().toISOString();
      this.db.prepare('UPDATE need_partners SET forwardedAt = ?, forwardedBy = ? WHERE needId = ? AND collection = ? AND listingId = ?').run(at, actor, id, p.collection, p.listingId);
      const status: NeedStatus = need.status === 'received' ? 'forwarded' : need.status;
      this.db.prepare('UPDATE needs SET status = ?, updatedAt = ? WHERE id = ?').run(status, at, id);
      this.event(id, actor, { kind: 'forwarded', status, public: true, collection: p.collection, listingId: p.listingId });
      this.audit.record(actor, 'need.forward', JSON.stringify({ id, partner, status: [need.status, status] }));
    });
  }

  /** Moves the need to another step; the message is shown to the firm (required to complete it: the outcome). */
  setStatus(id: number, input: unknown, actor: string): Need {
    const value = parseOrThrow(StatusChange, input, 'invalid status');
    return this.change(id, (need) => {
      if (value.status === need.status && !value.message) throw badRequest({ status: message('sameStatus') }, 'invalid status');
      if (value.status === 'received') throw badRequest({ status: message('noReceived') }, 'invalid status');
      const at = new Date().toISOString();
      const closed = CLOSED_STATUSES.includes(value.status);
      const outcome = closed ? value.message : need.outcome;
      this.db.prepare('UPDATE needs SET status = ?, outcome = ?, closedAt = ?, updatedAt = ? WHERE id = ?').run(value.status, outcome, closed ? at : null, at, id);
      this.event(id, actor, { kind: 'status', status: value.status, public: true, publicText: value.message });
      this.audit.record(actor, 'need.status', JSON.stringify({ id, status: [need.status, value.status] }));
    });
  }

  /** Adds a note for staff; the firm never sees it. */
  addNote(id: number, input: unknown, actor: string): Need {
    const { note } = parseOrThrow(NoteInput, input, 'invalid note');
    return this.change(id, () => {
      this.db.prepare('UPDATE needs SET updatedAt = ? WHERE id = ?').run(new Date().toISOString(), id);
      this.event(id, actor, { kind: 'note', note });
      this.audit.record(actor, 'need.note', JSON.stringify({ id }));
    });
  }

  /**
   * Erases the text, contact details, shortlist and notes of needs closed longer ago than the retention period;
   * their reference, fields, county, status and dates stay for the counts. Returns how many were erased.
   */
  eraseExpired(now = new Date()): number {
    const cutoff = new Date(now.getTime() - this.retentionDays * 86_400_000).toISOString();
    return inTransaction(this.db, () => {
      const ids = this.db.prepare<[string], number>('SELECT id FROM needs WHERE erasedAt IS NULL AND closedAt IS NOT NULL AND closedAt < ?').pluck().all(cutoff);
      if (!ids.length) return 0;
      const list = JSON.stringify(ids);
      this.db
        .prepare("UPDATE needs SET text = '', organisation = '', contactName = '', contact = '', outcome = '', shortlist = '[]', erasedAt = ? WHERE id IN (SELECT value FROM json_each(?))")
        .run(now.toISOString(), list);
      this.db.prepare("UPDATE need_events SET note = '', publicText = '' WHERE needId IN (SELECT value FROM json_each(?))").run(list);
      this.audit.record('system', 'need.erase', JSON.stringify({ ids, retentionDays: this.retentionDays }));
      return ids.length;
    });
  }

  /** Runs `write` on the need in one transaction with a fresh read; erased needs are read-only. */
  private change(id: number, write: (need: Need) => void): Need {
    return inTransaction(this.db, () => {
      const need = this.read.get(id);
      if (!need) throw notFound(`no need with id ${id}`);
      if (need.erasedAt) throw new AppError('conflict', 409, 'this need was erased at the end of its retention period', { _: message('erasedNoChange') });
      write(need);
      return this.read.get(id)!;
    });
  }

  private event(needId: number, actor: string, e: { kind: string; status?: string; public?: boolean; publicText?: string; note?: string; collection?: string; listingId?: number }): void {
    this.db
      .prepare('INSERT INTO need_events (needId, at, actor, kind, status, public, publicText, note, collection, listingId) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(needId, new Date().toISOString(), actor, e.kind, e.status ?? null, e.public ? 1 : 0, e.publicText ?? '', e.note ?? '', e.collection ?? null, e.listingId ?? null);
  }
}

/** The shortlist as it is kept with the need: what the firm saw, without timings. */
function savedShortlist(shortlist: Shortlist) {
  return shortlist.entries.map(({ collection, id, name, nameEn, score, sample, fit, reasons }) => ({ collection, id, name, nameEn, score, sample, fit, reasons }));
}

/** True when at least one partner fitted well: the need is not one "that found no partner". */
export function goodFit(shortlist: Shortlist): boolean {
  return shortlist.entries.some((e) => e.fit === 'good');
}
