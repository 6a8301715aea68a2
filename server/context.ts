/** Builds everything the app needs from the configuration: database, services, search. */
import { loadSeeds } from '../seeds/load.js';
import { SearchService } from '../search/search-service.js';
import { AuditLog } from './audit/audit-log.js';
import { sessionSecret } from './auth/session.js';
import { UserService } from './auth/users.js';
import { ListingService } from './collections/listing-service.js';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { InquiryService } from './inquiries/inquiry-service.js';
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
  needs: NeedService;
  sessionSecret: string;
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
    needs,
    sessionSecret: sessionSecret(db, config.SESSION_SECRET),
    async close() {
      clearInterval(eraser);
      await search.close();
      db.close();
    },
  };
}
