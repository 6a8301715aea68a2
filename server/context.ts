/** Builds everything the app needs from the configuration: database, services, search. */
import { loadSeeds } from '../seeds/load.js';
import { SearchService } from '../search/search-service.js';
import { SearchLog } from './analytics/search-log.js';
import { AuditLog } from './audit/audit-log.js';
import { sessionSecret } from './auth/session.js';
import { UserService } from './auth/users.js';
import { ListingService } from './collections/listing-service.js';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { InquiryService } from './inquiries/inquiry-service.js';
import { loadDefaultSynonyms } from './synonyms/default-synonyms.js';
import { SynonymStore } from './synonyms/synonym-store.js';

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
  sessionSecret: string;
  /** Closes the search workers, writes the waiting search counts and closes the database. */
  close(): Promise<void>;
}

/** Opens and migrates the database, wires the services, seeds an empty database when SEED=auto. */
export async function buildContext(config: Config): Promise<AppContext> {
  const db = openDatabase(config.DATABASE_PATH);
  migrate(db);
  const listings = new ListingService(db);
  const audit = new AuditLog(db);
  listings.onChange(audit.recordChange);
  const synonyms = new SynonymStore(db);
  // Product configuration, not sample data: loaded whatever SEED says, once in the life of the database.
  loadDefaultSynonyms(synonyms);
  const searchLog = new SearchLog(db);
  const search = new SearchService({ config, db, listings, synonyms });
  if (config.SEED === 'auto') loadSeeds(db, listings);
  await new UserService(db, audit).ensureFirstAdmin(config);
  return {
    config,
    db,
    listings,
    audit,
    search,
    inquiries: new InquiryService(db, listings, audit),
    synonyms,
    searchLog,
    sessionSecret: sessionSecret(db, config.SESSION_SECRET),
    async close() {
      await search.close();
      searchLog.close();
      db.close();
    },
  };
}
