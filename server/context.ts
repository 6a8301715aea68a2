/** Builds everything the app needs from the configuration: database, services, search. */
import { loadSeeds } from '../seeds/load.js';
import { SearchService } from '../search/search-service.js';
import { AuditLog } from './audit/audit-log.js';
import { AuditRetention } from './audit/audit-retention.js';
import { sessionSecret } from './auth/session.js';
import { UserService } from './auth/users.js';
import { ListingService } from './collections/listing-service.js';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { ImportJobs } from './bulk/import-jobs.js';
import { WriteGate } from './db/write-gate.js';
import { InquiryService } from './inquiries/inquiry-service.js';

export interface AppContext {
  config: Config;
  db: Db;
  listings: ListingService;
  audit: AuditLog;
  search: SearchService;
  inquiries: InquiryService;
  sessionSecret: string;
  /** Holds this process's writes while an import's worker writes. */
  writeGate: WriteGate;
  /** Imports running in worker threads. */
  imports: ImportJobs;
  /** Archives and prunes audit entries older than AUDIT_RETENTION_DAYS. */
  auditRetention: AuditRetention;
  /** Closes the search workers and the database. */
  close(): Promise<void>;
}

/** Opens and migrates the database, wires the services, seeds an empty database when SEED=auto. */
export async function buildContext(config: Config): Promise<AppContext> {
  const db = openDatabase(config.DATABASE_PATH);
  migrate(db);
  const listings = new ListingService(db);
  const audit = new AuditLog(db);
  listings.onChange(audit.recordChange);
  const search = new SearchService({ config, db, listings });
  if (config.SEED === 'auto') loadSeeds(db, listings);
  await new UserService(db, audit).ensureFirstAdmin(config);
  const writeGate = new WriteGate();
  const imports = new ImportJobs(config, writeGate, { db, listings, audit });
  const auditRetention = new AuditRetention(db, config.DATABASE_PATH, config.AUDIT_RETENTION_DAYS, writeGate);
  auditRetention.start();
  return {
    config,
    db,
    listings,
    audit,
    search,
    inquiries: new InquiryService(db, listings, audit),
    sessionSecret: sessionSecret(db, config.SESSION_SECRET),
    writeGate,
    imports,
    auditRetention,
    async close() {
      await imports.close();
      await auditRetention.close();
      await search.close();
      db.close();
    },
  };
}
