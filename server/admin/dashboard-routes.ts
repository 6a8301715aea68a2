/** The dashboard: listings per collection, stale listings, the inbox, what people search for, the search index and its rebuild, the backups. */
import { Router } from 'express';
import { currentUser, requireRole } from '../auth/guards.js';
import { COLLECTIONS } from '../collections/registry.js';
import { WEEK_RANGES, type SearchLog } from '../analytics/search-log.js';
import type { SearchService } from '../../search/search-service.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { BackupScheduler } from '../backup/scheduler.js';
import type { InquiryService } from '../inquiries/inquiry-service.js';
import type { NeedService } from '../needs/need-service.js';
import type { ListingBrowser } from './listing-browser.js';
import { setFlash } from './page.js';

/** What the dashboard and the index rebuild use. */
export interface DashboardRouteDeps {
  needs: NeedService;
  inquiries: InquiryService;
  search: SearchService;
  searchLog: SearchLog;
  backups: BackupScheduler | null;
  audit: AuditLog;
}

export function dashboardRoutes(ctx: DashboardRouteDeps, browser: ListingBrowser): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.render('admin/dashboard', {
      counts: COLLECTIONS.map((def) => ({ collection: def.name, ...browser.counts(def) })),
      needs: ctx.needs.read.counts(),
      inquiries: ctx.inquiries.counts(),
      index: ctx.search.health(),
      searches: WEEK_RANGES.map((range) => ({ range, top: ctx.searchLog.top(range, 10), zero: ctx.searchLog.topZero(range, 10) })),
      backup: ctx.backups?.status() ?? null,
    });
  });

  router.post('/reindex', requireRole('admin'), async (req, res) => {
    const { remoteError } = await ctx.search.reindex();
    ctx.audit.record(currentUser(res).username, 'index.reindex', remoteError ? `meilisearch not rebuilt: ${remoteError}` : undefined);
    if (remoteError) setFlash(req, 'reindexedLocalOnly', { error: remoteError });
    else setFlash(req, 'reindexed');
    res.redirect(303, '/admin');
  });

  return router;
}
