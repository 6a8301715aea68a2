/** Sessions kept in SQLite, so they survive restarts and never grow the process's memory. */
import session from 'express-session';
import type { Db } from '../db/connection.js';
import type { WriteGate } from '../db/write-gate.js';

const DEFAULT_TTL_MS = 2 * 3600 * 1000;

export class SqliteSessionStore extends session.Store {
  private readonly getStmt;
  private readonly setStmt;
  private readonly delStmt;
  private readonly touchStmt;
  private readonly pruneStmt;
  private lastPrune = 0;

  /** `gate`: while an import writes, saving waits for it and renewing an expiry is skipped (the next request renews it). */
  constructor(
    db: Db,
    private readonly gate?: WriteGate,
  ) {
    super();
    this.getStmt = db.prepare<[string, number], string>('SELECT data FROM sessions WHERE sid = ? AND expiresAt > ?').pluck();
    this.setStmt = db.prepare<[string, string, number]>('INSERT INTO sessions (sid, data, expiresAt) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expiresAt = excluded.expiresAt');
    this.delStmt = db.prepare<[string]>('DELETE FROM sessions WHERE sid = ?');
    this.touchStmt = db.prepare<[number, string]>('UPDATE sessions SET expiresAt = ? WHERE sid = ?');
    this.pruneStmt = db.prepare<[number]>('DELETE FROM sessions WHERE expiresAt <= ?');
  }

  private expiry(sess: session.SessionData): number {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires).getTime() : Date.now() + DEFAULT_TTL_MS;
  }

  /** Expired rows go at most once a minute, on a write. */
  private prune(): void {
    const now = Date.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    this.pruneStmt.run(now);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    try {
      const data = this.getStmt.get(sid, Date.now());
      cb(null, data ? (JSON.parse(data) as session.SessionData) : null);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    if (this.gate?.busy) return void this.gate.whenNotBusy().then(() => this.set(sid, sess, cb));
    try {
      this.prune();
      this.setStmt.run(sid, JSON.stringify(sess), this.expiry(sess));
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    if (this.gate?.busy) return void this.gate.whenNotBusy().then(() => this.destroy(sid, cb));
    try {
      this.delStmt.run(sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    if (this.gate?.busy) return void cb?.();
    try {
      this.touchStmt.run(this.expiry(sess), sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }
}
