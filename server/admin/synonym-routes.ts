/** Synonym rules (editors and admins): find by term, add, edit, remove; a change takes effect in the next search. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { coded } from '../core/messages.js';
import { currentUser } from '../auth/guards.js';
import type { SynonymStore } from '../synonyms/synonym-store.js';
import { AppError, notFound } from '../core/app-error.js';
import { parseOrThrow } from '../core/validate.js';
import type { Translate } from '../i18n/i18n.js';
import { formatRule, normaliseTerm } from '../synonyms/synonym-input.js';
import { SynonymError, type SynonymInput, type SynonymRecord } from '../synonyms/synonym-store.js';
import { translateDetails } from './messages.js';
import { idParam, PageParam, pageHref, setFlash, versionField } from './page.js';

const PER_PAGE = 50;

const ListQuery = z.object({
  q: z.string(coded('text')).trim().max(64, coded('maxChars')).default(''),
  page: PageParam,
});

/** `?term=` prefills the first term (the dashboard's link from a query people searched). */
const NewQuery = z.object({ term: z.string(coded('text')).max(200, coded('maxChars')).default('') });

/** The form as typed: shown again as it was when it is refused. */
interface RuleForm {
  kind: string;
  terms: string;
  note: string;
}

interface FormState {
  rule?: SynonymRecord;
  form: RuleForm;
  errors?: Record<string, string>;
  /** The stored rule that is newer than the one the user edited. */
  newer?: SynonymRecord;
}

function postedForm(body: unknown): RuleForm {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : '');
  return { kind: text(b.kind), terms: text(b.terms), note: text(b.note) };
}

/** The terms of the text box: one a line, or separated by commas, enumeration commas (、) or semicolons. */
export function splitTerms(text: string): string[] {
  return text
    .split(/[\r\n,，、;；]+/u)
    .map((term) => term.trim())
    .filter(Boolean);
}

function toInput(form: RuleForm): SynonymInput {
  return { kind: form.kind, terms: splitTerms(form.terms), note: form.note };
}

function formOf(rule: SynonymRecord): RuleForm {
  return { kind: rule.kind, terms: rule.terms.join('\n'), note: rule.note };
}

/** Both sides of a conflict, row by row, marking the rows where they differ. */
function comparison(form: RuleForm, newer: SynonymRecord, t: Translate) {
  const kindLabel = (kind: string) => (kind === 'equivalent' || kind === 'oneway' ? t(`admin.synonyms.kind.${kind}`) : kind);
  const mineTerms = splitTerms(form.terms).map(normaliseTerm);
  const rows = [
    { label: t('admin.synonyms.kindLabel'), mine: kindLabel(form.kind), theirs: kindLabel(newer.kind) },
    { label: t('admin.synonyms.terms'), mine: mineTerms.join(', '), theirs: newer.terms.join(', ') },
    { label: t('admin.synonyms.note'), mine: form.note.trim(), theirs: newer.note },
  ];
  return rows.map((row) => ({ ...row, differs: row.mine !== row.theirs }));
}

/** What the synonym pages use. */
export interface SynonymRouteDeps {
  synonyms: SynonymStore;
}

export function synonymRoutes(ctx: SynonymRouteDeps): Router {
  const router = Router();
  const store = ctx.synonyms;

  const mustGet = (req: Request): SynonymRecord => {
    const rule = store.get(idParam(req));
    if (!rule) throw notFound(`no synonym rule with id ${req.params.id}`);
    return rule;
  };

  const renderForm = (res: Response, status: number, state: FormState) => {
    const shown = state.newer ?? state.rule;
    res.status(status).render('admin/synonyms/edit', {
      rule: shown ?? null,
      form: state.form,
      errors: state.errors ?? {},
      conflict: state.newer ? comparison(state.form, state.newer, res.locals.t) : null,
      history: shown ? store.history(shown.id) : [],
    });
  };

  /** Runs a write; a refused input or a stale version shows the form again, anything else goes to the error page. */
  const attempt = (res: Response, state: FormState, write: () => SynonymRecord): SynonymRecord | undefined => {
    try {
      return write();
    } catch (err) {
      if (!(err instanceof SynonymError)) throw err;
      if (err.status === 400) return void renderForm(res, 400, { ...state, errors: translateDetails(err.details, res.locals.t) });
      if (err.status === 409 && err.current) return void renderForm(res, 409, { ...state, newer: err.current });
      throw new AppError(err.status === 404 ? 'not_found' : 'conflict', err.status, err.message);
    }
  };

  router.get('/synonyms', (req, res) => {
    const query = parseOrThrow(ListQuery, req.query, 'invalid filter');
    const found = store.find(query.q);
    const pages = Math.max(1, Math.ceil(found.length / PER_PAGE));
    res.render('admin/synonyms/index', {
      query,
      total: found.length,
      rules: found.slice((query.page - 1) * PER_PAGE, query.page * PER_PAGE).map((rule) => ({ ...rule, text: formatRule(rule.kind, rule.terms) })),
      pages,
      pageHref: (n: number) => pageHref('/admin/synonyms', query, n),
    });
  });

  router.get('/synonyms/new', (req, res) => {
    const { term } = parseOrThrow(NewQuery, req.query, 'invalid request');
    renderForm(res, 200, { form: { kind: 'equivalent', terms: term.trim() ? `${term.trim()}\n` : '', note: '' } });
  });

  router.post('/synonyms', (req, res) => {
    const form = postedForm(req.body);
    const created = attempt(res, { form }, () => store.create(toInput(form), currentUser(res).username));
    if (!created) return;
    setFlash(req, 'synonymCreated', { rule: formatRule(created.kind, created.terms) });
    res.redirect(303, '/admin/synonyms');
  });

  router.get('/synonyms/:id', (req, res) => {
    const rule = mustGet(req);
    renderForm(res, 200, { rule, form: formOf(rule) });
  });

  router.post('/synonyms/:id', (req, res) => {
    const rule = mustGet(req);
    const version = versionField(req);
    const form = postedForm(req.body);
    // A stale form is answered before validation: its author must first see what changed meanwhile.
    if (version !== rule.version) return renderForm(res, 409, { rule, form, newer: rule });
    const saved = attempt(res, { rule, form }, () => store.update(rule.id, toInput(form), version, currentUser(res).username));
    if (!saved) return;
    setFlash(req, 'synonymSaved', { rule: formatRule(saved.kind, saved.terms) });
    res.redirect(303, '/admin/synonyms');
  });

  router.get('/synonyms/:id/delete', (req, res) => {
    const rule = mustGet(req);
    res.render('admin/synonyms/delete', { rule, text: formatRule(rule.kind, rule.terms), changed: false });
  });

  router.post('/synonyms/:id/delete', (req, res) => {
    const rule = mustGet(req);
    const version = versionField(req);
    if (version !== rule.version) {
      return res.status(409).render('admin/synonyms/delete', { rule, text: formatRule(rule.kind, rule.terms), changed: true });
    }
    store.remove(rule.id, currentUser(res).username, version);
    setFlash(req, 'synonymDeleted', { rule: formatRule(rule.kind, rule.terms) });
    res.redirect(303, '/admin/synonyms');
  });

  return router;
}
