/** Builds everything the app needs from the configuration: database, services, search. */
import type { DestinationStream } from 'pino';
import { loadSeeds } from '../seeds/load.js';
import { searchOptions, type SearchService } from '../search/search-service.js';
import { SearchLog } from './analytics/search-log.js';
import { AuditLog } from './audit/audit-log.js';
import { AuditRetention } from './audit/audit-retention.js';
import { sessionSecret } from './auth/session.js';
import { UserService } from './auth/users.js';
import { ListingService } from './collections/listing-service.js';
import type { Config } from './core/config.js';
import { openDatabase, type Db } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { ImportJobs } from './bulk/import-jobs.js';
import { WriteGate } from './db/write-gate.js';
import { InquiryService } from './inquiries/inquiry-service.js';
import { loadDefaultSynonyms } from './synonyms/default-synonyms.js';
import { SynonymStore } from './synonyms/synonym-store.js';
import { BackupScheduler } from './backup/scheduler.js';
import { Readiness } from './lifecycle/readiness.js';
import { createLogger, type Logger } from './observability/logger.js';
import { MeasuredSearchService } from './observability/measured-search.js';
import { Metrics } from './observability/metrics.js';
import { NeedService } from './needs/need-service.js';

/** How often closed needs are checked against their retention period. */
const ERASE_EVERY_MS = 6 * 3600 * 1000;

export interface AppContext {
  config: Config;
  db: Db;
  listings: ListingService;
  audit: AuditLog;
  search: SearchService;
  inquiries: InquiryService;
  /** The synonym rules staff maintain; search reads their snapshot. */
  synonyms: SynonymStore;
  /** Daily counts of public searches, for the dashboard. */
  searchLog: SearchLog;
  needs: NeedService;
  sessionSecret: string;
  logger: Logger;
  metrics: Metrics;
  readiness: Readiness;
  /** Scheduled backups when `BACKUP_DIR` is set; started by the server once it listens. */
  backups: BackupScheduler | null;
  /** Holds this process's writes while an import's worker writes. */
  writeGate: WriteGate;
  /** Imports running in worker threads. */
  imports: ImportJobs;
  /** Archives and prunes audit entries older than AUDIT_RETENTION_DAYS. */
  auditRetention: AuditRetention;
  /** Stops the backups and imports, closes the search workers, writes the waiting search counts and closes the database. */
  close(): Promise<void>;
}

/** What a caller may add to the configuration: where logs go (a test's stream; stdout otherwise). */
export interface ContextOptions {
  logDestination?: DestinationStream;
}

/** Opens and migrates the database, wires the services, seeds an empty database when SEED=auto. */
export async function buildContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = createLogger(config, options.logDestination);
  const db = openDatabase(config.DATABASE_PATH);
  migrate(db);
  const listings = new ListingService(db);
  const audit = new AuditLog(db);
  listings.onChange(audit.recordChange);
  const synonyms = new SynonymStore(db);
  // Product configuration, not sample data: loaded whatever SEED says, once in the life of the database.
  loadDefaultSynonyms(synonyms);
  const searchLog = new SearchLog(db);
  const backups = config.BACKUP_DIR && config.BACKUP_EVERY
    ? new BackupScheduler(db, { databasePath: config.DATABASE_PATH, dir: config.BACKUP_DIR, everyMs: config.BACKUP_EVERY, keep: config.BACKUP_KEEP }, logger)
    : null;
  const metrics = new Metrics({ db, pendingIndexJobs: () => search.health().pendingIndexJobs, lastBackupAt: () => backups?.lastSuccess() ?? null });
  const search: SearchService = new MeasuredSearchService({ options: searchOptions(config), db, listings, synonyms }, metrics);
  if (config.SEED === 'auto') loadSeeds(db, listings);
  await new UserService(db, audit).ensureFirstAdmin(config);
  const writeGate = new WriteGate();
  const imports = new ImportJobs(config, writeGate, { db, listings, audit });
  const auditRetention = new AuditRetention(db, config.DATABASE_PATH, config.AUDIT_RETENTION_DAYS, writeGate);
  auditRetention.start();
  const readiness = new Readiness({ db, searchStarted: search.flush(0), ...(backups ? { backup: () => backups.status() } : {}) });
  const needs = new NeedService(db, listings, audit, search, config.NEEDS_RETENTION_DAYS);
  needs.eraseExpired();
  // A server runs for months: closed needs past their retention are erased every few hours, not only at start.
  const eraser = setInterval(() => needs.eraseExpired(), ERASE_EVERY_MS).unref();
  return {
    config,
    db,
    listings,
    audit,
    search,
    inquiries: new InquiryService(db, listings, audit),
    synonyms,
    searchLog,
    needs,
    sessionSecret: sessionSecret(db, config.SESSION_SECRET),
    logger,
    metrics,
    readiness,
    backups,
    writeGate,
    imports,
    auditRetention,
    async close() {
      await backups?.stop();
      await imports.close();
      await auditRetention.close();
      clearInterval(eraser);
      await search.close();
      searchLog.close();
      db.close();
    },
  };
}
