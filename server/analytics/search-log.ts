/** Public searches counted per day and normalised query, for staff: what people look for, and what finds nothing. */
import type { Db } from '../db/connection.js';

/** Longer queries are cut: what staff read in a list, and a bound on what one request can store. */
export const MAX_LOGGED_QUERY_CHARS = 100;
/** Days of counts kept. */
export const RETENTION_DAYS = 180;

const DAY_MS = 86_400_000;
/** Days are counted in Changji's time zone; China has kept UTC+8 all year since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The two weeks the dashboard shows; weeks start on Monday, as in China. */
export const WEEK_RANGES = ['this-week', 'last-week'] as const;
export type WeekRange = (typeof WEEK_RANGES)[number];

/** One query's counts over a range of days. */
export interface QueryCount {
  query: string;
  searches: number;
  zeroResults: number;
  /** The number of results on the latest day it was searched. */
  lastTotal: number;
}

/** The query as counted: invisible characters as spaces, NFKC, spaces collapsed, Latin lower-cased, at most 100 characters. */
export function normaliseLoggedQuery(q: string): string {
  const folded = q
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, ' ')
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
  return Array.from(folded).slice(0, MAX_LOGGED_QUERY_CHARS).join('').trim();
}

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The first and last day of a week range, seen from `today`. */
export function weekBounds(range: WeekRange, today: string): { from: string; to: string } {
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  return range === 'this-week' ? { from: monday, to: today } : { from: addDays(monday, -7), to: addDays(monday, -1) };
}

/**
 * Counts waiting in memory, written together within a second: counting a search then costs a map update (about
 * 1 µs) instead of a write transaction on every search (about 50 µs measured, a tenth of a kept-set search of the
 * benchmark's mix). A crash loses at most the last second of counts.
 */
const FLUSH_AFTER_MS = 1000;
/** Distinct queries kept while the database refuses writes; beyond that new queries are not counted. */
const MAX_PENDING = 10_000;

/** One query's counts over a range of days, with the latest day it was searched. */
type SummedRow = QueryCount & { lastDay: string };

function statements(db: Db) {
  const summed = 'SELECT query, sum(searches) AS searches, sum(zeroResults) AS zeroResults, lastTotal, max(day) AS lastDay FROM search_queries WHERE day BETWEEN ? AND ? GROUP BY query';
  return {
    upsert: db.prepare<[string, string, number, number, number]>(
      `INSERT INTO search_queries (day, query, searches, zeroResults, lastTotal) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day, query) DO UPDATE SET searches = searches + excluded.searches, zeroResults = zeroResults + excluded.zeroResults, lastTotal = excluded.lastTotal`,
    ),
    prune: db.prepare<[string]>('DELETE FROM search_queries WHERE day < ?'),
    // With one max() in the query, SQLite reads the bare `lastTotal` from the row of the latest day.
    top: db.prepare<[string, string, number], SummedRow>(`${summed} ORDER BY searches DESC, query LIMIT ?`),
    topZero: db.prepare<[string, string, number], SummedRow>(`${summed} HAVING sum(zeroResults) > 0 ORDER BY zeroResults DESC, query LIMIT ?`),
  };
}

type Statements = ReturnType<typeof statements>;

export class SearchLog {
  private readonly sql: Statements;
  private readonly writeAll: (counts: PendingCount[], today: string) => void;
  /** The connection's busy timeout, set again after each write. */
  private readonly timeout: number;
  private readonly pending = new Map<string, PendingCount>();
  private timer: NodeJS.Timeout | undefined;
  private prunedDay = '';
  private reported = false;
  private closed = false;

  /** `now` is the clock (tests move it). */
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.timeout = Number(db.pragma('busy_timeout', { simple: true })) || 0;
    this.sql = statements(db);
    const write = db.transaction((counts: PendingCount[], today: string) => {
      if (today !== this.prunedDay) this.sql.prune.run(addDays(today, -RETENTION_DAYS));
      for (const c of counts) this.sql.upsert.run(c.day, c.query, c.searches, c.zeroResults, c.lastTotal);
    });
    this.writeAll = (counts, today) => write.immediate(counts, today);
  }

  /** Counts one answered search of `q` that found `total` listings; never throws into the search. */
  record(q: string, total: number): void {
    try {
      const query = normaliseLoggedQuery(q);
      if (!query || this.closed) return;
      const day = shanghaiDay(this.now());
      const key = `${day}\u0000${query}`;
      const count = this.pending.get(key);
      const zero = total === 0 ? 1 : 0;
      if (count) Object.assign(count, { searches: count.searches + 1, zeroResults: count.zeroResults + zero, lastTotal: total });
      else if (this.pending.size < MAX_PENDING) this.pending.set(key, { day, query, searches: 1, zeroResults: zero, lastTotal: total });
      this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS).unref();
    } catch (err) {
      this.report(err);
    }
  }

  /** Counts a public search answer: its first page only (the next pages are the same search), and only with text. */
  recordAnswer(query: { q: string; page: number }, total: number): void {
    if (query.page === 1) this.record(query.q, total);
  }

  /**
   * Writes the waiting counts in one transaction, pruning days past the retention once a day. It never waits for
   * another process's write: the counts then stay for the next try. Any other failure is logged once and dropped.
   */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size) return;
    const today = shanghaiDay(this.now());
    try {
      this.withoutWaiting(() => this.writeAll([...this.pending.values()], today));
      this.pending.clear();
      this.prunedDay = today;
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY') && !this.closed) {
        this.timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS).unref();
        return;
      }
      this.pending.clear();
      this.report(err);
    }
  }

  /** Writes what waits and counts nothing more (before the database closes). */
  close(): void {
    this.closed = true;
    this.flush();
  }

  /** The most searched queries of a week, most first. */
  top(range: WeekRange, limit = 10): QueryCount[] {
    this.flush();
    const { from, to } = weekBounds(range, shanghaiDay(this.now()));
    return this.sql.top.all(from, to, limit).map(strip);
  }

  /** The queries of a week that most often found nothing, most first (`zeroResults` is their count). */
  topZero(range: WeekRange, limit = 10): QueryCount[] {
    this.flush();
    const { from, to } = weekBounds(range, shanghaiDay(this.now()));
    return this.sql.topZero.all(from, to, limit).map(strip);
  }

  /** SQLite applies `busy_timeout` when the pragma is compiled, so it is run anew each time rather than prepared once. */
  private withoutWaiting(write: () => unknown): void {
    this.db.pragma('busy_timeout = 0');
    try {
      write();
    } finally {
      this.db.pragma(`busy_timeout = ${this.timeout}`);
    }
  }

  private report(err: unknown): void {
    if (this.reported) return;
    this.reported = true;
    console.error('search analytics: searches could not be counted (further failures are not logged)', err);
  }
}

interface PendingCount {
  day: string;
  query: string;
  searches: number;
  zeroResults: number;
  lastTotal: number;
}

function strip({ lastDay: _lastDay, ...count }: SummedRow): QueryCount {
  return count;
}
