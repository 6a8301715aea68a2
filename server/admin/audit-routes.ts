/** The audit log page (admins): every change and sign-in, filterable. */
import { Router } from 'express';
import { requireRole } from '../auth/guards.js';
import type { Db } from '../db/connection.js';
import { parseOrThrow } from '../core/validate.js';
import { AUDIT_PER_PAGE, AuditFilter, AuditQuery } from './audit-query.js';
import { pageHref } from './page.js';

/** What the audit log pages use. */
export interface AuditRouteDeps {
  db: Db;
}

export function auditRoutes(ctx: AuditRouteDeps): Router {
  const router = Router();
  const query = new AuditQuery(ctx.db);

  router.get('/audit', requireRole('admin'), (req, res) => {
    const filter = parseOrThrow(AuditFilter, req.query, 'invalid filter');
    const { total, entries } = query.find(filter);
    res.render('admin/audit', {
      filter,
      total,
      entries,
      actions: query.actions(),
      pages: Math.max(1, Math.ceil(total / AUDIT_PER_PAGE)),
      pageHref: (n: number) => pageHref('/admin/audit', filter, n),
    });
  });

  return router;
}
