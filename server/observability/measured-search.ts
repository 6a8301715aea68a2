/** The search service, with each search's time recorded by the engine that answered it. */
import { SearchService, type SearchServiceDeps } from '../../search/search-service.js';
import type { SearchQuery, SearchResult } from '../../search/core/types.js';
import type { Metrics } from './metrics.js';

/** A SearchService whose searches are measured; everything else is the service's own. */
export class MeasuredSearchService extends SearchService {
  constructor(
    deps: SearchServiceDeps,
    private readonly metrics: Metrics,
  ) {
    super(deps);
  }

  /** The service's answer, its time recorded. */
  override async search(query: SearchQuery): Promise<SearchResult> {
    const result = await super.search(query);
    this.metrics.observeSearch(result.engine, result.tookMs);
    return result;
  }
}
