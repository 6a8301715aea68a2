/** Bulk work: import a collection from CSV or JSON (dry run, then all or nothing), export a collection. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/guards.js';
import type { CollectionDef } from '../collections/define.js';
import { COLLECTIONS, getCollection } from '../collections/registry.js';
import type { AppContext } from '../context.js';
import { parseOrThrow } from '../http/validate.js';
import { acceptedText, columnGuide, columnVocab } from '../bulk/column-guide.js';
import { ImportDrafts, type DraftFile } from '../bulk/drafts.js';
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

/** A problem's reason; a code column that got something else names every value it accepts. */
function reason(def: CollectionDef, field: string, message: string, res: Response): { field: string; message: string } {
  const { t } = res.locals;
  const issue = translateIssue(field, message, t);
  const vocab = /^must be one of: /.test(message) ? columnVocab(def, issue.field) : undefined;
  return vocab ? { ...issue, message: t('admin.bulk.accepted', { values: acceptedText(vocab, t) }) } : issue;
}

/** The report of a checked file: its problems by line, in the page's language. */
function report(def: CollectionDef, plan: ImportPlan, res: Response) {
  const { t } = res.locals;
  return {
    unit: plan.unit,
    creates: plan.rows.filter((r) => r.action === 'create').length,
    updates: plan.rows.filter((r) => r.action === 'update').length,
    problems: plan.problems.map((p) => {
      const issue = reason(def, p.field, p.message, res);
      return { line: p.line, field: p.field === '_' ? '' : fieldLabel(issue.field, t), message: issue.message };
    }),
  };
}

/** The `draft` a form sends: the content hash of a file this session checked. */
const DraftField = z.object({ draft: z.string().regex(/^[0-9a-f]{64}$/, 'not a checked file') });

export function bulkRoutes(ctx: AppContext): Router {
  const router = Router();
  const drafts = new ImportDrafts(ctx.db);

  const renderImport = (res: Response, status: number, def: CollectionDef, extra: Record<string, unknown> = {}) =>
    res.status(status).render('admin/bulk/import', { def, limitMb: UPLOAD_LIMIT_MB, report: null, mode: null, error: null, draft: null, ...extra });

  /** The uploaded file, else the checked file the form names; undefined when there is neither. */
  const fileOf = (req: Request, def: CollectionDef): DraftFile | undefined => {
    if (req.file) return req.file;
    const body = req.body as Record<string, unknown>;
    if (body?.draft === undefined) return undefined;
    const { draft } = parseOrThrow(DraftField, { draft: body.draft }, 'invalid form');
    return drafts.find(req.sessionID, def.name, draft);
  };

  router.get('/bulk', (_req, res) => {
    res.render('admin/bulk/index', { defs: COLLECTIONS });
  });

  router.get('/bulk/:collection', (req, res) => {
    renderImport(res, 200, getCollection(req.params.collection));
  });

  router.get('/bulk/:collection/columns', (req, res) => {
    const def = getCollection(req.params.collection);
    res.render('admin/bulk/columns', { def, columns: columnGuide(def, res.locals.t) });
  });

  router.post('/bulk/:collection/import', (req, res) => {
    const def = getCollection(req.params.collection);
    const body = req.body as Record<string, unknown>;
    const mode = body?.mode === 'commit' ? 'commit' : 'dry-run';
    const file = fileOf(req, def);
    if (!file) return renderImport(res, 400, def, { error: res.locals.t(body?.draft ? 'admin.bulk.draftGone' : 'admin.bulk.noFile') });
    const plan = planImport(ctx.listings, def, readImportFile(def, file));
    const fileName = file.originalname;
    if (mode === 'dry-run' || plan.problems.length) {
      const draft = plan.problems.length ? null : drafts.keep(req.sessionID, def.name, file);
      return renderImport(res, mode === 'commit' ? 400 : 200, def, { report: report(def, plan, res), mode, fileName, draft });
    }
    try {
      const counts = commitImport(ctx, def, plan, currentUser(res).username);
      drafts.drop(req.sessionID, def.name);
      setFlash(req, 'imported', { ...counts, file: fileName });
      res.redirect(303, `/admin/listings/${def.name}`);
    } catch (err) {
      if (!(err instanceof ImportRowError)) throw err;
      const failed = { ...plan, problems: [{ line: err.line, field: '_', message: err.message }] };
      renderImport(res, 409, def, { report: report(def, failed, res), mode, fileName });
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
