/** Readiness: ready once the database is migrated and seeded and the search index built; not while stopping. */
import type { BackupStatus } from '../backup/scheduler.js';
import type { Db } from '../db/connection.js';

/** What `/readyz` answers. */
export interface ReadinessReport {
  status: 'ready' | 'starting' | 'stopping' | 'failing';
  checks: { database: 'ok' | 'failing'; search: 'ok' | 'starting' };
  backup?: BackupStatus;
}

/** What readiness watches. */
export interface ReadinessSources {
  db: Db;
  /** Resolves once the search index is built (at once when it was current at start). */
  searchStarted: Promise<unknown>;
  backup?: () => BackupStatus;
}

/** The state `/readyz` reports; migrations and seeding are done before the app exists, so they are not waited for here. */
export class Readiness {
  private searchReady = false;
  private stopping = false;
  private readonly ping;

  constructor(private readonly sources: ReadinessSources) {
    this.ping = sources.db.prepare<[], number>('SELECT count(*) FROM schema_migrations').pluck();
    void sources.searchStarted.then(() => {
      this.searchReady = true;
    });
  }

  /** From now on the server is going away: load balancers and probes must stop sending to it. */
  beginShutdown(): void {
    this.stopping = true;
  }

  /** True once a shutdown began. */
  get shuttingDown(): boolean {
    return this.stopping;
  }

  /** The state now, with each check and the backups' outcome. */
  report(): ReadinessReport {
    const database = this.databaseAnswers() ? 'ok' : 'failing';
    const search = this.searchReady ? 'ok' : 'starting';
    const status = this.stopping ? 'stopping' : database !== 'ok' ? 'failing' : search !== 'ok' ? 'starting' : 'ready';
    const backup = this.sources.backup?.();
    return { status, checks: { database, search }, ...(backup ? { backup } : {}) };
  }

  private databaseAnswers(): boolean {
    if (!this.sources.db.open) return false;
    try {
      return (this.ping.get() ?? 0) > 0;
    } catch {
      return false;
    }
  }
}
