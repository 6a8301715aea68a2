/** The search parameters of the contract, parsed and checked once for the API and the search page alike. */
import type { CollectionName } from '../../server/collections/define.js';
import { FACET_CODES, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import { AppError, type ErrorDetails } from '../../server/core/app-error.js';
import type { SearchQuery, SortOrder } from './types.js';

/** Limits of the contract: query length, page size and its default. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 20;
/** Deeper pages are refused rather than computed: nobody reads them, robots would only slow the index. */
export const MAX_PAGE = 10_000;
const SORTS: readonly SortOrder[] = ['relevance', 'name', 'updated'];
const LANGS = ['zh', 'en'] as const;

/** Shows a bad value in a message without letting it grow the answer. */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** One value of a parameter: a string, or undefined when absent; a repeated parameter is an error. */
function single(raw: Record<string, unknown>, key: string, details: ErrorDetails): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  const codes = (FACET_PARAMS as readonly string[]).includes(key) ? ' (join several codes with commas)' : '';
  details[key] = Array.isArray(value) ? `give this parameter once${codes}` : 'must be text';
  return undefined;
}

function parseCodes(param: FacetParam, value: string, details: ErrorDetails): string[] {
  const codes = [...new Set(value.split(',').map((c) => c.trim()).filter(Boolean))];
  const unknown = codes.filter((c) => !FACET_CODES[param].includes(c));
  if (unknown.length) details[param] = `unknown code ${shown(unknown[0]!)}; expected one of: ${FACET_CODES[param].join(', ')}`;
  return codes;
}

function parseInteger(key: string, value: string | undefined, fallback: number, max: number, details: ErrorDetails): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max)) details[key] = `must be a whole number from 1 to ${max}`;
  return n;
}

function parseChoice<T extends string>(key: string, value: string | undefined, choices: readonly T[], fallback: T, details: ErrorDetails): T {
  if (value === undefined || value === '') return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  details[key] = `must be one of: ${choices.join(', ')}`;
  return fallback;
}

function parseAvailable(value: string | undefined, details: ErrorDetails): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  details.available = 'must be true or false';
  return false;
}

/** `facets`: true (the default) or false; only the API reads it, pages always show their facets. */
function parseFacets(value: string | undefined, details: ErrorDetails): boolean {
  if (value === undefined || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  details.facets = 'must be true or false';
  return true;
}

function parseFilters(raw: Record<string, unknown>, fixed: CollectionName | undefined, details: ErrorDetails): SearchQuery['filters'] {
  const filters: SearchQuery['filters'] = {};
  for (const param of FACET_PARAMS) {
    const value = single(raw, param, details);
    if (value === undefined) continue;
    const codes = parseCodes(param, value, details);
    if (codes.length) filters[param] = codes;
  }
  if (fixed) {
    if (filters.collection && (filters.collection.length !== 1 || filters.collection[0] !== fixed)) {
      details.collection = `this address already searches ${fixed}`;
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
  const details: ErrorDetails = {};
  const q = (single(raw, 'q', details) ?? '').trim();
  if (Array.from(q).length > MAX_QUERY_LENGTH) details.q = `at most ${MAX_QUERY_LENGTH} characters`;
  const query: SearchQuery = {
    q,
    filters: parseFilters(raw, fixedCollection, details),
    available: parseAvailable(single(raw, 'available', details), details),
    sort: parseChoice('sort', single(raw, 'sort', details), SORTS, 'relevance', details),
    page: parseInteger('page', single(raw, 'page', details), 1, MAX_PAGE, details),
    perPage: parseInteger('perPage', single(raw, 'perPage', details), DEFAULT_PER_PAGE, MAX_PER_PAGE, details),
    lang: parseChoice('lang', single(raw, 'lang', details), LANGS, 'zh', details),
  };
  if (options.facets) query.facets = parseFacets(single(raw, 'facets', details), details);
  if (Object.keys(details).length) throw new AppError('bad_request', 400, 'invalid search parameters', details);
  return query;
}
