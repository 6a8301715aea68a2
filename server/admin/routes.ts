/** The back office under /admin: sign-in first, then every area behind the session, its role and a CSRF check. */
import { Router } from 'express';
import { requireUser } from '../auth/guards.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { csrfProtection } from '../auth/session.js';
import { UserService } from '../auth/users.js';
import type { Db } from '../db/connection.js';
import { multipartBody } from '../bulk/upload.js';
import { auditRoutes, type AuditRouteDeps } from './audit-routes.js';
import { bulkRoutes, type BulkRouteDeps } from './bulk-routes.js';
import { dashboardRoutes, type DashboardRouteDeps } from './dashboard-routes.js';
import { inquiryRoutes, type InquiryRouteDeps } from './inquiry-routes.js';
import { needAdminRoutes, type NeedAdminRouteDeps } from './need-admin-routes.js';
import { ListingBrowser } from './listing-browser.js';
import { listingRoutes, type ListingRouteDeps } from './listing-routes.js';
import { listingStateRoutes, type ListingStateRouteDeps } from './listing-state-routes.js';
import { loginRoutes } from './login-routes.js';
import { adminLocals, noStore } from './page.js';
import { searchExportRoutes, type SearchExportRouteDeps } from './search-export-routes.js';
import { synonymRoutes, type SynonymRouteDeps } from './synonym-routes.js';
import { userRoutes } from './user-routes.js';

/** What the back office uses: the database for sign-in and browsing, and what each of its areas uses. */
export interface AdminRouterDeps
  extends DashboardRouteDeps, ListingRouteDeps, ListingStateRouteDeps, BulkRouteDeps, SearchExportRouteDeps, InquiryRouteDeps,
    SynonymRouteDeps, NeedAdminRouteDeps, AuditRouteDeps {
  db: Db;
}

export function adminRouter(ctx: AdminRouterDeps): Router {
  const users = new UserService(ctx.db, ctx.audit);
  const browser = new ListingBrowser(ctx.db, ctx.listings);
  const router = Router();
  router.use(noStore);
  router.use(loginRoutes({ users, throttle: new LoginThrottle(ctx.db), audit: ctx.audit }));
  router.use(requireUser(users));
  router.use(adminLocals);
  // A file upload's fields (its CSRF token among them) are read before the token is checked.
  router.use(multipartBody);
  router.use(csrfProtection);
  router.get('/api/me', (_req, res) => {
    res.json({ user: res.locals.user });
  });
  router.use(dashboardRoutes(ctx, browser));
  router.use(listingRoutes(ctx, browser));
  router.use(listingStateRoutes(ctx));
  router.use(bulkRoutes(ctx));
  router.use(searchExportRoutes(ctx));
  router.use(inquiryRoutes(ctx));
  router.use(synonymRoutes(ctx));
  router.use(needAdminRoutes(ctx, users));
  router.use(auditRoutes(ctx));
  router.use(userRoutes(users));
  return router;
}
