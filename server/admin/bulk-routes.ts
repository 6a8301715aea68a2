/** Bulk work: import a collection from CSV or JSON (dry run, then all or nothing, with progress), export a collection. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/guards.js';
import type { CollectionDef } from '../collections/define.js';
import { COLLECTIONS, getCollection } from '../collections/registry.js';
import type { ListingService } from '../collections/listing-service.js';
import type { Db } from '../db/connection.js';
import { notFound } from '../core/app-error.js';
import { coded, type Message } from '../core/messages.js';
import { parseOrThrow } from '../core/validate.js';
import { acceptedText, columnGuide, columnVocab } from '../bulk/column-guide.js';
import { ImportDrafts, type DraftFile } from '../bulk/drafts.js';
import { exportCollection, templateCsv, type ExportFormat } from '../bulk/export.js';
import type { ImportSummary } from '../bulk/import.js';
import type { ImportJob, ImportJobs } from '../bulk/import-jobs.js';
import { UPLOAD_LIMIT_MB } from '../bulk/upload.js';
import { fieldLabel, translateIssue } from './messages.js';
import { setFlash } from './page.js';

/** The `:format` of an export route. */
export const Format = z.object({ format: z.enum(['csv', 'json'], coded('choose')) });

/** Headers of a file download named after its content and today's date. */
export function startDownload(res: Response, name: string, format: ExportFormat): void {
  const date = new Date().toISOString().slice(0, 10);
  res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  res.attachment(`${name}-${date}.${format}`);
}

/** A problem's reason; a code column that got something else names every value it accepts. */
function reason(def: CollectionDef, field: string, message: Message, res: Response): { field: string; message: string } {
  const { t } = res.locals;
  const issue = translateIssue(field, message, t);
  const vocab = message.code === 'choose' ? columnVocab(def, issue.field) : undefined;
  return vocab ? { ...issue, message: t('admin.bulk.accepted', { values: acceptedText(vocab, t) }) } : issue;
}

/** The report of a checked file: its problems by line, in the page's language. */
function report(def: CollectionDef, summary: ImportSummary, res: Response) {
  const { t } = res.locals;
  return {
    unit: summary.unit,
    creates: summary.creates,
    updates: summary.updates,
    problems: summary.problems.map((p) => {
      const issue = reason(def, p.field, p.message, res);
      return { line: p.line, field: p.field === '_' ? '' : fieldLabel(issue.field, t), message: issue.message };
    }),
  };
}

/** The `draft` a form sends: the content hash of a file this session checked. */
const DraftField = z.object({ draft: z.string(coded('notChecked')).regex(/^[0-9a-f]{64}$/, coded('notChecked')) });

/** An import that ends within this time is answered in place; a longer one shows its progress page. */
const ANSWER_WITHIN_MS = 3000;

function jobHref(job: ImportJob): string {
  return `/admin/bulk/${job.collection}/import/${job.id}`;
}

/** What the import and export routes use. */
export interface BulkRouteDeps {
  db: Db;
  listings: ListingService;
  imports: ImportJobs;
}

export function bulkRoutes(ctx: BulkRouteDeps): Router {
  const router = Router();
  const drafts = new ImportDrafts(ctx.db);

  const renderImport = (res: Response, status: number, def: CollectionDef, extra: Record<string, unknown> = {}) =>
    res.status(status).render('admin/bulk/import', { def, limitMb: UPLOAD_LIMIT_MB, report: null, mode: null, error: null, draft: null, progress: null, ...extra });

  /** The uploaded file, else the checked file the form names; undefined when there is neither. */
  const fileOf = (req: Request, def: CollectionDef): DraftFile | undefined => {
    if (req.file) return req.file;
    const body = req.body as Record<string, unknown>;
    if (body?.draft === undefined) return undefined;
    const { draft } = parseOrThrow(DraftField, { draft: body.draft }, 'invalid form');
    return drafts.find(req.sessionID, def.name, draft);
  };
  /** The checked file a dry run keeps, by import job: offered as "Import these N rows" when the check is clean. */
  const keptDrafts = new Map<string, string>();

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

  /** The page of an ended import: its report (with the checked file kept when clean), or the listings it wrote. */
  const answerOutcome = (req: Request, res: Response, def: CollectionDef, job: ImportJob) => {
    const { outcome, fileName, mode } = job;
    if (!outcome) throw job.error ?? new Error('the import ended without an outcome');
    const kept = keptDrafts.get(job.id);
    keptDrafts.delete(job.id);
    if (outcome.kind === 'checked') {
      const draft = mode === 'dry-run' && !outcome.summary.problems.length ? (kept ?? null) : null;
      return renderImport(res, mode === 'commit' ? 400 : 200, def, { report: report(def, outcome.summary, res), mode, fileName, draft });
    }
    if (outcome.kind === 'refused') {
      const failed = { ...outcome.summary, problems: [{ line: outcome.line, field: '_', message: outcome.message }] };
      return renderImport(res, 409, def, { report: report(def, failed, res), mode, fileName });
    }
    drafts.drop(req.sessionID, def.name);
    setFlash(req, 'imported', { created: outcome.created, updated: outcome.updated, file: fileName });
    res.redirect(303, `/admin/listings/${def.name}`);
  };

  // The file is read, checked and written by a worker thread: the server keeps answering meanwhile.
  router.post('/bulk/:collection/import', async (req, res) => {
    const def = getCollection(req.params.collection);
    const body = req.body as Record<string, unknown>;
    const mode = body?.mode === 'commit' ? 'commit' : 'dry-run';
    const file = fileOf(req, def);
    if (!file) return renderImport(res, 400, def, { error: res.locals.t(body?.draft ? 'admin.bulk.draftGone' : 'admin.bulk.noFile') });
    // Kept before the check: a clean dry run then offers to import it without choosing the file again.
    const draft = mode === 'dry-run' ? drafts.keep(req.sessionID, def.name, file) : undefined;
    const job = await ctx.imports.start({ collection: def.name, fileName: file.originalname, file: file.buffer, mode, actor: currentUser(res).username });
    if (draft) keptDrafts.set(job.id, draft);
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
