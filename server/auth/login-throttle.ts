/** Slows password guessing: failed sign-ins per account and per address, with a delay that doubles and is capped. */
import type { Db } from '../db/connection.js';

export interface ThrottlePolicy {
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** Failures allowed in the window before a wait is imposed, per account and per address. */
  accountLimit: number;
  addressLimit: number;
  /** The first wait; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Five tries per account within an hour, then 1, 2, 4, 8 and at most 15 minutes of waiting: guessing
 * becomes hopeless, while a colleague who mistypes (or someone trying a colleague's name) can keep that
 * account waiting no longer than 15 minutes at a time. An office behind one address gets 20 tries.
 * The window is longer than the waits add up to, so the doubling is not undone by the waiting itself.
 */
export const DEFAULT_POLICY: ThrottlePolicy = {
  windowMs: 60 * 60_000,
  accountLimit: 5,
  addressLimit: 20,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
};

export class LoginThrottle {
  private readonly failuresStmt;
  private readonly insertStmt;
  private readonly clearStmt;
  private readonly pruneStmt;

  constructor(
    db: Db,
    private readonly policy: ThrottlePolicy = DEFAULT_POLICY,
  ) {
    this.failuresStmt = db.prepare('SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC');
    this.insertStmt = db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)');
    this.clearStmt = db.prepare('DELETE FROM login_failures WHERE key = ?');
    this.pruneStmt = db.prepare('DELETE FROM login_failures WHERE at <= ?');
  }

  /** Milliseconds to wait before this account may try again from this address (0: it may try now). */
  waitMs(username: string, address: string): number {
    const now = Date.now();
    return Math.max(
      this.keyWait(accountKey(username), this.policy.accountLimit, now),
      this.keyWait(addressKey(address), this.policy.addressLimit, now),
    );
  }

  private keyWait(key: string, limit: number, now: number): number {
    const failures = this.failuresStmt.pluck().all(key, now - this.policy.windowMs) as number[];
    if (failures.length < limit) return 0;
    const doublings = failures.length - limit;
    const delay = Math.min(this.policy.baseDelayMs * 2 ** Math.min(doublings, 30), this.policy.maxDelayMs);
    return Math.max(0, failures[0]! + delay - now);
  }

  /** Counts a failed sign-in against the account and the address. */
  recordFailure(username: string, address: string): void {
    const now = Date.now();
    this.pruneStmt.run(now - this.policy.windowMs);
    this.insertStmt.run(accountKey(username), now);
    this.insertStmt.run(addressKey(address), now);
  }

  /** A successful sign-in clears the account's failures (the address keeps its count). */
  recordSuccess(username: string): void {
    this.clearStmt.run(accountKey(username));
  }
}

function accountKey(username: string): string {
  return 'account:' + username.normalize('NFC').toLowerCase();
}

function addressKey(address: string): string {
  return 'address:' + address;
}
