/** Meilisearch index settings and requests, derived from the collection declarations; pure, so tested without a server. */
import type { MultiSearchQuery, MultiSearchResult, RecordAny, Settings } from 'meilisearch';
import { FACET_PARAMS, type FacetParam } from '../../server/collections/define.js';
import { queryGrams, type QueryTerm } from '../analysis.js';
import { FACET_ATTRIBUTES, type SearchDocument } from '../documents.js';
import { emptyFacets, type DocKey, type EngineQuery, type EngineResult } from '../engine.js';
import { activeFilters, buildMeiliFilter, FILTER_CODES } from '../filters.js';

/** Searchable attributes in ranking order: name above keywords (host, affiliation) above summary; pinyin last. */
export const SEARCHABLE_ATTRIBUTES = [
  'name', 'nameEn', 'nameGrams', 'keywords', 'keywordsEn', 'keywordsGrams', 'summary', 'summaryEn', 'summaryGrams', 'pinyin',
] as const satisfies readonly (keyof SearchDocument)[];

const SORTABLE_ATTRIBUTES = ['sortName', 'sortNameEn', 'updatedAt', 'boost', 'collectionOrder', 'listingId'] as const satisfies readonly (keyof SearchDocument)[];

/** Totals stay exact up to this many hits. */
const MAX_TOTAL_HITS = 1_000_000;

/** The index settings. Typo tolerance is off so Meilisearch finds what the embedded engine finds, no more. */
export function indexSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...Object.values(FACET_ATTRIBUTES), 'available'],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    displayedAttributes: ['id', 'collection', 'listingId'],
    // `sort` first: an explicit sort (name, updated) orders the answer; relevance searches pass no sort.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    localizedAttributes: [
      { attributePatterns: ['name', 'keywords', 'summary', '*Grams'], locales: ['zho'] },
      { attributePatterns: ['*En'], locales: ['eng'] },
    ],
    typoTolerance: { enabled: false },
    faceting: { maxValuesPerFacet: Math.max(...FACET_PARAMS.map((p) => FILTER_CODES[p].length)), sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

/**
 * The query text: words as typed (folded), Chinese runs of one or two characters as they are, longer runs as
 * the quoted phrase of their bigrams, which the gram attributes contain exactly when the text contains the run.
 * Terms hold only letters, digits and Chinese characters, so no quote or operator of the user reaches Meilisearch.
 */
export function meiliQueryText(terms: QueryTerm[]): string {
  return terms
    .map((t) => (t.kind === 'han' && Array.from(t.text).length > 2 ? `"${queryGrams(t.text).join(' ')}"` : t.text))
    .join(' ');
}

function sortOf(query: EngineQuery): string[] | undefined {
  const tie = ['collectionOrder:asc', 'listingId:asc'];
  if (query.sort === 'name') return [query.lang === 'en' ? 'sortNameEn:asc' : 'sortName:asc', ...tie];
  if (query.sort === 'updated') return ['updatedAt:desc', ...tie];
  return query.terms.length ? undefined : ['boost:asc', 'collectionOrder:asc', 'sortName:asc', 'listingId:asc'];
}

/**
 * One multi-search: the page of hits with the facets no filter constrains, then one query per filtered
 * parameter, without its own filter, for that facet's disjunctive counts.
 */
export function buildSearchRequests(indexUid: string, query: EngineQuery): MultiSearchQuery[] {
  const q = meiliQueryText(query.terms);
  const filtered = query.facets === false ? [] : activeFilters(query.filters).map(([param]) => param);
  const main: MultiSearchQuery = {
    indexUid,
    q,
    matchingStrategy: 'all',
    filter: buildMeiliFilter(query.filters, query.available),
    facets: query.facets === false ? [] : FACET_PARAMS.filter((p) => !filtered.includes(p)).map((p) => FACET_ATTRIBUTES[p]),
    attributesToRetrieve: ['collection', 'listingId'],
    sort: sortOf(query),
    ...(query.offset % query.limit === 0 ? { page: query.offset / query.limit + 1, hitsPerPage: query.limit } : { offset: query.offset, limit: query.limit }),
  };
  const facetQueries = filtered.map((param): MultiSearchQuery => ({
    indexUid,
    q,
    matchingStrategy: 'all',
    filter: buildMeiliFilter(query.filters, query.available, param),
    facets: [FACET_ATTRIBUTES[param]],
    limit: 0,
  }));
  return [main, ...facetQueries];
}

function countsOf(distribution: Record<string, number> | undefined, param: FacetParam): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of FILTER_CODES[param]) if (distribution?.[code]) out[code] = distribution[code];
  return out;
}

/** The engine's answer from the multi-search results, in the order `buildSearchRequests` asked. */
export function readSearchResults(query: EngineQuery, results: MultiSearchResult<RecordAny>[]): EngineResult {
  const [main, ...facetResults] = results;
  if (!main) throw new Error('Meilisearch answered no result for the search');
  const filtered = query.facets === false ? [] : activeFilters(query.filters).map(([param]) => param);
  const facets = emptyFacets();
  for (const param of FACET_PARAMS) {
    const at = filtered.indexOf(param);
    const source = at >= 0 ? facetResults[at] : main;
    facets[param] = countsOf(source?.facetDistribution?.[FACET_ATTRIBUTES[param]], param);
  }
  const keys: DocKey[] = main.hits.map((hit) => ({ collection: hit.collection, listingId: Number(hit.listingId) }));
  const total = main.totalHits ?? main.estimatedTotalHits ?? keys.length;
  return { keys, total, facets };
}
