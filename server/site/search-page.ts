/** `GET /search`: the same parameters as the API, answered by the same search service call, as a page. */
import type { Request, Response } from 'express';
import { parseSearchParams } from '../../search/query.js';
import type { SearchQuery } from '../../search/types.js';
import type { AppContext } from '../context.js';
import type { Lang, Translate } from '../i18n/i18n.js';
import { Presenter } from './present.js';
import { chips, facetViews, hitCards, offersAvailable, pagination, queryParams, SORT_ORDERS, widenings } from './search-view.js';
import { searchHref } from './urls.js';

/** A form sends a checked facet once per box (`county=a&county=b`); the contract joins values with commas. */
function joinRepeated(query: Request['query']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) out[key] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

/** The ways to widen an empty answer that would find something, with how much each finds. */
async function suggestions(ctx: AppContext, query: SearchQuery, t: Translate, p: Presenter) {
  const options = widenings(query, t, p);
  const totals = await Promise.all(options.map((o) => ctx.search.search({ ...o.query, perPage: 1 }).then((r) => r.total)));
  return options
    .map((o, i) => ({ label: o.label, count: totals[i]!, href: searchHref(queryParams(o.query)) }))
    .filter((s) => s.count > 0);
}

/** Renders the search page; a bad parameter becomes a 400 page naming it. */
export async function renderSearch(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const t = res.locals.t as Translate;
  const lang = res.locals.lang as Lang;
  const query = parseSearchParams({ ...joinRepeated(req.query), lang });
  const result = await ctx.search.search(query);
  const p = new Presenter(t, lang);
  res.render('site/search', {
    pageTitle: query.q ? t('site.search.titleFor', { q: query.q }) : t('site.search.title'),
    nav: 'search',
    query,
    total: result.total,
    tookMs: result.tookMs,
    hits: hitCards(result.hits, p),
    facets: facetViews(query, result, t, p),
    offersAvailable: offersAvailable(query, result),
    chips: chips(query, t, p),
    clearHref: searchHref({ q: query.q }),
    pages: pagination(query, result.total),
    sortOrders: SORT_ORDERS,
    suggestions: result.total === 0 ? await suggestions(ctx, query, t, p) : [],
  });
  // Counted once the page is sent; the widened searches behind the suggestions are not the visitor's.
  ctx.searchLog.recordAnswer(query, result.total);
}
