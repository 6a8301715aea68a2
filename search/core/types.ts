/** The search request and answer of the public contract, shared by the API, the pages and the engines. */
import type { Listing } from '../../server/collections/define.js';
import type { FacetParam } from '../../server/collections/facets.js';

/** The two search engines: the embedded SQLite FTS5 one and Meilisearch. */
export type EngineName = 'sqlite' | 'meilisearch';

/** The orders of the contract's `sort`, the default first. */
export const SORT_ORDERS = ['relevance', 'name', 'updated'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Results a page holds when the request names no `perPage`. */
export const DEFAULT_PER_PAGE = 20;

/** A parsed, validated search request (codes already checked against the vocabulary). */
export interface SearchQuery {
  q: string;
  filters: Partial<Record<FacetParam, string[]>>;
  /** Apartments with free units only. */
  available: boolean;
  sort: SortOrder;
  page: number;
  perPage: number;
  lang: 'zh' | 'en';
  /** False: the answer leaves the facet counts out (`"facets": {}`); default true. */
  facets?: boolean;
}

export type SearchHit = Listing & { url: string; highlight: { name: string; summary: string } };

/** A filter offered because the query is exactly its label: `count` listings of the answer carry the code. */
export interface SuggestedFilter {
  param: FacetParam;
  code: string;
  count: number;
}

export interface SearchResult {
  query: string;
  page: number;
  perPage: number;
  total: number;
  hits: SearchHit[];
  /** Every facet parameter's counts; empty when the query asked for none. */
  facets: Partial<Record<FacetParam, Record<string, number>>>;
  engine: EngineName;
  tookMs: number;
  /** Words of the query left out because no listing, or fewer than a handful, held them all. */
  ignored: string[];
  /** With words ignored: how many results hold every word of the query (they come first). */
  complete?: number;
  /** Filters whose label the query is exactly. */
  suggestedFilters: SuggestedFilter[];
  /** `nothing-to-search`: the query holds no letter, digit or Chinese character. */
  notice?: 'nothing-to-search';
}

export interface SearchHealth {
  engine: EngineName;
  pendingIndexJobs: number;
  lastError?: string | null;
}
