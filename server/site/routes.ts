/** The public pages: home, search, stats, listing pages and their contact forms. */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { csrfProtection, SESSION_COOKIE } from '../auth/session.js';
import { isCollectionName } from '../collections/registry.js';
import type { Db } from '../db/connection.js';
import type { InquiryService } from '../inquiries/inquiry-service.js';
import type { NeedService } from '../needs/need-service.js';
import { AppError } from '../core/app-error.js';
import type { Lang, Translate } from '../i18n/i18n.js';
import { monthlyTables } from './need-view.js';
import { StatsService } from '../stats/stats-service.js';
import { contactErrors, contactRateLimit, isRateLimited, readContactForm, retryAfter, type ContactState } from './contact.js';
import { parseListingId, renderListing, takesContact, type ListingPageDeps } from './listing-page.js';
import { Presenter } from './present.js';
import { renderSearch, type SearchPageDeps } from './search-page.js';
import { entryPoints, headlineFigures, statsSections } from './stats-view.js';
import { langSwitchHref, listingHref, searchHref } from './urls.js';

/**
 * True for a visitor without a session who only reads: making a session there is wasted work (it would never be
 * saved: the forms' CSRF tokens need no server state). A visitor who has a session, staff included, still gets it
 * loaded and renewed; a session is made at sign-in, which is a POST.
 */
export function needsNoSession(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !req.cookies?.[SESSION_COOKIE];
}

/** Locals every page of the site's layout reads: where the language switch leads. */
function layoutLocals(req: Request, res: Response, next: NextFunction): void {
  res.locals.langSwitch = langSwitchHref(req.originalUrl, res.locals.lang === 'zh' ? 'en' : 'zh');
  // A printed page says where on the site it came from, as its links print their paths.
  res.locals.pageUrl = req.originalUrl;
  next();
}

function tools(res: Response): { t: Translate; lang: Lang; p: Presenter } {
  const t = res.locals.t as Translate;
  const lang = res.locals.lang as Lang;
  return { t, lang, p: new Presenter(t, lang) };
}

/** What the public site uses: a listing's page and the search page, the inbox of contact requests, the needs' monthly figures and the database for the stats. */
export interface SiteRouterDeps extends ListingPageDeps, SearchPageDeps {
  db: Db;
  inquiries: InquiryService;
  needs: NeedService;
}

/** Handles a contact request: spam and over-limit requests are answered and nothing is stored. */
async function sendContact(ctx: SiteRouterDeps, req: Request, res: Response, next: NextFunction): Promise<void> {
  const collection = String(req.params.collection);
  if (!isCollectionName(collection)) return next();
  const id = parseListingId(String(req.params.id));
  const { t, lang } = tools(res);
  const { values, honeypot } = readContactForm(req.body);
  const refuse = (status: number, state: Partial<ContactState>) => {
    res.status(status);
    return renderListing(ctx, req, res, collection, id, { values, errors: {}, sent: false, ...state });
  };
  if (isRateLimited(req)) {
    const wait = retryAfter(req);
    res.set('Retry-After', String(wait.seconds));
    return refuse(429, { formError: t('site.contact.rateLimited', { minutes: wait.minutes, at: wait.at }) });
  }
  if (honeypot) return refuse(400, { formError: t('site.contact.spam') });
  try {
    ctx.inquiries.create(collection, id, values, lang);
  } catch (err) {
    if (err instanceof AppError && err.status === 400 && err.details) {
      return refuse(400, { errors: contactErrors(err.details, t), formError: t('site.contact.fixErrors') });
    }
    throw err;
  }
  res.redirect(303, `${listingHref(collection, id)}?sent=1#contact`);
}

export function siteRouter(ctx: SiteRouterDeps): Router {
  const router = Router();
  const stats = new StatsService(ctx.db, ctx.listings);
  router.use(layoutLocals);

  router.get('/', (_req, res) => {
    const { t, p } = tools(res);
    const figures = stats.stats();
    res.render('site/home', { pageTitle: t('common.siteName'), nav: 'home', figures: headlineFigures(figures, t), ...entryPoints(figures, p) });
  });

  router.get('/search', (req, res) => renderSearch(ctx, req, res));

  router.get('/stats', (_req, res) => {
    const { t, p } = tools(res);
    res.render('site/stats', { pageTitle: t('site.stats.title'), nav: 'stats', sections: statsSections(stats.stats(), t, p), needStats: monthlyTables(ctx.needs.read.monthly(12), t, p) });
  });

  router.get('/:collection', (req, res, next) => {
    if (!isCollectionName(req.params.collection)) return next();
    res.redirect(302, searchHref({ collection: req.params.collection }));
  });

  router.get('/:collection/:id', (req, res, next) => {
    const { collection } = req.params;
    if (!isCollectionName(collection)) return next();
    const id = parseListingId(req.params.id);
    return renderListing(ctx, req, res, collection, id, { values: {}, errors: {}, sent: req.query.sent === '1' });
  });

  // Only the contact forms pass the guards; any other POST falls through to the 404.
  const contactable = (req: Request, _res: Response, next: NextFunction) => {
    const collection = String(req.params.collection);
    next(isCollectionName(collection) && takesContact(collection) ? undefined : 'route');
  };
  router.post('/:collection/:id/contact', contactable, contactRateLimit(), csrfProtection, (req, res, next) => sendContact(ctx, req, res, next));
  return router;
}
