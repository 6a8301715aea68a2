/** The audit log as staff read it: newest first, filtered by actor, action, collection and dates. */
import { z } from 'zod';
import { coded } from '../core/messages.js';
import { toEntry, type AuditEntry, type AuditRow } from '../audit/audit-log.js';
import { COLLECTION_NAMES } from '../collections/define.js';
import type { Db } from '../db/connection.js';
import { officeDayStart } from './office-time.js';
import { PageParam } from './page.js';

const day = z.union([z.literal(''), z.iso.date(coded('date'))], coded('date')).default('');

/** The log page's query string. */
export const AuditFilter = z.object({
  actor: z.string(coded('text')).trim().max(64, coded('maxChars')).default(''),
  action: z.string(coded('text')).trim().max(64, coded('maxChars')).default(''),
  collection: z.enum(['', ...COLLECTION_NAMES], coded('choose')).default(''),
  from: day,
  to: day,
  page: PageParam,
});
export type AuditFilter = z.output<typeof AuditFilter>;

export const AUDIT_PER_PAGE = 50;

export class AuditQuery {
  constructor(private readonly db: Db) {}

  /** One page of entries matching the filter, and how many match in all. */
  find(filter: AuditFilter): { total: number; entries: AuditEntry[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      args.push(value);
    };
    if (filter.actor) add('actor = ?', filter.actor);
    if (filter.action) add('action = ?', filter.action);
    if (filter.collection) add('collection = ?', filter.collection);
    // Days are Beijing days, as the log shows its times; `to` is a whole day: everything before the next midnight.
    if (filter.from) add('at >= ?', officeDayStart(filter.from));
    if (filter.to) add('at < ?', officeDayStart(new Date(Date.parse(filter.to) + 86_400_000).toISOString().slice(0, 10)));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare<unknown[], number>(`SELECT count(*) FROM audit_log ${clause}`).pluck().get(...args) ?? 0;
    const rows = this.db
      .prepare<unknown[], AuditRow>(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...args, AUDIT_PER_PAGE, (filter.page - 1) * AUDIT_PER_PAGE);
    return { total, entries: rows.map(toEntry) };
  }

  /** The actions that occur in the log, for the filter's choices. */
  actions(): string[] {
    return this.db.prepare<[], string>('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck().all();
  }
}
