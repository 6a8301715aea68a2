/**
 * Keeps the audit log to its retention period: entries older than it are first appended to a JSON Lines file
 * under the data folder (one object a line, as the log stores it), then deleted. Runs at start and once a day,
 * in batches that each hold the database for a few milliseconds.
 */
import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../db/connection.js';
import type { AuditRow } from './audit-log.js';
import { inTransaction } from '../db/connection.js';
import type { WriteGate } from '../db/write-gate.js';

const BATCH = 2000;
const DAY_MS = 86_400_000;

/** What one pruning did. */
export interface PruneResult {
  archived: number;
  /** The file the entries went to (none when nothing was old enough). */
  file?: string;
}

export class AuditRetention {
  private timer?: NodeJS.Timeout;
  private running: Promise<PruneResult> | null = null;

  /** `days`: how long entries are kept (0 keeps them all); the archive folder is `audit-archive` beside the database. */
  constructor(
    private readonly db: Db,
    private readonly databasePath: string,
    private readonly days: number,
    private readonly gate?: WriteGate,
  ) {}

  /** The folder the old entries are written to. */
  get archiveDir(): string {
    return join(dirname(this.databasePath), 'audit-archive');
  }

  /** Prunes now, then every day; the timer never keeps the process alive. */
  start(): void {
    if (this.days === 0 || this.databasePath === ':memory:') return;
    const run = () => void this.prune().catch((err) => console.error('audit log pruning failed', err));
    run();
    this.timer = setInterval(run, DAY_MS);
    this.timer.unref();
  }

  /** Waits for a pruning under way and stops the daily one. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Archives then deletes every entry older than the retention period; one pruning at a time. */
  prune(now = Date.now()): Promise<PruneResult> {
    if (this.days === 0) return Promise.resolve({ archived: 0 });
    this.running ??= this.pruneOld(new Date(now - this.days * DAY_MS).toISOString()).finally(() => (this.running = null));
    return this.running;
  }

  private async pruneOld(cutoff: string): Promise<PruneResult> {
    const select = this.db.prepare<[string, number], AuditRow>('SELECT * FROM audit_log WHERE at < ? ORDER BY id LIMIT ?');
    const remove = this.db.prepare<[number]>('DELETE FROM audit_log WHERE id = ?');
    const file = join(this.archiveDir, `audit-before-${cutoff.slice(0, 10)}-${Date.now()}.jsonl`);
    let archived = 0;
    for (;;) {
      const release = await this.gate?.enter();
      try {
        const rows = select.all(cutoff, BATCH);
        if (rows.length === 0) break;
        // Written and flushed to disk before the rows are deleted: an entry is never lost, at worst archived twice.
        mkdirSync(this.archiveDir, { recursive: true });
        appendDurably(file, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
        inTransaction(this.db, () => rows.forEach((row) => remove.run(row.id)));
        archived += rows.length;
      } finally {
        release?.();
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return archived ? { archived, file } : { archived };
  }
}

function appendDurably(file: string, text: string): void {
  appendFileSync(file, text, { mode: 0o600 });
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
