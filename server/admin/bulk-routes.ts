/** Bulk work: import a collection from CSV or JSON (dry run, then all or nothing), export a collection. */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/guards.js';
import type { CollectionDef } from '../collections/define.js';
import { COLLECTIONS, getCollection } from '../collections/registry.js';
import type { AppContext } from '../context.js';
import { parseOrThrow } from '../http/validate.js';
import { exportCollection, templateCsv, type ExportFormat } from '../bulk/export.js';
import { commitImport, ImportRowError, planImport, type ImportPlan } from '../bulk/import.js';
import { readImportFile } from '../bulk/read-file.js';
import { UPLOAD_LIMIT_MB } from '../bulk/upload.js';
import { fieldLabel, translateIssue } from './messages.js';
import { setFlash } from './page.js';

/** The `:format` of an export route. */
export const Format = z.object({ format: z.enum(['csv', 'json'], { message: 'must be csv or json' }) });

/** Headers of a file download named after its content and today's date. */
export function startDownload(res: Response, name: string, format: ExportFormat): void {
  const date = new Date().toISOString().slice(0, 10);
  res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  res.attachment(`${name}-${date}.${format}`);
}

/** The report of a checked file: its problems by line, in the page's language. */
function report(plan: ImportPlan, res: Response) {
  const { t } = res.locals;
  return {
    unit: plan.unit,
    creates: plan.rows.filter((r) => r.action === 'create').length,
    updates: plan.rows.filter((r) => r.action === 'update').length,
    problems: plan.problems.map((p) => {
      const issue = translateIssue(p.field, p.message, t);
      return { line: p.line, field: p.field === '_' ? '' : fieldLabel(issue.field, t), message: issue.message };
    }),
  };
}

export function bulkRoutes(ctx: AppContext): Router {
  const router = Router();

  const renderImport = (res: Response, status: number, def: CollectionDef, extra: Record<string, unknown> = {}) =>
    res.status(status).render('admin/bulk/import', { def, limitMb: UPLOAD_LIMIT_MB, report: null, mode: null, error: null, ...extra });

  router.get('/bulk', (_req, res) => {
    res.render('admin/bulk/index', { defs: COLLECTIONS });
  });

  router.get('/bulk/:collection', (req, res) => {
    renderImport(res, 200, getCollection(req.params.collection));
  });

  router.post('/bulk/:collection/import', (req, res) => {
    const def = getCollection(req.params.collection);
    const mode = (req.body as Record<string, unknown>)?.mode === 'commit' ? 'commit' : 'dry-run';
    if (!req.file) return renderImport(res, 400, def, { error: res.locals.t('admin.bulk.noFile') });
    const plan = planImport(ctx.listings, def, readImportFile(def, req.file));
    const fileName = req.file.originalname;
    if (mode === 'dry-run' || plan.problems.length) {
      return renderImport(res, mode === 'commit' ? 400 : 200, def, { report: report(plan, res), mode, fileName });
    }
    try {
      const counts = commitImport(ctx, def, plan, currentUser(res).username);
      setFlash(req, 'imported', { ...counts, file: fileName });
      res.redirect(303, `/admin/listings/${def.name}`);
    } catch (err) {
      if (!(err instanceof ImportRowError)) throw err;
      const failed = { ...plan, problems: [{ line: err.line, field: '_', message: err.message }] };
      renderImport(res, 409, def, { report: report(failed, res), mode, fileName });
    }
  });

  router.get('/bulk/:collection/template.csv', (req, res) => {
    const def = getCollection(req.params.collection);
    res.type('text/csv; charset=utf-8').attachment(`${def.name}-template.csv`).send(templateCsv(def));
  });

  router.get('/bulk/:collection/export.:format', async (req, res) => {
    const def = getCollection(req.params.collection);
    const { format } = parseOrThrow(Format, req.params, 'invalid export');
    startDownload(res, def.name, format);
    await exportCollection(ctx.listings, def, format, res);
  });

  return router;
}
