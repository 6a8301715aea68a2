/** Reads of needs: one case with its partners and steps, the staff's lists, and the counts of what industry asks for. */
import type { Db } from '../db/connection.js';
import { tokenHashOf } from './need-token.js';
import { NEED_STATUSES, type NeedStatus } from './need-input.js';
import type { FitReasons } from './shortlist.js';

/** A partner of a need, with its name as it was when the need was sent. */
export interface NeedPartner {
  position: number;
  collection: string;
  listingId: number;
  name: string;
  nameEn: string;
  forwardedAt: string | null;
  forwardedBy: string | null;
}

/** A step of a case. Only `public` steps (with their `publicText`) reach the firm's status page. */
export interface NeedEvent {
  id: number;
  at: string;
  actor: string;
  kind: 'received' | 'assigned' | 'forwarded' | 'status' | 'note';
  status: NeedStatus | null;
  public: boolean;
  publicText: string;
  note: string;
  collection: string | null;
  listingId: number | null;
}

/** An entry of the shortlist kept with a need. */
export interface SavedEntry {
  collection: string;
  id: number;
  name: string;
  nameEn: string;
  score: number;
  /** Absent in shortlists kept before samples were marked on them. */
  sample?: boolean;
  fit: 'good' | 'fair';
  reasons: FitReasons;
}

/** A need as staff see it. */
export interface Need {
  id: number;
  reference: string;
  text: string;
  fields: string[];
  county: string | null;
  collections: string[];
  organisation: string;
  contactName: string;
  contact: string;
  lang: string;
  status: NeedStatus;
  outcome: string;
  assignee: string | null;
  shortlist: SavedEntry[];
  goodFit: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  erasedAt: string | null;
  partners: NeedPartner[];
}

/** A row of the staff's list: no contact details, they are on the case's page. */
export type NeedRow = Pick<Need, 'id' | 'reference' | 'text' | 'fields' | 'county' | 'organisation' | 'status' | 'assignee' | 'goodFit' | 'createdAt' | 'updatedAt'> & { partnerCount: number };

/** Needs per month of one field or county (`code` null: the firm named none). */
export interface MonthlyTally {
  code: string | null;
  counts: number[];
}

/** A need as stored: its lists as JSON text, `goodFit` as 0 or 1. */
type StoredNeed = Omit<Need, 'partners' | 'fields' | 'collections' | 'shortlist' | 'goodFit'> & { fields: string; collections: string; shortlist: string; goodFit: number };
/** A row of the staff's list as read: its fields as JSON text, `goodFit` as 0 or 1. */
type StoredNeedRow = Omit<NeedRow, 'fields' | 'goodFit'> & { fields: string; goodFit: number };
/** A step as stored: `public` as 0 or 1. */
type StoredEvent = Omit<NeedEvent, 'public'> & { public: number };

function parseNeed(row: StoredNeed): Omit<Need, 'partners'> {
  return {
    ...row,
    fields: JSON.parse(row.fields) as string[],
    collections: JSON.parse(row.collections) as string[],
    shortlist: JSON.parse(row.shortlist) as SavedEntry[],
    goodFit: row.goodFit === 1,
  };
}

export class NeedReader {
  constructor(private readonly db: Db) {}

  get(id: number): Need | undefined {
    const row = this.db.prepare<[number], StoredNeed>('SELECT * FROM needs WHERE id = ?').get(id);
    if (!row) return undefined;
    const partners = this.db.prepare<[number], NeedPartner>('SELECT position, collection, listingId, name, nameEn, forwardedAt, forwardedBy FROM need_partners WHERE needId = ? ORDER BY position').all(id);
    return { ...parseNeed(row), partners };
  }

  /** The need a status link's token opens, or undefined for any other token. */
  byToken(token: string): Need | undefined {
    const id = this.db.prepare<[string], number>('SELECT id FROM needs WHERE tokenHash = ?').pluck().get(tokenHashOf(token));
    return id === undefined ? undefined : this.get(id);
  }

  /** The id of the need a typed reference names (`xq-2026-123`, `XQ-2026-000123`), or undefined. */
  byReference(typed: string): number | undefined {
    const m = /^\s*xq[-\s]?(\d{4})[-\s]?(\d{1,6})\s*$/i.exec(typed);
    if (!m) return undefined;
    return this.db.prepare<[number, number], number>('SELECT id FROM needs WHERE year = ? AND seq = ?').pluck().get(Number(m[1]), Number(m[2]));
  }

