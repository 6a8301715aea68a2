import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normaliseLoggedQuery, SearchLog, shanghaiDay, weekBounds } from '../../server/analytics/search-log.js';
import { openDatabase, type Db } from '../../server/db/connection.js';
import { migrate } from '../../server/db/migrate.js';
import { tempDir } from '../helpers/context.js';

let dir: { dir: string; remove: () => void };
let db: Db;
/** Wednesday 2 December 2026, 10:00 in Changji (02:00 UTC). */
let clock = Date.parse('2026-12-02T02:00:00Z');
let log: SearchLog;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.dir, 'test.db'));
  migrate(db);
  clock = Date.parse('2026-12-02T02:00:00Z');
  log = new SearchLog(db, () => clock);
});
afterEach(() => {
  db.close();
  dir.remove();
});

/** The stored counts, after the waiting ones are written. */
function rows(): { day: string; query: string; searches: number; zeroResults: number; lastTotal: number }[] {
  log.flush();
  return db.prepare('SELECT * FROM search_queries ORDER BY day, query').all() as never;
}

function oldRow(day: string): void {
  db.prepare("INSERT INTO search_queries (day, query, searches, zeroResults, lastTotal) VALUES (?, 'old', 1, 0, 3)").run(day);
}

describe('what is counted', () => {
  it('when queries differ only in width, case and spaces, then they are one query', () => {
    log.record('  Ｃｈａｎｇｊｉ   农业\t', 12);
    log.record('changji 农业', 10);
    log.record('CHANGJI\u00a0农业', 0);
    expect(rows()).toEqual([{ day: '2026-12-02', query: 'changji 农业', searches: 3, zeroResults: 1, lastTotal: 0 }]);
  });

  it('when a query is empty, blank or invisible, then nothing is counted; a long one is cut at 100 characters', () => {
    log.record('', 5);
    log.record('   \u3000 ', 5);
    log.record('\u200b\u0000', 5);
    expect(rows()).toEqual([]);
    log.record('煤'.repeat(150), 0);
    expect(rows()[0]?.query).toBe('煤'.repeat(100));
    expect(normaliseLoggedQuery('a\ud800b')).toBe('a b');
  });

  it('when the clock passes midnight in Changji, then the count goes to the next day there', () => {
    expect(shanghaiDay(Date.parse('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(shanghaiDay(Date.parse('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
    clock = Date.parse('2026-12-01T16:30:00Z');
    log.record('棉花', 4);
    expect(rows()[0]?.day).toBe('2026-12-02');
  });

  it('when a search is a later page or has no text, then recordAnswer does not count it', () => {
    log.recordAnswer({ q: '棉花', page: 2 }, 40);
    log.recordAnswer({ q: '', page: 1 }, 400);
    log.recordAnswer({ q: '棉花', page: 1 }, 40);
    expect(rows().map((r) => [r.query, r.searches])).toEqual([['棉花', 1]]);
  });
});

describe('the weeks staff read', () => {
  it('when counts span two weeks, then each week lists its own queries, most searched first, and its zero-result ones', () => {
    expect(weekBounds('this-week', '2026-12-02')).toEqual({ from: '2026-11-30', to: '2026-12-02' });
    expect(weekBounds('last-week', '2026-12-02')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekBounds('this-week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    clock = Date.parse('2026-11-29T10:00:00Z'); // Sunday of last week
    log.record('院士', 10);
    log.record('院士站', 0);
    clock = Date.parse('2026-11-30T01:00:00Z'); // Monday of this week
    log.record('棉花', 30);
    log.record('棉花', 28);
    log.record('院士', 10);
    log.record('工程中心', 0);
    log.record('工程中心', 0);
    clock = Date.parse('2026-12-02T02:00:00Z');
    log.record('工程中心', 5);
    expect(log.top('this-week')).toEqual([
      { query: '工程中心', searches: 3, zeroResults: 2, lastTotal: 5 },
      { query: '棉花', searches: 2, zeroResults: 0, lastTotal: 28 },
      { query: '院士', searches: 1, zeroResults: 0, lastTotal: 10 },
    ]);
    expect(log.top('this-week', 1).map((c) => c.query)).toEqual(['工程中心']);
    expect(log.topZero('this-week')).toEqual([{ query: '工程中心', searches: 3, zeroResults: 2, lastTotal: 5 }]);
    expect(log.top('last-week').map((c) => c.query)).toEqual(['院士', '院士站']);
    expect(log.topZero('last-week')).toEqual([{ query: '院士站', searches: 1, zeroResults: 1, lastTotal: 0 }]);
  });
});

describe('retention and failures', () => {
  it('when a day is more than 180 days old, then it is pruned at the first count of a day, and only once a day', () => {
    oldRow('2026-06-04'); // 181 days before 2 December
    oldRow('2026-06-05'); // 180 days before: kept
    log.record('棉花', 3);
    expect(rows().map((r) => r.day)).toEqual(['2026-06-05', '2026-12-02']);
    oldRow('2026-06-01');
    log.record('棉花', 3);
    expect(rows().map((r) => r.day)).toContain('2026-06-01');
    clock += 86_400_000;
    log.record('棉花', 3);
    expect(rows().map((r) => r.day)).toEqual(['2026-12-02', '2026-12-03']);
  });

  it('when the table cannot be written, then the search is not disturbed and the failure is logged once', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      db.exec('DROP TABLE search_queries');
      expect(() => log.record('棉花', 3)).not.toThrow();
      expect(() => log.flush()).not.toThrow();
      expect(() => log.record('院士', 3)).not.toThrow();
      expect(() => log.flush()).not.toThrow();
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });

  it('when another process holds the write lock, then the counts wait in memory without delaying anyone and are written after', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const other = openDatabase(join(dir.dir, 'test.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      log.record('棉花', 3);
      log.flush();
      expect(performance.now() - started).toBeLessThan(1000);
      other.exec('ROLLBACK');
      log.record('棉花', 0);
      expect(rows()).toEqual([{ day: '2026-12-02', query: '棉花', searches: 2, zeroResults: 1, lastTotal: 0 }]);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      other.close();
      logged.mockRestore();
    }
  });

  it('when a count is recorded, then it is written within a second without anyone asking', async () => {
    log.record('棉花', 3);
    expect(db.prepare('SELECT count(*) FROM search_queries').pluck().get()).toBe(0);
    await vi.waitFor(() => expect(db.prepare('SELECT count(*) FROM search_queries').pluck().get()).toBe(1), { timeout: 3000 });
  });

  it('when the log is closed, then the waiting counts are written and later ones ignored', () => {
    log.record('院士', 2);
    log.close();
    log.record('棉花', 2);
    expect(rows().map((r) => r.query)).toEqual(['院士']);
  });
});
