/** The audit trail: who changed what, written in the same transaction as the change. */
import { inTransaction, type Db } from '../db/connection.js';
import type { ListingChange } from '../collections/listing-service.js';

const BOOKKEEPING = new Set(['updatedAt', 'version']);

/** Only the fields that differ, before and after, so an entry reads as the change it was. */
export function diffListings(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (BOOKKEEPING.has(key)) continue;
    const bv = before?.[key];
    const av = after?.[key];
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    if (before) b[key] = bv ?? null;
    if (after) a[key] = av ?? null;
  }
  return { before: b, after: a };
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  collection: string | null;
  listingId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  detail: string | null;
}

/** Appends entries; listing changes arrive through the service's change listener. */
export class AuditLog {
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[string, string, string, string | null, number | null, string | null, string | null, string | null]>(
      'INSERT INTO audit_log (at, actor, action, collection, listingId, before, after, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** The change listener that records a listing change. */
  readonly recordChange = (change: ListingChange): void => {
    const diff = diffListings(change.before, change.after);
    this.insertStmt.run(
      new Date().toISOString(),
      change.actor,
      change.action,
      change.collection,
      change.id,
      change.before ? JSON.stringify(diff.before) : null,
      change.after ? JSON.stringify(diff.after) : null,
      null,
    );
  };

  /**
   * Records a change of a record that is not a listing (a synonym rule): its id in `listingId` with no
   * collection, and the fields that differ, before and after.
   */
  recordChangeOf(actor: string, action: string, id: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null): void {
    const diff = diffListings(before, after);
    this.insertStmt.run(new Date().toISOString(), actor, action, null, id, before ? JSON.stringify(diff.before) : null, after ? JSON.stringify(diff.after) : null, null);
  }

  /** Records an event that is not a listing change (a login, an import, a reindex). */
  record(actor: string, action: string, detail?: string): void {
    this.insertStmt.run(new Date().toISOString(), actor, action, null, null, null, null, detail ?? null);
  }

  /**
   * Counts an event that repeats (failed sign-ins of one account from one address) in one entry per `windowKey`:
   * the first occurrence writes the entry, later ones add to its `count` and to the count of their `reason`.
   */
  recordCounted(actor: string, action: string, windowKey: string, detail: { address: string; reason: string }): void {
    inTransaction(this.db, () => {
      const row = this.db.prepare<[string], { id: number; detail: string }>('SELECT id, detail FROM audit_log WHERE windowKey = ?').get(windowKey);
      const at = new Date().toISOString();
      if (!row) {
        const first = JSON.stringify({ ...detail, count: 1, reasons: { [detail.reason]: 1 }, lastAt: at });
        this.db.prepare('INSERT INTO audit_log (at, actor, action, detail, windowKey) VALUES (?, ?, ?, ?, ?)').run(at, actor, action, first, windowKey);
        return;
      }
      const counted = JSON.parse(row.detail) as { count: number; reasons: Record<string, number> };
      counted.count += 1;
      counted.reasons[detail.reason] = (counted.reasons[detail.reason] ?? 0) + 1;
      const next = JSON.stringify({ ...counted, reason: detail.reason, lastAt: at });
      this.db.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run(next, row.id);
    });
  }

  /** Entries of one listing, newest first. */
  forListing(collection: string, id: number): AuditEntry[] {
    const rows = this.db.prepare<[string, number], AuditRow>('SELECT * FROM audit_log WHERE collection = ? AND listingId = ? ORDER BY id DESC').all(collection, id);
    return rows.map(toEntry);
  }
}

/** An audit entry as stored: the changed fields are JSON text. */
export interface AuditRow extends Omit<AuditEntry, 'before' | 'after'> {
  before: string | null;
  after: string | null;
}

/** Parses a stored audit row. */
export function toEntry(row: AuditRow): AuditEntry {
  return {
    ...row,
    before: row.before ? JSON.parse(row.before) : null,
    after: row.after ? JSON.parse(row.after) : null,
  };
}
