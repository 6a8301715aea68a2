/** A search stack on a temporary database, and valid listing inputs for every collection. */
import { join } from 'node:path';
import type { CollectionName, ListingInput } from '../../../server/collections/define.js';
import { ListingService } from '../../../server/collections/listing-service.js';
import { loadConfig } from '../../../server/core/config.js';
import { openDatabase, type Db } from '../../../server/db/connection.js';
import { migrate } from '../../../server/db/migrate.js';
import { parseSearchParams } from '../../../server/http/search-params.js';
import type { RemoteEngine, RemoteIndexOptions } from '../../../search/meilisearch/remote-engine.js';
import { SearchService, searchOptions } from '../../../search/search-service.js';
import type { SearchResult } from '../../../search/core/types.js';
import { tempDir } from '../../helpers/context.js';

export interface SearchStack {
  db: Db;
  dbPath: string;
  listings: ListingService;
  search: SearchService;
  /** Searches with the contract's parameters (as a query string would give them). */
  find(params?: Record<string, string>, collection?: CollectionName): Promise<SearchResult>;
  /** Waits until every engine has every change. */
  settle(): Promise<void>;
  /** A new service on the same database (as after a restart). */
  reopen(options?: StackOptions): SearchStack;
  close(): Promise<void>;
}

export interface StackOptions {
  env?: Record<string, string>;
  remote?: RemoteEngine;
  meiliIndex?: string;
  remoteOptions?: RemoteIndexOptions;
}

function stackOn(dbPath: string, options: StackOptions, removeDir: () => void): SearchStack {
  const db = openDatabase(dbPath);
  migrate(db);
  const config = loadConfig({ DATABASE_PATH: dbPath, SEED: 'off', ...options.env });
  const listings = new ListingService(db);
  const search = new SearchService({ options: searchOptions(config, options.meiliIndex), db, listings, remote: options.remote, remoteOptions: options.remoteOptions });
  const stack: SearchStack = {
    db,
    dbPath,
    listings,
    search,
    find: (params = {}, collection) => search.search(parseSearchParams(params, collection)),
    async settle() {
      if (!(await search.flush(30_000))) throw new Error('the index did not settle');
    },
    reopen: (next = options) => stackOn(dbPath, next, removeDir),
    async close() {
      await search.close();
      db.close();
      removeDir();
    },
  };
  return stack;
}

/** A fresh, empty database with its search service. `close()` removes the database. */
export function createSearchStack(options: StackOptions = {}): SearchStack {
  const { dir, remove } = tempDir('cjd-search-');
  return stackOn(join(dir, 'search.db'), options, remove);
}

/** Closes a stack opened by `reopen` without removing the shared database. */
export async function closeOnly(stack: SearchStack): Promise<void> {
  await stack.search.close();
  stack.db.close();
}

const common = (name: string, extra: ListingInput = {}): ListingInput => ({
  name,
  nameEn: '',
  summary: '',
  summaryEn: '',
  county: 'changji',
  fields: ['digital'],
  ...extra,
});

/** A valid platform input; any field may be overridden. */
export function platform(name: string, extra: ListingInput = {}): ListingInput {
  return { ...common(name), kind: 'key-lab', level: 'regional', host: '', hostEn: '', location: null, locationEn: null, established: null, ...extra };
}

export function institution(name: string, extra: ListingInput = {}): ListingInput {
  return { ...common(name), type: 'university', location: '', locationEn: '', agreementYear: null, ...extra };
}

export function expert(name: string, extra: ListingInput = {}): ListingInput {
  return {
    ...common(name), category: 'expert', title: '', titleEn: '', affiliation: '', affiliationEn: '', institutionId: null, expertise: [], expertiseEn: [], ...extra,
  };
}

export function apartment(name: string, extra: ListingInput = {}): ListingInput {
  return {
    ...common(name), kind: 'talent-apartment', township: '三工镇', townshipEn: '', address: '', addressEn: '', units: 10, availableUnits: 2, areaSqm: null, furnished: true, monthlyRent: 0, ...extra,
  };
}

/** Names of the hits, in order. */
export function names(result: SearchResult): string[] {
  return result.hits.map((h) => h.name);
}
