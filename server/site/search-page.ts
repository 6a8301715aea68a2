/** `GET /search`: the same parameters as the API, answered by the same search service call, as a page. */
import type { Request, Response } from 'express';
import { parseSearchParams } from '../http/search-params.js';
import type { SearchQuery, SearchResult } from '../../search/core/types.js';
import type { SearchService } from '../../search/search-service.js';
import type { SearchLog } from '../analytics/search-log.js';
import { getCollection } from '../collections/registry.js';
import type { Lang, Translate } from '../i18n/i18n.js';
import { Presenter } from './present.js';
import {
  chips, facetViews, FREE_UNITS, hitCards, offersAvailable, pagination, queryParams, sortChoices, widenings, type PageQuery,
} from './search-view.js';
import { searchHref } from './urls.js';

/** A form sends a checked facet once per box (`county=a&county=b`); the contract joins values with commas. */
function joinRepeated(query: Request['query']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) out[key] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

/** What the search page uses: the search, and the log of what was searched. */
export interface SearchPageDeps {
  search: SearchService;
  searchLog: SearchLog;
}

/** The ways to widen an empty answer that would find something, with how much each finds. */
async function suggestions(ctx: SearchPageDeps, query: SearchQuery, t: Translate, p: Presenter) {
  const options = widenings(query, t, p);
  const totals = await Promise.all(options.map((o) => ctx.search.search({ ...o.query, perPage: 1 }).then((r) => r.total)));
  return options
    .map((o, i) => ({ label: o.label, count: totals[i] ?? 0, href: searchHref(queryParams(o.query)) }))
    .filter((s) => s.count > 0);
}

/** Lines above the results: a query of punctuation alone, and the words left out to find anything. */
function searchNotices(result: SearchResult, t: Translate): string[] {
  if (result.notice === 'nothing-to-search') return [t('site.search.nothingToSearch')];
  if (!result.ignored.length) return [];
  const words = result.ignored.map((word) => t('site.search.quoted', { word })).join(t('site.listSeparator'));
  return [result.complete ? t('site.search.ignoredAfter', { n: result.complete, words }) : t('site.search.ignored', { words })];
}

/** A query that is exactly a label offers its filter (`筛选：院士 (10)`). */
function labelFilters(query: SearchQuery, result: SearchResult, t: Translate, p: Presenter) {
  return result.suggestedFilters.map((s) => {
    const filters = { ...query.filters, [s.param]: [...(query.filters[s.param] ?? []), s.code] };
    return { label: t('site.search.labelFilter', { value: p.facetValue(s.param, s.code), n: s.count }), href: searchHref(queryParams({ ...query, q: '', page: 1, filters })) };
  });
}

/** Housing read whole to be ordered by free units: 50 pages of 100, far more housing than the prefecture has. */
const FREE_UNITS_MAX_PAGES = 50;

/**
 * The answer ordered by free units, most first (then by name). The engines order by relevance, name and date
 * only, so the page reads every match, 100 at a time, and cuts its page out of them.
 */
async function byFreeUnits(ctx: SearchPageDeps, query: SearchQuery): Promise<SearchResult> {
  const first = await ctx.search.search({ ...query, sort: 'name', page: 1, perPage: 100 });
  const hits = [...first.hits];
  for (let page = 2; page <= FREE_UNITS_MAX_PAGES && hits.length < first.total; page++) {
    const next = await ctx.search.search({ ...query, sort: 'name', page, perPage: 100, facets: false });
    if (!next.hits.length) break;
    hits.push(...next.hits);
  }
  const free = (hit: SearchResult['hits'][number]) => {
    const capacity = getCollection(hit.collection).capacity;
    const units = capacity === undefined ? undefined : hit[capacity.free];
    return typeof units === 'number' ? units : -1;
  };
  hits.sort((a, b) => free(b) - free(a));
  const start = (query.page - 1) * query.perPage;
  return { ...first, page: query.page, perPage: query.perPage, hits: hits.slice(start, start + query.perPage) };
}

/** Renders the search page; a bad parameter becomes a 400 page naming it, a page past the last leads to the last. */
export async function renderSearch(ctx: SearchPageDeps, req: Request, res: Response): Promise<void> {
  const t = res.locals.t as Translate;
  const lang = res.locals.lang as Lang;
  const raw = joinRepeated(req.query);
  const freeUnits = raw.sort === FREE_UNITS;
  const query: PageQuery = { ...parseSearchParams({ ...raw, sort: freeUnits ? undefined : raw.sort, lang }), byFreeUnits: freeUnits };
  const result = freeUnits ? await byFreeUnits(ctx, query) : await ctx.search.search(query);
  const pages = pagination(query, result.total);
  if (query.page > pages.pages) return res.redirect(302, searchHref(queryParams(query, { page: pages.pages })));
  const p = new Presenter(t, lang);
  res.render('site/search', {
    pageTitle: query.q ? t('site.search.titleFor', { q: query.q }) : t('site.search.title'),
    nav: 'search',
    query,
    total: result.total,
    tookMs: result.tookMs,
    hits: hitCards(result.hits, p, query.q, lang),
    facets: facetViews(query, result, t, p),
    offersAvailable: offersAvailable(query, result),
    chips: chips(query, t, p),
    needHref: query.q ? `/needs/new?${new URLSearchParams({ text: query.q })}` : '/needs/new',
    clearHref: searchHref({ q: query.q }),
    pages,
    sortOrders: sortChoices(query),
    currentSort: freeUnits ? FREE_UNITS : query.sort,
    suggestions: result.total === 0 ? await suggestions(ctx, query, t, p) : [],
    notices: searchNotices(result, t),
    labelFilters: labelFilters(query, result, t, p),
  });
  // Counted once the page is sent; the widened searches behind the suggestions are not the visitor's.
  ctx.searchLog.recordAnswer(query, result.total);
}
