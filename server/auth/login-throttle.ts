/**
 * Slows password guessing. Each attempt reserves its place before the slow password check, so concurrent
 * attempts are counted like consecutive ones: failures per account and address and per address lock with a
 * delay that doubles and is capped; failures of an account from other addresses only slow its attempts down.
 */
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/connection.js';

export interface ThrottlePolicy {
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** Failures allowed in the window before a wait is imposed, per account and address, and per address. */
  pairLimit: number;
  addressLimit: number;
  /** The first wait; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures of an account from other addresses before its attempts are slowed down. */
  accountLimit: number;
  /** The first slow-down of such an attempt; each further failure doubles it, up to `maxSlowMs`. */
  baseSlowMs: number;
  maxSlowMs: number;
}

/**
 * Five tries per account and address within an hour, then 1, 2, 4, 8 and at most 15 minutes of waiting:
 * guessing from one address becomes hopeless. An office behind one address gets 20 tries. Someone who knows a
 * colleague's name can no longer lock them out from elsewhere: failures from other addresses make each attempt on
 * the account wait 1, 2, 4 and at most 8 seconds, and the right password still signs in. The window is longer
 * than the waits add up to, so the doubling is not undone by the waiting itself.
 */
export const DEFAULT_POLICY: ThrottlePolicy = {
  windowMs: 60 * 60_000,
  pairLimit: 5,
  addressLimit: 20,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  accountLimit: 5,
  baseSlowMs: 1000,
  maxSlowMs: 8000,
};

/** The outcome of asking to check a password: refused for `waitMs`, or admitted after a slow-down of `slowMs`. */
export type Admission = { admitted: false; waitMs: number } | { admitted: true; slowMs: number; ticket: Ticket };

/** An admitted attempt's reservation: counted as a failure until it is settled as a success. */
export interface Ticket {
  username: string;
  address: string;
  rowIds: number[];
}

export class LoginThrottle {
  private readonly failuresStmt;
  private readonly insertStmt;
  private readonly clearStmt;
  private readonly deleteStmt;
  private readonly pruneStmt;

  constructor(
    private readonly db: Db,
    private readonly policy: ThrottlePolicy = DEFAULT_POLICY,
  ) {
    this.failuresStmt = db.prepare<[string, number], number>('SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC').pluck();
    this.insertStmt = db.prepare<[string, number]>('INSERT INTO login_failures (key, at) VALUES (?, ?)');
    this.clearStmt = db.prepare<[string]>('DELETE FROM login_failures WHERE key = ?');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM login_failures WHERE id = ?');
    this.pruneStmt = db.prepare<[number]>('DELETE FROM login_failures WHERE at <= ?');
  }

  /**
   * Admits an attempt and counts it as a failure at once, or refuses it. One immediate transaction: whatever the
   * concurrency (threads, processes), no more attempts are admitted than the limits allow.
   */
  reserve(username: string, address: string): Admission {
    return inTransaction(this.db, () => {
      const now = Date.now();
      const keys = { pair: pairKey(username, address), address: addressKey(address), account: accountKey(username) };
      const pair = this.failures(keys.pair, now);
      const fromAddress = this.failures(keys.address, now);
      const waitMs = Math.max(this.lockWait(pair, this.policy.pairLimit, now), this.lockWait(fromAddress, this.policy.addressLimit, now));
      if (waitMs > 0) return { admitted: false, waitMs };
      const elsewhere = this.failures(keys.account, now).length - pair.length;
      this.pruneStmt.run(now - this.policy.windowMs);
      const rowIds = Object.values(keys).map((key) => Number(this.insertStmt.run(key, now).lastInsertRowid));
      return { admitted: true, slowMs: this.slowDown(elsewhere), ticket: { username, address, rowIds } };
    });
  }

  /** A successful sign-in takes back its reservation and clears the account's failures (the address keeps its count). */
  succeeded(ticket: Ticket): void {
    inTransaction(this.db, () => {
      for (const id of ticket.rowIds) this.deleteStmt.run(id);
      this.clearStmt.run(pairKey(ticket.username, ticket.address));
      this.clearStmt.run(accountKey(ticket.username));
    });
  }

  private failures(key: string, now: number): number[] {
    return this.failuresStmt.all(key, now - this.policy.windowMs);
  }

  private lockWait(failures: number[], limit: number, now: number): number {
    const [first] = failures;
    if (first === undefined || failures.length < limit) return 0;
    const delay = doubled(this.policy.baseDelayMs, failures.length - limit, this.policy.maxDelayMs);
    return Math.max(0, first + delay - now);
  }

  private slowDown(failuresElsewhere: number): number {
    if (failuresElsewhere < this.policy.accountLimit) return 0;
    return doubled(this.policy.baseSlowMs, failuresElsewhere - this.policy.accountLimit, this.policy.maxSlowMs);
  }
}

function doubled(base: number, doublings: number, max: number): number {
  return Math.min(base * 2 ** Math.min(doublings, 30), max);
}

function accountKey(username: string): string {
  return 'account:' + username.normalize('NFC').toLowerCase();
}

function addressKey(address: string): string {
  return 'address:' + address;
}

function pairKey(username: string, address: string): string {
  return `pair:${address}:${username.normalize('NFC').toLowerCase()}`;
}
