/** The back office's needs: the list by status and age, the needs that found no good partner, and each case. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { currentUser } from '../auth/guards.js';
import type { UserService } from '../auth/users.js';
import type { NeedService } from '../needs/need-service.js';
import { AppError, badRequest, notFound } from '../core/app-error.js';
import { parseOrThrow } from '../core/validate.js';
import type { Lang, Translate } from '../i18n/i18n.js';
import { translateMessage } from './messages.js';
import { idParam, pageHref, PageParam } from './page.js';
import { Presenter } from '../site/present.js';
import { NEED_STATUSES } from '../needs/need-input.js';
import type { Need } from '../needs/need-reader.js';
import { entryViews } from '../site/need-view.js';

const PER_PAGE = 30;

const ListQuery = z.object({
  status: z.union([z.literal(''), z.enum(NEED_STATUSES)], { message: `must be one of: ${NEED_STATUSES.join(', ')}` }).default(''),
  view: z.enum(['all', 'unmatched'], { message: 'must be one of: all, unmatched' }).default('all'),
  order: z.enum(['oldest', 'newest'], { message: 'must be one of: oldest, newest' }).default('oldest'),
  /** A reference a firm quotes on the phone: `XQ-2026-000123`, any case, with or without the zeros. */
  ref: z.string().max(40, { message: 'at most 40 characters' }).default(''),
  page: PageParam,
});

/** What a case's forms say they did, shown once after the redirect. */
const SAVED = new Set(['assigned', 'forwarded', 'status', 'note']);

/** The case forms' own messages, as locale keys; any other goes through the back office's translations. */
const CASE_MESSAGES: Record<string, string> = {
  'say what came of it': 'outcomeRequired',
  'the need is already at this step': 'sameStatus',
  'a need cannot go back to received': 'noReceived',
  'not a partner of this need': 'notPartner',
  'not an account of the back office': 'noAccount',
  'this partner already has the need': 'alreadyForwarded',
  'this need was erased at the end of its retention period': 'erasedNoChange',
};

/** A refused case form's messages in the page's language, by field. */
function caseErrors(err: AppError, field: string, t: Translate): Record<string, string> {
  const details = err.details ?? { [field]: err.message };
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(details)) {
    const [fieldName = key] = key.split('.');
    out[fieldName] ??= CASE_MESSAGES[message] ? t(`needs.admin.error.${CASE_MESSAGES[message]}`) : translateMessage(message, t);
  }
  return out;
}

/** Whole days since an ISO time: the age staff sort a queue by. */
function ageDays(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 86_400_000));
}

/** What the back office's need cases use. */
export interface NeedAdminRouteDeps {
  needs: NeedService;
}

/** A case's page; after a refused form, with its errors and what was typed. */
function renderCase(ctx: NeedAdminRouteDeps, users: UserService, req: Request, res: Response, need: Need, status = 200, errors: Record<string, string> = {}, form: Record<string, string> = {}): void {
  const t = res.locals.t as Translate;
  const lang = res.locals.lang as Lang;
  const p = new Presenter(t, lang);
  const saved = typeof req.query.saved === 'string' && SAVED.has(req.query.saved) ? req.query.saved : '';
  res.status(status).render('admin/needs/show', {
    need,
    age: ageDays(need.createdAt),
    fieldLabels: need.fields.map((f) => p.facetValue('field', f)),
    countyLabel: need.county ? p.facetValue('county', need.county) : '',
    collectionLabels: need.collections.map((c) => p.facetValue('collection', c)),
    shortlist: entryViews(need.shortlist, need.partners.map((x) => `${x.collection}:${x.listingId}`), need.county, t, p, lang),
    events: ctx.needs.read.events(need.id, false),
    staff: users.list().filter((u) => !u.disabled).map((u) => u.username),
    statuses: NEED_STATUSES.filter((s) => s !== 'received'),
    saved,
    errors,
    form,
  });
}

export function needAdminRoutes(ctx: NeedAdminRouteDeps, users: UserService): Router {
  const router = Router();

  router.get('/needs', (req, res) => {
    const query = parseOrThrow(ListQuery, req.query, 'invalid filter');
    if (query.ref.trim()) {
      const found = ctx.needs.read.byReference(query.ref);
      if (found) return res.redirect(303, `/admin/needs/${found}`);
    }
    const { total, items } = ctx.needs.read.list({ status: query.status || undefined, unmatched: query.view === 'unmatched', order: query.order, page: query.page, perPage: PER_PAGE });
    const p = new Presenter(res.locals.t as Translate, res.locals.lang as Lang);
    res.render('admin/needs/index', {
      query,
      total,
      items: items.map((n) => ({ ...n, age: ageDays(n.createdAt), fieldLabels: n.fields.map((f) => p.facetValue('field', f)), countyLabel: n.county ? p.facetValue('county', n.county) : '' })),
      counts: ctx.needs.read.counts(),
      statuses: NEED_STATUSES,
      pages: Math.max(1, Math.ceil(total / PER_PAGE)),
      pageHref: (n: number) => pageHref('/admin/needs', query, n),
      otherOrder: query.order === 'oldest' ? 'newest' : 'oldest',
      otherOrderHref: pageHref('/admin/needs', { ...query, order: query.order === 'oldest' ? 'newest' : 'oldest' }, 1),
    });
  });

  const caseOf = (req: Request): Need => {
    const need = ctx.needs.read.get(idParam(req));
    if (!need) throw notFound(`no need with id ${req.params.id}`);
    return need;
  };

  router.get('/needs/:id', (req, res) => renderCase(ctx, users, req, res, caseOf(req)));

  /** Runs a change; a refused form comes back with its message and what was typed. */
  const act = (name: string, run: (need: Need, body: Record<string, unknown>, actor: string) => void) => (req: Request, res: Response) => {
    const need = caseOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      run(need, body, currentUser(res).username);
    } catch (err) {
      if (!(err instanceof AppError && (err.status === 400 || err.status === 409))) throw err;
      const errors = caseErrors(err, name, res.locals.t as Translate);
      const form = Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;
      return renderCase(ctx, users, req, res, ctx.needs.read.get(need.id)!, err.status, errors, form);
    }
    res.redirect(303, `/admin/needs/${need.id}?saved=${name}`);
  };

  router.post(
    '/needs/:id/assign',
    act('assigned', (need, body, actor) => {
      const assignee = typeof body.assignee === 'string' ? body.assignee.trim() : '';
      if (assignee && !users.list().some((u) => u.username === assignee && !u.disabled)) throw badRequest({ assignee: 'not an account of the back office' }, 'invalid assignment');
      ctx.needs.assign(need.id, { assignee }, actor);
    }),
  );
  router.post('/needs/:id/forward', act('forwarded', (need, body, actor) => ctx.needs.forward(need.id, String(body.partner ?? ''), actor)));
  router.post('/needs/:id/status', act('status', (need, body, actor) => ctx.needs.setStatus(need.id, { status: body.status, message: body.message ?? '' }, actor)));
  router.post('/needs/:id/note', act('note', (need, body, actor) => ctx.needs.addNote(need.id, { note: body.note ?? '' }, actor)));
  return router;
}
