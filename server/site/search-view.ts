/** What the search page shows for one query and its answer: facets, chips, result cards, pages. */
import { highlightForQuery } from '../../search/analysis/highlight.js';
import { DEFAULT_PER_PAGE, SORT_ORDERS, type SearchHit, type SearchQuery, type SearchResult } from '../../search/core/types.js';
import { FACET_CODES, FACET_DISPLAY_ORDER, FACET_PARAMS, type FacetParam } from '../collections/facets.js';
import { COLLECTIONS } from '../collections/registry.js';
import type { Lang, Translate } from '../i18n/i18n.js';
import type { Card, Presenter } from './present.js';
import { searchHref, type SearchParams } from './urls.js';

export interface FacetOption {
  code: string;
  label: string;
  count: number;
  checked: boolean;
}

export interface FacetView {
  param: FacetParam;
  label: string;
  options: FacetOption[];
}

export interface Chip {
  label: string;
  href: string;
}

export type PageItem = { page: number; href: string; current: boolean } | { gap: true };

export interface HitCard extends Card {
  /** Pre-escaped by the search engine, with matches wrapped in <mark>. */
  nameHtml: string;
  summaryHtml: string;
  /** When only the other language's text matched: its name and summary, escaped and marked, and its language. */
  other?: { lang: Lang; nameHtml: string; summaryHtml: string };
}

export interface Pagination {
  page: number;
  pages: number;
  prev?: string;
  next?: string;
  items: PageItem[];
}


/** The page's own order beside the engine's: housing with the most free units first. */
export const FREE_UNITS = 'free-units';

/** A search as the page holds it: the engine's query and whether the page orders housing by free units. */
export type PageQuery = SearchQuery & { byFreeUnits?: boolean };

/** Collections that declare a capacity: the free-units switch and order apply to them. */
const WITH_CAPACITY: readonly string[] = COLLECTIONS.filter((def) => def.capacity).map((def) => def.name);

/** The orders the sort menu offers: free units when only housing (a collection with a capacity) is listed. */
export function sortChoices(query: SearchQuery): string[] {
  const picked = query.filters.collection ?? [];
  const housingOnly = picked.length === 1 && picked.every((name) => WITH_CAPACITY.includes(name));
  return housingOnly ? [...SORT_ORDERS, FREE_UNITS] : [...SORT_ORDERS];
}

/** The parameters that reproduce a query, defaults left out so links stay short. */
export function queryParams(query: PageQuery, change: Partial<PageQuery> = {}): SearchParams {
  const q: PageQuery = { ...query, ...change };
  const params: SearchParams = { q: q.q };
  for (const param of FACET_PARAMS) params[param] = q.filters[param];
  params.available = q.available || undefined;
  params.sort = q.byFreeUnits ? FREE_UNITS : q.sort === 'relevance' ? undefined : q.sort;
  params.perPage = q.perPage === DEFAULT_PER_PAGE ? undefined : q.perPage;
  params.page = q.page > 1 ? q.page : undefined;
  return params;
}

/** The query with one filter value (or a whole filter) taken away, back on page 1. */
export function without(query: SearchQuery, param: FacetParam, code?: string): SearchQuery {
  const kept = code === undefined ? [] : (query.filters[param] ?? []).filter((c) => c !== code);
  return { ...query, page: 1, filters: { ...query.filters, [param]: kept.length ? kept : undefined } };
}

export function facetViews(query: SearchQuery, result: SearchResult, t: Translate, p: Presenter): FacetView[] {
  return FACET_DISPLAY_ORDER.map((param) => {
    const counts = result.facets[param] ?? {};
    const selected = query.filters[param] ?? [];
    const options = FACET_CODES[param]
      .filter((code) => (counts[code] ?? 0) > 0 || selected.includes(code))
      .map((code) => ({ code, label: p.facetValue(param, code), count: counts[code] ?? 0, checked: selected.includes(code) }));
    return { param, label: t(`site.facet.${param}`), options };
  }).filter((f) => f.options.length > 0);
}

