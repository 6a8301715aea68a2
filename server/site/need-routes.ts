/** The public pages of needs: the form with its live shortlist, sending, and the firm's status page. */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { csrfProtection, csrfToken } from '../auth/session.js';
import type { ListingService } from '../collections/listing-service.js';
import type { NeedService } from '../needs/need-service.js';
import { AppError, notFound } from '../core/app-error.js';
import type { FieldMessages } from '../core/messages.js';
import { parseOrThrow } from '../core/validate.js';
import type { Lang, Translate } from '../i18n/i18n.js';
import { messageText } from '../i18n/message-text.js';
import { contactRateLimit, HONEYPOT_FIELD, isRateLimited } from './contact.js';
import { Presenter } from './present.js';
import { langSwitchHref } from './urls.js';
import { VOCAB } from '../collections/vocab.js';
import { NEED_FIELDS, ShortlistRequest } from '../needs/need-input.js';
import { isToken, statusPath } from '../needs/need-token.js';
import { entryViews, keptChoices, readNeedForm, stepViews, type NeedFormState } from './need-view.js';
import { PARTNER_COLLECTIONS } from '../needs/shortlist.js';

/** Shortlists one address may ask for per minute: a person typing asks a few times a second at most, in bursts. */
const SHORTLIST_LIMIT = 120;

/** The shortlist's own limit per address; over it, the app's usual 429 answer (JSON for the API, a page otherwise). */
function shortlistLimit() {
  return rateLimit({
    windowMs: 60_000,
    limit: SHORTLIST_LIMIT,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('rate_limited', 429, 'too many shortlists from this address; try again in a minute')),
  });
}

/** The service's field messages in the reader's language, one a field (a list's first bad item speaks for it). */
export function needErrors(details: FieldMessages, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of NEED_FIELDS) {
    const message = Object.entries(details).find(([key]) => key === field || key.startsWith(`${field}.`))?.[1];
    if (message !== undefined) errors[field] = messageText(message, 'need', t);
  }
  return errors;
}

function tools(res: Response): { t: Translate; lang: Lang; p: Presenter } {
  const t = res.locals.t as Translate;
  const lang = res.locals.lang as Lang;
  return { t, lang, p: new Presenter(t, lang) };
}

const EMPTY: NeedFormState['values'] = { text: '', fields: [], county: '', collections: [...PARTNER_COLLECTIONS], partners: [], organisation: '', contactName: '', contact: '' };

/** What the need form, its shortlist and its status pages use. */
export interface NeedRouteDeps {
  needs: NeedService;
  listings: ListingService;
}

/** The shortlist part of the page for these values (also the fragment the page's script swaps in while one types). */
async function shortlistLocals(ctx: NeedRouteDeps, values: NeedFormState['values'], res: Response) {
  const { t, lang, p } = tools(res);
  const request = ShortlistRequest.safeParse(values);
  if (!request.success || !values.text.trim()) return { partnerEntries: keptChoices([], chosenOf(ctx, values.partners, p, lang)), shortlist: null };
  const r = request.data;
  const shortlist = await ctx.needs.shortlists.build({ text: r.text, fields: r.fields, county: r.county || null, collections: r.collections });
  const entries = entryViews(shortlist.entries, values.partners, r.county || null, t, p, lang);
  return { partnerEntries: keptChoices(entries, chosenOf(ctx, values.partners, p, lang)), shortlist: { tookMs: shortlist.tookMs, inferred: shortlist.fieldsInferred ? shortlist.fields.map((f) => p.facetValue('field', f)) : [] } };
}

/** A partner as a ticked box names it (`platforms:12`), read before the form is checked. */
const TICKED = new RegExp(`^(${PARTNER_COLLECTIONS.join('|')}):(\\d{1,15})$`);

/** The partners a form has ticked, with their names, for those that fell off the shortlist. */
function chosenOf(ctx: NeedRouteDeps, refs: string[], p: Presenter, lang: Lang) {
  return refs.flatMap((ref) => {
    const [, collection, id] = TICKED.exec(ref) ?? [];
    const listing = collection ? ctx.listings.get(collection, Number(id)) : undefined;
    if (!listing || listing.status !== 'active') return [];
    return [{ ref, name: lang === 'en' && listing.nameEn ? listing.nameEn : listing.name, collection: p.facetValue('collection', listing.collection), sample: listing.source === 'sample' }];
  });
}

