/**
 * A lease in SQLite that one process holds at a time: the right to rebuild the external index. The holder renews
 * it while it works; a holder that dies stops renewing, and the lease expires so another process can take it.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../../server/db/connection.js';
import { RebuildRunning } from './remote-errors.js';

/** Who holds a lease and until when (ms since the epoch). */
export interface LeaseHolder {
  owner: string;
  acquiredAt: number;
  expiresAt: number;
}

/** How a lease is held and waited for. */
export interface LeaseOptions {
  /** A lease not renewed for this long is free again. */
  ttlMs?: number;
  /** How often a waiting process looks again. */
  pollMs?: number;
}

/** How a caller waits for a lease another process holds. */
export interface AcquireOptions {
  /** False: refuse at once with `RebuildRunning`. */
  wait: boolean;
  /** Told once when the caller starts waiting. */
  onWait?: (holder: LeaseHolder) => void;
  /** Stop waiting (the service is closing). */
  cancelled?: () => boolean;
}

function statements(db: Db) {
  return {
    // One statement takes a free or expired lease, or renews our own: atomic without a transaction.
    take: db.prepare<{ name: string; owner: string; now: number; until: number }>(`INSERT INTO search_leases (name, owner, acquiredAt, expiresAt) VALUES (@name, @owner, @now, @until)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquiredAt = excluded.acquiredAt, expiresAt = excluded.expiresAt
      WHERE search_leases.expiresAt < @now OR search_leases.owner = excluded.owner`),
    renew: db.prepare<[number, string, string]>('UPDATE search_leases SET expiresAt = ? WHERE name = ? AND owner = ?'),
    release: db.prepare<[string, string]>('DELETE FROM search_leases WHERE name = ? AND owner = ?'),
    holder: db.prepare<[string, number], LeaseHolder>('SELECT owner, acquiredAt, expiresAt FROM search_leases WHERE name = ? AND expiresAt >= ?'),
  };
}

type Statements = ReturnType<typeof statements>;

/** One named lease in the `search_leases` table, seen from this process. */
export class Lease {
  readonly owner = `${hostname()} pid ${process.pid} ${randomUUID().slice(0, 8)}`;
  private readonly ttlMs: number;
  private readonly pollMs: number;
  private renewTimer: NodeJS.Timeout | null = null;
  private readonly sql: Statements;

  constructor(
    db: Db,
    readonly name: string,
    options: LeaseOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1000;
    this.sql = statements(db);
  }

  /** Takes the lease if it is free or expired; true when this process holds it now. */
  tryAcquire(now = Date.now()): boolean {
    const taken = this.sql.take.run({ name: this.name, owner: this.owner, now, until: now + this.ttlMs }).changes === 1;
    if (taken) this.keepRenewing();
    return taken;
  }

  /** The current holder of an unexpired lease, or null when it is free. */
  holder(now = Date.now()): LeaseHolder | null {
    return this.sql.holder.get(this.name, now) ?? null;
  }

  /** Takes the lease, waiting for the holder to release it or to die, or refusing when `wait` is false. */
  async acquire(options: AcquireOptions): Promise<void> {
    let told = false;
    while (!this.tryAcquire()) {
      const holder = this.holder();
      if (!holder) continue;
      if (!options.wait) throw new RebuildRunning(`another rebuild is running (${describeHolder(holder)})`);
      if (!told) options.onWait?.(holder);
      told = true;
      if (options.cancelled?.()) throw new Error('stopped waiting for the rebuild lease: the search service is closing');
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  /** Extends the lease; false when it expired and another process took it (the holder must stop). */
  renew(now = Date.now()): boolean {
    return this.sql.renew.run(now + this.ttlMs, this.name, this.owner).changes === 1;
  }

  /** Gives the lease up (nothing happens when another process holds it). */
  release(): void {
    this.stopRenewing();
    this.sql.release.run(this.name, this.owner);
  }

  private stopRenewing(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  private keepRenewing(): void {
    if (this.renewTimer) return;
    this.renewTimer = setInterval(() => {
      try {
        if (!this.renew()) this.stopRenewing();
      } catch {
        // The database closed under a rebuild that is being abandoned: nothing left to renew.
        this.stopRenewing();
      }
    }, Math.max(10, Math.floor(this.ttlMs / 3)));
    this.renewTimer.unref();
  }
}

/** `owner, since 08:01:02 UTC`: who holds a lease, for a message. */
export function describeHolder(holder: LeaseHolder): string {
  return `${holder.owner}, since ${new Date(holder.acquiredAt).toISOString().slice(11, 19)} UTC`;
}