/** One chip per active filter value; following it removes just that value. */
export function chips(query: SearchQuery, t: Translate, p: Presenter): Chip[] {
  const out: Chip[] = [];
  if (query.q) out.push({ label: t('site.search.chipQuery', { q: query.q }), href: searchHref(queryParams({ ...query, q: '', page: 1 })) });
  for (const param of FACET_PARAMS) {
    for (const code of query.filters[param] ?? []) {
      const label = t('site.search.chip', { facet: t(`site.facet.${param}`), value: p.facetValue(param, code) });
      out.push({ label, href: searchHref(queryParams(without(query, param, code))) });
    }
  }
  if (query.available) out.push({ label: t('site.search.availableOnly'), href: searchHref(queryParams({ ...query, available: false, page: 1 })) });
  return out;
}

export function pagination(query: SearchQuery, total: number): Pagination {
  const pages = Math.max(1, Math.ceil(total / query.perPage));
  const page = Math.min(query.page, pages);
  const href = (n: number) => searchHref(queryParams({ ...query, page: n }));
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PageItem[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ gap: true });
    items.push({ page: n, href: href(n), current: n === page });
  });
  return { page, pages, items, prev: page > 1 ? href(page - 1) : undefined, next: page < pages ? href(page + 1) : undefined };
}

/**
 * The card's fields are spread after the highlights, not before: a literal that starts with a spread and then adds
 * properties took V8's slow copy, ~2 µs a card (half of a page's cards).
 */
export function hitCards(hits: SearchHit[], p: Presenter, q = '', lang: Lang = 'zh'): HitCard[] {
  return hits.map((hit) => {
    const card: HitCard = { nameHtml: hit.highlight?.name ?? '', summaryHtml: hit.highlight?.summary ?? '', ...p.card(hit, hit.url) };
    if (q) card.other = otherLanguageMatch(hit, card, q, lang);
    return card;
  });
}

const MARK = '<mark>';

/**
 * The other language's name (and summary, when only it matched) of a hit whose shown text has no match, so a
 * reader sees why it was found: an English reader searching 煤化工 sees the Chinese name marked.
 */
function otherLanguageMatch(hit: SearchHit, card: HitCard, q: string, lang: Lang): HitCard['other'] {
  if (card.nameHtml.includes(MARK) || card.summaryHtml.includes(MARK)) return undefined;
  const otherLang: Lang = lang === 'en' ? 'zh' : 'en';
  const [name, summary] = otherLang === 'zh' ? [hit.name, hit.summary] : [hit.nameEn, hit.summaryEn];
  if (!name || name === card.name) return undefined;
  const marked = highlightForQuery(q, name, summary ?? '');
  const nameMatched = marked.name.includes(MARK);
  if (!nameMatched && !marked.summary.includes(MARK)) return undefined;
  return { lang: otherLang, nameHtml: marked.name, summaryHtml: nameMatched ? '' : marked.summary };
}

/** Each way to widen a query that found nothing: drop the words, one filter, or the free-units switch. */
export function widenings(query: SearchQuery, t: Translate, p: Presenter): { label: string; query: SearchQuery }[] {
  const out: { label: string; query: SearchQuery }[] = [];
  if (query.q) out.push({ label: t('site.search.dropQuery', { q: query.q }), query: { ...query, q: '', page: 1 } });
  for (const param of FACET_PARAMS) {
    const codes = query.filters[param];
    if (!codes?.length) continue;
    const value = codes.map((code) => p.facetValue(param, code)).join(t('site.listSeparator'));
    out.push({ label: t('site.search.dropFilter', { filter: t('site.search.chip', { facet: t(`site.facet.${param}`), value }) }), query: without(query, param) });
  }
  if (query.available) out.push({ label: t('site.search.dropAvailable'), query: { ...query, available: false, page: 1 } });
  return out;
}

/** The free-units switch only matters when housing can be among the results. */
export function offersAvailable(query: SearchQuery, result: SearchResult): boolean {
  const collections = query.filters.collection;
  const found = (name: string) => (!collections?.length || collections.includes(name)) && (result.facets.collection?.[name] ?? 0) > 0;
  return query.available || WITH_CAPACITY.some(found);
}
