/** `GET /api/search` and `GET /api/:collection`: the contract's search, as JSON. */
import { Router, type Request, type Response } from 'express';
import { parseSearchParams } from '../http/search-params.js';
import type { SearchService } from '../../search/search-service.js';
import type { SearchLog } from '../analytics/search-log.js';
import { getCollection } from '../collections/registry.js';

/** The query string, with the request's language (cookie or Accept-Language) when it names none. */
function searchParams(req: Request, res: Response): Record<string, unknown> {
  return { lang: res.locals.lang, ...req.query };
}

/** The API also takes `facets=false`, to leave out the facet counts it does not need. */
const API_OPTIONS = { facets: true };

/** What the search API uses: the search, and the log of what was searched. */
export interface SearchApiDeps {
  search: SearchService;
  searchLog: SearchLog;
}

/** The search routes of the JSON API. */
export function searchApiRouter(ctx: SearchApiDeps): Router {
  const router = Router();

  router.get('/api/search', async (req, res) => {
    const query = parseSearchParams(searchParams(req, res), undefined, API_OPTIONS);
    const result = await ctx.search.search(query);
    res.json(result);
    ctx.searchLog.recordAnswer(query, result.total);
  });

  router.get('/api/:collection', async (req, res) => {
    const def = getCollection(req.params.collection);
    const query = parseSearchParams(searchParams(req, res), def.name, API_OPTIONS);
    const result = await ctx.search.search(query);
    res.json(result);
    ctx.searchLog.recordAnswer(query, result.total);
  });

  return router;
}
