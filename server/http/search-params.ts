/** The search parameters of the contract, parsed and checked once for the API and the search page alike. */
import type { CollectionName } from '../collections/define.js';
import { FACET_CODES, FACET_PARAMS, type FacetParam } from '../collections/facets.js';
import { AppError } from '../core/app-error.js';
import { message, type FieldMessages } from '../core/messages.js';
import { DEFAULT_PER_PAGE, SORT_ORDERS, type SearchQuery } from '../../search/core/types.js';

/** Limits of the contract: query length, page size (its default is `DEFAULT_PER_PAGE`) and depth. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_PER_PAGE = 100;
/** Deeper pages are refused rather than computed: nobody reads them, robots would only slow the index. */
export const MAX_PAGE = 10_000;
const LANGS = ['zh', 'en'] as const;

/** Shows a bad value in a message without letting it grow the answer. */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** One value of a parameter: a string, or undefined when absent; a repeated parameter is an error. */
function single(raw: Record<string, unknown>, key: string, details: FieldMessages): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  const codes = (FACET_PARAMS as readonly string[]).includes(key);
  details[key] = message(Array.isArray(value) ? (codes ? 'onceJoin' : 'once') : 'text');
  return undefined;
}

function parseCodes(param: FacetParam, value: string, details: FieldMessages): string[] {
  const codes = [...new Set(value.split(',').map((c) => c.trim()).filter(Boolean))];
  const unknown = codes.filter((c) => !FACET_CODES[param].includes(c));
  const [firstUnknown] = unknown;
  if (firstUnknown !== undefined) details[param] = message('unknownCode', { code: shown(firstUnknown), codes: FACET_CODES[param].join(', ') });
  return codes;
}

function parseInteger(key: string, value: string | undefined, fallback: number, max: number, details: FieldMessages): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max)) details[key] = message('wholeNumberUpTo', { max });
  return n;
}

function parseChoice<T extends string>(key: string, value: string | undefined, choices: readonly T[], fallback: T, details: FieldMessages): T {
  if (value === undefined || value === '') return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  details[key] = message('choose', { choices: choices.join(', ') });
  return fallback;
}

function parseAvailable(value: string | undefined, details: FieldMessages): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  details.available = message('bool');
  return false;
}

/** `facets`: true (the default) or false; only the API reads it, pages always show their facets. */
function parseFacets(value: string | undefined, details: FieldMessages): boolean {
  if (value === undefined || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  details.facets = message('bool');
  return true;
}

function parseFilters(raw: Record<string, unknown>, fixed: CollectionName | undefined, details: FieldMessages): SearchQuery['filters'] {
  const filters: SearchQuery['filters'] = {};
  for (const param of FACET_PARAMS) {
    const value = single(raw, param, details);
    if (value === undefined) continue;
    const codes = parseCodes(param, value, details);
    if (codes.length) filters[param] = codes;
  }
  if (fixed) {
    if (filters.collection && (filters.collection.length !== 1 || filters.collection[0] !== fixed)) {
      details.collection = message('fixedCollection', { searched: fixed });
    }
    filters.collection = [fixed];
  }
  return filters;
}

/**
 * Parses the contract's search parameters (`q`, the filter codes, `available`, `sort`, `page`, `perPage`,
 * `lang`, and with `options.facets` the API's `facets`). Throws a 400 AppError whose details name every bad
 * parameter. Unknown parameters are ignored. `fixedCollection` is the collection of `/api/:collection`.
 */
export function parseSearchParams(raw: Record<string, unknown>, fixedCollection?: CollectionName, options: { facets?: boolean } = {}): SearchQuery {
  const details: FieldMessages = {};
  const q = (single(raw, 'q', details) ?? '').trim();
  if (Array.from(q).length > MAX_QUERY_LENGTH) details.q = message('maxChars', { max: MAX_QUERY_LENGTH });
  const query: SearchQuery = {
    q,
    filters: parseFilters(raw, fixedCollection, details),
    available: parseAvailable(single(raw, 'available', details), details),
    sort: parseChoice('sort', single(raw, 'sort', details), SORT_ORDERS, 'relevance', details),
    page: parseInteger('page', single(raw, 'page', details), 1, MAX_PAGE, details),
    perPage: parseInteger('perPage', single(raw, 'perPage', details), DEFAULT_PER_PAGE, MAX_PER_PAGE, details),
    lang: parseChoice('lang', single(raw, 'lang', details), LANGS, 'zh', details),
  };
  if (options.facets) query.facets = parseFacets(single(raw, 'facets', details), details);
  if (Object.keys(details).length) throw new AppError('bad_request', 400, 'invalid search parameters', details);
  return query;
}