async function renderForm(ctx: NeedRouteDeps, req: Request, res: Response, state: NeedFormState, status = 200): Promise<void> {
  const { t, p } = tools(res);
  res.status(status).render('site/needs/new', {
    pageTitle: t('needs.title'),
    nav: 'needs',
    form: state,
    csrf: csrfToken(req),
    honeypot: HONEYPOT_FIELD,
    fieldOptions: VOCAB.field.map((code) => ({ code, label: p.facetValue('field', code) })),
    countyOptions: VOCAB.county.map((code) => ({ code, label: p.facetValue('county', code) })),
    collectionOptions: PARTNER_COLLECTIONS.map((code) => ({ code, label: p.facetValue('collection', code) })),
    labels: Object.fromEntries(NEED_FIELDS.map((f) => [f, t(`needs.field.${f}`)])),
    ...(await shortlistLocals(ctx, state.values, res)),
  });
}

/** Sends a need: spam and over-limit requests are answered and nothing is stored. */
async function send(ctx: NeedRouteDeps, req: Request, res: Response): Promise<void> {
  const { t, lang } = tools(res);
  const values = readNeedForm(req.body);
  const trap = (req.body as Record<string, unknown> | undefined)?.[HONEYPOT_FIELD];
  const refuse = (status: number, state: Partial<NeedFormState>) => renderForm(ctx, req, res, { values, errors: {}, ...state }, status);
  if (isRateLimited(req)) return refuse(429, { formError: t('needs.rateLimited') });
  if (typeof trap === 'string' && trap.trim() !== '') return refuse(400, { formError: t('site.contact.spam') });
  try {
    const sent = await ctx.needs.send(values, lang);
    res.redirect(303, `${statusPath(sent.token)}?sent=1`);
  } catch (err) {
    if (err instanceof AppError && err.status === 400 && err.details) return refuse(400, { errors: needErrors(err.details, t), formError: t('needs.fixErrors') });
    throw err;
  }
}

function layoutLocals(req: Request, res: Response, next: NextFunction): void {
  res.locals.langSwitch = langSwitchHref(req.originalUrl, res.locals.lang === 'zh' ? 'en' : 'zh');
  next();
}

/** `/needs/…`: the need form, its shortlist fragment, sending and the status pages. */
export function needRouter(ctx: NeedRouteDeps): Router {
  const router = Router();
  router.use('/needs', layoutLocals);

  router.get('/needs/new', (req, res) => {
    const text = typeof req.query.text === 'string' ? req.query.text.slice(0, 200) : '';
    return renderForm(ctx, req, res, { values: { ...EMPTY, text }, errors: {} });
  });
  // Without the page's script, "show partners" posts the form here and the page comes back with its shortlist.
  router.post('/needs/preview', csrfProtection, (req, res) => renderForm(ctx, req, res, { values: readNeedForm(req.body), errors: {} }));
  router.post('/needs/shortlist', shortlistLimit(), async (req, res) => {
    res.render('site/needs/shortlist', await shortlistLocals(ctx, readNeedForm(req.body), res));
  });
  router.post('/needs', contactRateLimit(), csrfProtection, (req, res) => send(ctx, req, res));

  router.get('/needs/status/:token', (req, res) => {
    const token = String(req.params.token);
    const need = isToken(token) ? ctx.needs.read.byToken(token) : undefined;
    if (!need) throw notFound('no need at this address');
    const { t, lang, p } = tools(res);
    res.set('Cache-Control', 'no-store');
    // The link is the key: it must not leave in a Referer header, nor be indexed.
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Robots-Tag', 'noindex');
    res.locals.langSwitch = langSwitchHref(statusPath(token), lang === 'zh' ? 'en' : 'zh');
    res.render('site/needs/status', {
      pageTitle: t('needs.statusTitle', { reference: need.reference }),
      need,
      sent: req.query.sent === '1',
      link: `${req.protocol}://${req.get('host')}${statusPath(token)}`,
      statusLabel: t(`needs.status.${need.status}`),
      fieldLabels: need.fields.map((f) => p.facetValue('field', f)),
      countyLabel: need.county ? p.facetValue('county', need.county) : '',
      partners: need.partners.map((x) => ({
        name: lang === 'en' && x.nameEn ? x.nameEn : x.name,
        href: `/${x.collection}/${x.listingId}`,
        forwarded: Boolean(x.forwardedAt),
        sample: ctx.listings.get(x.collection, x.listingId)?.source === 'sample',
      })),
      steps: stepViews(ctx.needs.read.events(need.id, true), need.partners, t, lang),
    });
  });
  return router;
}

/** `POST /api/needs/shortlist`: the shortlist of a need as JSON (`text`, `fields`, `county`, `collections`). */
export function needApiRouter(ctx: NeedRouteDeps): Router {
  const router = Router();
  router.post('/api/needs/shortlist', shortlistLimit(), async (req, res) => {
    const r = parseOrThrow(ShortlistRequest, req.body ?? {}, 'invalid shortlist request');
    res.json(await ctx.needs.shortlists.build({ text: r.text, fields: r.fields, county: r.county || null, collections: r.collections }));
  });
  return router;
}
