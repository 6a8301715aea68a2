/** Public searches counted per day and normalised query, for staff: what people look for, and what finds nothing. */
import type { Statement } from 'better-sqlite3';
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

export class SearchLog {
  private readonly sql: Record<'upsert' | 'prune' | 'top' | 'topZero' | 'noWait' | 'wait', Statement>;
  private prunedDay = '';
  private reported = false;

  /** `now` is the clock (tests move it). */
  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    const timeout = Number(db.pragma('busy_timeout', { simple: true })) || 0;
    const summed = 'SELECT query, sum(searches) AS searches, sum(zeroResults) AS zeroResults, lastTotal, max(day) AS lastDay FROM search_queries WHERE day BETWEEN ? AND ? GROUP BY query';
    this.sql = {
      upsert: db.prepare(
        `INSERT INTO search_queries (day, query, searches, zeroResults, lastTotal) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT (day, query) DO UPDATE SET searches = searches + 1, zeroResults = zeroResults + excluded.zeroResults, lastTotal = excluded.lastTotal`,
      ),
      prune: db.prepare('DELETE FROM search_queries WHERE day < ?'),
      // With one max() in the query, SQLite reads the bare `lastTotal` from the row of the latest day.
      top: db.prepare(`${summed} ORDER BY searches DESC, query LIMIT ?`),
      topZero: db.prepare(`${summed} HAVING sum(zeroResults) > 0 ORDER BY zeroResults DESC, query LIMIT ?`),
      noWait: db.prepare('PRAGMA busy_timeout = 0'),
      wait: db.prepare(`PRAGMA busy_timeout = ${timeout}`),
    };
  }

  /**
   * Counts one answered search of `q` that found `total` listings. Cheap (one prepared upsert), and it never
   * delays or breaks the search: a count that meets another process's write in progress is dropped rather than
   * waited for, and a failure is logged once and otherwise ignored.
   */
  record(q: string, total: number): void {
    try {
      const query = normaliseLoggedQuery(q);
      if (!query) return;
      const day = shanghaiDay(this.now());
      if (day !== this.prunedDay) this.prune(day);
      this.withoutWaiting(() => this.sql.upsert.run(day, query, total === 0 ? 1 : 0, total));
    } catch (err) {
      this.report(err);
    }
  }

  /** Counts a public search answer: its first page only (the next pages are the same search), and only with text. */
  recordAnswer(query: { q: string; page: number }, total: number): void {
    if (query.page === 1) this.record(query.q, total);
  }

  /** The most searched queries of a week, most first. */
  top(range: WeekRange, limit = 10): QueryCount[] {
    const { from, to } = weekBounds(range, shanghaiDay(this.now()));
    return (this.sql.top.all(from, to, limit) as (QueryCount & { lastDay: string })[]).map(strip);
  }

  /** The queries of a week that most often found nothing, most first (`zeroResults` is their count). */
  topZero(range: WeekRange, limit = 10): QueryCount[] {
    const { from, to } = weekBounds(range, shanghaiDay(this.now()));
    return (this.sql.topZero.all(from, to, limit) as (QueryCount & { lastDay: string })[]).map(strip);
  }

  /** Deletes the days older than the retention, once a day (a failure is retried at the next count). */
  private prune(today: string): void {
    this.withoutWaiting(() => this.sql.prune.run(addDays(today, -RETENTION_DAYS)));
    this.prunedDay = today;
  }

  private withoutWaiting(write: () => unknown): void {
    this.sql.noWait.get();
    try {
      write();
    } finally {
      this.sql.wait.get();
    }
  }

  private report(err: unknown): void {
    if (this.reported) return;
    this.reported = true;
    console.error('search analytics: a search could not be counted (further failures are not logged)', err);
  }
}

function strip({ lastDay: _lastDay, ...count }: QueryCount & { lastDay: string }): QueryCount {
  return count;
}
