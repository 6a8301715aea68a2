/** Bulk work: import a collection from CSV or JSON (dry run, then all or nothing, with progress), export a collection. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/guards.js';
import type { CollectionDef } from '../collections/define.js';
import { COLLECTIONS, getCollection } from '../collections/registry.js';
import type { AppContext } from '../context.js';
import { notFound } from '../http/app-error.js';
import { parseOrThrow } from '../http/validate.js';
import { exportCollection, templateCsv, type ExportFormat } from '../bulk/export.js';
import type { ImportSummary } from '../bulk/import.js';
import type { ImportJob } from '../bulk/import-jobs.js';
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
function report(summary: ImportSummary, res: Response) {
  const { t } = res.locals;
  return {
    unit: summary.unit,
    creates: summary.creates,
    updates: summary.updates,
    problems: summary.problems.map((p) => {
      const issue = translateIssue(p.field, p.message, t);
      return { line: p.line, field: p.field === '_' ? '' : fieldLabel(issue.field, t), message: issue.message };
    }),
  };
}

/** An import that ends within this time is answered in place; a longer one shows its progress page. */
const ANSWER_WITHIN_MS = 3000;

function jobHref(job: ImportJob): string {
  return `/admin/bulk/${job.collection}/import/${job.id}`;
}

export function bulkRoutes(ctx: AppContext): Router {
  const router = Router();

  const renderImport = (res: Response, status: number, def: CollectionDef, extra: Record<string, unknown> = {}) =>
    res.status(status).render('admin/bulk/import', { def, limitMb: UPLOAD_LIMIT_MB, report: null, mode: null, error: null, progress: null, ...extra });

  router.get('/bulk', (_req, res) => {
    res.render('admin/bulk/index', { defs: COLLECTIONS });
  });

  router.get('/bulk/:collection', (req, res) => {
    renderImport(res, 200, getCollection(req.params.collection));
  });

  /** The page of an ended import: its report, or the listings it wrote. */
  const answerOutcome = (req: Request, res: Response, def: CollectionDef, job: ImportJob) => {
    const { outcome, fileName, mode } = job;
    if (!outcome) throw job.error ?? new Error('the import ended without an outcome');
    if (outcome.kind === 'checked') return renderImport(res, mode === 'commit' ? 400 : 200, def, { report: report(outcome.summary, res), mode, fileName });
    if (outcome.kind === 'refused') {
      const failed = { ...outcome.summary, problems: [{ line: outcome.line, field: '_', message: outcome.message }] };
      return renderImport(res, 409, def, { report: report(failed, res), mode, fileName });
    }
    setFlash(req, 'imported', { created: outcome.created, updated: outcome.updated, file: fileName });
    res.redirect(303, `/admin/listings/${def.name}`);
  };

  // The file is read, checked and written by a worker thread: the server keeps answering meanwhile.
  router.post('/bulk/:collection/import', async (req, res) => {
    const def = getCollection(req.params.collection);
    const mode = (req.body as Record<string, unknown>)?.mode === 'commit' ? 'commit' : 'dry-run';
    if (!req.file) return renderImport(res, 400, def, { error: res.locals.t('admin.bulk.noFile') });
    const file = req.file;
    const job = await ctx.imports.start({ collection: def.name, fileName: file.originalname, file: file.buffer, mode, actor: currentUser(res).username });
    // A worker writes on its own connection: this request writes nothing more and must not hold the worker back.
    if (job.finishedAt === undefined) (res.locals.releaseWriteGate as (() => void) | undefined)?.();
    if (!(await ctx.imports.settled(job, ANSWER_WITHIN_MS))) return res.redirect(303, jobHref(job));
    answerOutcome(req, res, def, job);
  });

  router.get('/bulk/:collection/import/:job', (req, res) => {
    const def = getCollection(req.params.collection);
    const job = ctx.imports.get(String(req.params.job));
    if (!job || job.collection !== def.name || job.actor !== currentUser(res).username) throw notFound('no such import');
    if (job.finishedAt === undefined) {
      const progress = { phase: job.phase, done: job.done, total: job.total, percent: job.total ? Math.floor((100 * job.done) / job.total) : 0 };
      return renderImport(res, 200, def, { progress, mode: job.mode, fileName: job.fileName, refreshSeconds: 1 });
    }
    answerOutcome(req, res, def, job);
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