  /** The steps of a case, oldest first; `publicOnly` for the firm's page. */
  events(needId: number, publicOnly: boolean): NeedEvent[] {
    const rows = this.db.prepare<[number], StoredEvent>(`SELECT * FROM need_events WHERE needId = ? ${publicOnly ? 'AND public = 1' : ''} ORDER BY id`).all(needId);
    return rows.map((r) => ({ ...r, public: r.public === 1 }));
  }

  /** The staff's list: one status or all, oldest first (the longest waiting on top) or newest first. */
  list(opts: { status?: NeedStatus; unmatched?: boolean; order: 'oldest' | 'newest'; page: number; perPage: number }): { total: number; items: NeedRow[] } {
    const where: string[] = ['erasedAt IS NULL'];
    const args: unknown[] = [];
    if (opts.status) {
      where.push('status = ?');
      args.push(opts.status);
    }
    if (opts.unmatched) where.push('goodFit = 0');
    const sql = where.join(' AND ');
    const total = this.db.prepare<unknown[], number>(`SELECT count(*) FROM needs WHERE ${sql}`).pluck().get(...args) ?? 0;
    const rows = this.db
      .prepare<unknown[], StoredNeedRow>(
        `SELECT id, reference, text, fields, county, organisation, status, assignee, goodFit, createdAt, updatedAt,
                (SELECT count(*) FROM need_partners p WHERE p.needId = needs.id) AS partnerCount
         FROM needs WHERE ${sql} ORDER BY createdAt ${opts.order === 'oldest' ? 'ASC' : 'DESC'}, id LIMIT ? OFFSET ?`,
      )
      .all(...args, opts.perPage, (opts.page - 1) * opts.perPage);
    return { total, items: rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as string[], goodFit: r.goodFit === 1 })) };
  }

  /** Needs per status (erased ones left out), for the tabs and the dashboard. */
  counts(): Record<NeedStatus, number> & { unmatched: number } {
    const out = Object.fromEntries(NEED_STATUSES.map((s) => [s, 0])) as Record<NeedStatus, number>;
    for (const r of this.db.prepare<[], { status: NeedStatus; n: number }>('SELECT status, count(*) AS n FROM needs WHERE erasedAt IS NULL GROUP BY status').all()) out[r.status] = r.n;
    const unmatched = this.db.prepare<[], number>('SELECT count(*) FROM needs WHERE erasedAt IS NULL AND goodFit = 0').pluck().get() ?? 0;
    return { ...out, unmatched };
  }

  /**
   * Needs per industry field and per county for each of the last `months` months (counts only: nothing about
   * who asked or what). A need naming two fields counts once in each.
   */
  monthly(months: number, now = new Date()): { months: string[]; byField: MonthlyTally[]; byCounty: MonthlyTally[] } {
    const keys: string[] = [];
    for (let i = months - 1; i >= 0; i--) keys.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
    const rows = this.db
      .prepare<[string], { month: string; county: string | null; fields: string }>('SELECT substr(createdAt, 1, 7) AS month, county, fields FROM needs WHERE createdAt >= ?')
      .all(`${keys[0]}-01`);
    const fields = new Map<string | null, number[]>();
    const counties = new Map<string | null, number[]>();
    const add = (map: Map<string | null, number[]>, code: string | null, at: number) => {
      const counts = map.get(code) ?? keys.map(() => 0);
      counts[at] = (counts[at] ?? 0) + 1;
      map.set(code, counts);
    };
    for (const row of rows) {
      const at = keys.indexOf(row.month);
      if (at < 0) continue;
      const codes = JSON.parse(row.fields) as string[];
      for (const code of codes.length ? codes : [null]) add(fields, code, at);
      add(counties, row.county, at);
    }
    const tallies = (map: Map<string | null, number[]>) => [...map].map(([code, counts]) => ({ code, counts })).sort((a, b) => sum(b.counts) - sum(a.counts));
    return { months: keys, byField: tallies(fields), byCounty: tallies(counties) };
  }

  /** Completed needs per partner (`platforms:12`) among needs that share one of `fields`. */
  completedWith(fields: string[]): Map<string, number> {
    const out = new Map<string, number>();
    if (!fields.length) return out;
    const rows = this.db
      .prepare<[string], { key: string; n: number }>(
        `SELECT p.collection || ':' || p.listingId AS key, count(*) AS n FROM need_partners p JOIN needs n ON n.id = p.needId
         WHERE n.status = 'completed' AND p.forwardedAt IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(n.fields) f WHERE f.value IN (SELECT value FROM json_each(?)))
         GROUP BY key`,
      )
      .all(JSON.stringify(fields));
    for (const r of rows) out.set(r.key, r.n);
    return out;
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
