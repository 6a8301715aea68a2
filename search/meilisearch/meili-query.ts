/** Meilisearch search requests and the reading of their answers; pure, so tested without a server. */
import type { MultiSearchQuery, MultiSearchResult, RecordAny } from 'meilisearch';
import { FACET_CODES, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import { queryGrams, type QueryTerm } from '../analysis/analysis.js';
import { emptyFacets, type DocKey, type EngineQuery, type EngineResult } from '../core/engine.js';
import { activeFilters, buildMeiliFilter, FACET_ATTRIBUTES } from '../core/filters.js';
import { BROWSE_RULES, QUALITY_RULE } from './meili-settings.js';

/**
 * Optional words: `frequency` drops the most frequent words first (the least informative, as the embedded engine
 * drops them), where `last` would drop the last word typed whatever it is; listings matching more words rank
 * first through the `words` rule.
 */
export const MATCHING_STRATEGY = 'frequency' as const;

/** Meilisearch reads the first 10 words of a query and ignores the rest. */
export const MEILI_MAX_WORDS = 10;

/**
 * The query text: words as typed (folded; Meilisearch adds typos, prefixes and the synonyms of its settings), each
 * Chinese word of two or more characters as the quoted phrase of its bigrams, which the gram attributes contain
 * exactly when the text contains the word (Meilisearch's segmenter would otherwise cut `准东` into 准 and 东 and
 * match each anywhere); one character as it is. The terms are those of the shared analysis (Traditional read as
 * Simplified, unspaced Chinese cut into words), and hold only letters, digits and Chinese characters, so no quote
 * or operator of the user reaches Meilisearch.
 */
export function meiliQueryText(terms: QueryTerm[]): string {
  return terms.map((t) => (t.kind === 'han' && Array.from(t.text).length > 1 ? `"${queryGrams(t.text).join(' ')}"` : t.text)).join(' ');
}

function sortOf(query: EngineQuery): string[] | undefined {
  const tie = ['collectionOrder:asc', 'listingId:asc'];
  if (query.sort === 'name') return [query.lang === 'en' ? 'sortNameEn:asc' : 'sortName:asc', ...tie];
  if (query.sort === 'updated') return ['updatedAt:desc', ...tie];
  return query.terms.length ? undefined : [QUALITY_RULE, ...BROWSE_RULES];
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
    matchingStrategy: MATCHING_STRATEGY,
    filter: buildMeiliFilter(query.filters, query.available),
    facets: query.facets === false ? [] : FACET_PARAMS.filter((p) => !filtered.includes(p)).map((p) => FACET_ATTRIBUTES[p]),
    attributesToRetrieve: ['collection', 'listingId'],
    sort: sortOf(query),
    ...(query.offset % query.limit === 0 ? { page: query.offset / query.limit + 1, hitsPerPage: query.limit } : { offset: query.offset, limit: query.limit }),
  };
  const facetQueries = filtered.map((param): MultiSearchQuery => ({
    indexUid,
    q,
    matchingStrategy: MATCHING_STRATEGY,
    filter: buildMeiliFilter(query.filters, query.available, param),
    facets: [FACET_ATTRIBUTES[param]],
    limit: 0,
  }));
  return [main, ...facetQueries];
}

function countsOf(distribution: Record<string, number> | undefined, param: FacetParam): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of FACET_CODES[param]) if (distribution?.[code]) out[code] = distribution[code];
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

/**
 * How many words Meilisearch reads in a query text, counted high: a quoted phrase is one word, a word of a spaced
 * script one, and an unquoted Chinese run one per character (its segmenter may cut a run it does not know into
 * single characters).
 */
export function meiliWordCount(text: string): number {
  let count = 0;
  for (const part of text.match(/"[^"]*"|[^\s"]+/g) ?? []) {
    if (part.startsWith('"')) count += part.length > 2 ? 1 : 0;
    else count += Array.from(part).reduce((n, ch, i, all) => n + (/\p{Script=Han}/u.test(ch) || i === 0 || /\p{Script=Han}/u.test(all[i - 1]!) ? 1 : 0), 0);
  }
  return count;
}

/** True when Meilisearch reads the whole query, so it finds what the embedded engine finds. */
export function meiliReadsWhole(query: EngineQuery): boolean {
  return meiliWordCount(meiliQueryText(query.terms)) <= MEILI_MAX_WORDS;
}
