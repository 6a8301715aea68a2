/** Exports every result of a public search (the /api/search parameters) as CSV or JSON. */
import { Router } from 'express';
import { parseSearchParams } from '../http/search-params.js';
import type { SearchService } from '../../search/search-service.js';
import { parseOrThrow } from '../core/validate.js';
import { exportSearch } from '../bulk/export.js';
import { Format, startDownload } from './bulk-routes.js';

/** What the export of a search's answer uses. */
export interface SearchExportRouteDeps {
  search: SearchService;
}

export function searchExportRoutes(ctx: SearchExportRouteDeps): Router {
  const router = Router();
  router.get('/export/search.:format', async (req, res) => {
    const { format } = parseOrThrow(Format, req.params, 'invalid export');
    const query = parseSearchParams(req.query);
    startDownload(res, 'search', format);
    await exportSearch(ctx.search, query, format, res);
  });
  return router;
}
