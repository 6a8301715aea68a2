/** The search component: engines, index jobs and the query entry point used by the API and the pages. */
import type { Config } from '../server/config.js';
import type { Db } from '../server/db/connection.js';
import type { ListingService } from '../server/collections/listing-service.js';
import type { SearchHealth, SearchQuery, SearchResult } from './types.js';

export interface SearchServiceDeps {
  config: Config;
  db: Db;
  listings: ListingService;
}

export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  async search(_query: SearchQuery): Promise<SearchResult> {
    throw new Error('search is not available yet');
  }

  health(): SearchHealth {
    return { engine: 'sqlite', pendingIndexJobs: 0 };
  }

  async close(): Promise<void> {}
}
