/** Scheduled backups: every `BACKUP_EVERY`, a checked copy into `BACKUP_DIR`, keeping the newest `BACKUP_KEEP`. */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Db } from '../db/connection.js';
import type { Logger } from '../observability/logger.js';
import { backupDatabase, describeCounts, type BackupReport } from './backup.js';

/** The settings a schedule is made of. */
export interface BackupSchedule {
  databasePath: string;
  dir: string;
  everyMs: number;
  keep: number;
}

/** What the last backups did, for `/readyz` and the dashboard. */
export interface BackupStatus {
  dir: string;
  every: string;
  lastSuccessAt: string | null;
  lastFile: string | null;
  lastError: string | null;
  nextAt: string | null;
}

/** After a failure, the next try comes at most this soon, so a full disk fixed in the morning is backed up before night. */
const RETRY_MS = 15 * 60_000;
/** The first backup after a start waits this long at most: the server settles (an index rebuild) first. */
const FIRST_DELAY_MS = 60_000;

/** `24h`, `30m`, `90s` back from milliseconds. */
function formatPeriod(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms / 1000}s`;
}

/** Takes backups on schedule through the server's own connection, and keeps their outcome. */
export class BackupScheduler {
  private readonly prefix: string;
  private readonly pattern: RegExp;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private lastSuccessAt: Date | null = null;
  private lastFile: string | null = null;
  private lastError: string | null = null;
  private nextAt: Date | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly schedule: BackupSchedule,
    private readonly logger: Logger,
  ) {
    this.prefix = basename(schedule.databasePath, extname(schedule.databasePath));
    this.pattern = new RegExp(`^${this.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z\\.db$`);
  }

  /** Creates the folder, reads the newest backup already there, and plans the next one. */
  start(): void {
    try {
      mkdirSync(this.schedule.dir, { recursive: true, mode: 0o700 });
      // A copy cut short by a crash or a kill is never a backup.
      for (const name of readdirSync(this.schedule.dir)) {
        if (name.endsWith('.partial') && this.pattern.test(name.slice(0, -'.partial'.length))) rmSync(join(this.schedule.dir, name), { force: true });
      }
      const newest = this.backups().at(-1);
      if (newest) {
        this.lastFile = join(resolve(this.schedule.dir), newest);
        this.lastSuccessAt = statSync(this.lastFile).mtime;
      }
    } catch (err) {
      // The server serves anyway; each planned backup tries again and the dashboard shows why it failed.
      this.lastError = `cannot use ${resolve(this.schedule.dir)}: ${(err as Error).message}`;
      this.logger.error({ err }, 'backup folder unusable');
    }
    const due = (this.lastSuccessAt?.getTime() ?? 0) + this.schedule.everyMs - Date.now();
    this.plan(Math.max(Math.min(due, this.schedule.everyMs), Math.min(this.schedule.everyMs, FIRST_DELAY_MS)));
  }

  /** Takes one backup now (one at a time), removes the oldest beyond `keep`, and records the outcome. */
  async runOnce(): Promise<BackupReport> {
    while (this.running) await this.running.catch(() => undefined);
    const stamp = new Date().toISOString().replace(/:/g, '-');
    const target = join(this.schedule.dir, `${this.prefix}-${stamp}.db`);
    const run = backupDatabase({ db: this.db, file: this.schedule.databasePath }, target);
    this.running = run;
    try {
      const report = await run;
      this.lastSuccessAt = new Date();
      this.lastFile = report.file;
      this.lastError = null;
      this.prune();
      this.logger.info({ backup: { file: report.file, bytes: report.bytes, ms: report.ms } }, `backup written (${describeCounts(report.counts)})`);
      return report;
    } catch (err) {
      this.lastError = (err as Error).message;
      this.logger.error({ err }, 'backup failed');
      throw err;
    } finally {
      this.running = null;
    }
  }

  /** The last outcome and the next run, as `/readyz` and the dashboard show them. */
  status(): BackupStatus {
    return {
      dir: resolve(this.schedule.dir),
      every: formatPeriod(this.schedule.everyMs),
      lastSuccessAt: this.lastSuccessAt?.toISOString() ?? null,
      lastFile: this.lastFile,
      lastError: this.lastError,
      nextAt: this.nextAt?.toISOString() ?? null,
    };
  }

  /** When the last backup succeeded, or null. */
  lastSuccess(): Date | null {
    return this.lastSuccessAt;
  }

  /** Stops the schedule and waits for a backup under way, so the database is not closed beneath it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
    await this.running?.catch(() => undefined);
  }

  private plan(delayMs: number): void {
    if (this.stopped) return;
    this.nextAt = new Date(Date.now() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce().then(
        () => this.plan(this.schedule.everyMs),
        () => this.plan(Math.min(this.schedule.everyMs, RETRY_MS)),
      );
    }, delayMs);
    this.timer.unref();
  }

  /** This schedule's backups in the folder, oldest first (their names sort by time). */
  private backups(): string[] {
    return readdirSync(this.schedule.dir).filter((name) => this.pattern.test(name)).sort();
  }

  private prune(): void {
    const all = this.backups();
    for (const name of all.slice(0, Math.max(0, all.length - this.schedule.keep))) rmSync(join(this.schedule.dir, name), { force: true });
  }
}
