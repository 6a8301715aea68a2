/** Filter parameters → the filters that constrain, and → Meilisearch filter expressions with every value escaped. */
import { FACETS, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';

/** The Meilisearch attribute of each facet parameter: the listing field it reads (`field` → `fields`). */
export const FACET_ATTRIBUTES: Record<FacetParam, string> = Object.fromEntries(FACETS.map((f) => [f.param, f.field])) as Record<FacetParam, string>;

/** The only attribute names a filter may name. */
const FILTERABLE = new Set<string>([...Object.values(FACET_ATTRIBUTES), 'available']);

/** Filters that constrain something, in parameter order, optionally leaving one parameter out. */
export function activeFilters(filters: Partial<Record<FacetParam, string[]>>, except?: FacetParam): [FacetParam, string[]][] {
  return FACET_PARAMS.flatMap((p): [FacetParam, string[]][] => {
    const codes = filters[p];
    return p !== except && codes?.length ? [[p, codes]] : [];
  });
}

/**
 * A Meilisearch string literal with its double quotes escaped. Meilisearch reads back `\"` only, and keeps any
 * other backslash as written, so a value holding a backslash cannot be written exactly and is refused (codes
 * never hold one).
 */
export function escapeFilterValue(value: string): string {
  if (value.includes('\\')) throw new Error(`a filter value may not hold a backslash: ${JSON.stringify(value)}`);
  return `"${value.replace(/"/g, '\\"')}"`;
}

/** The attribute name, refused unless it is one of the filterable attributes. */
export function filterAttribute(name: string): string {
  if (!FILTERABLE.has(name)) throw new Error(`not a filterable attribute: ${JSON.stringify(name)}`);
  return name;
}

/** `(county = "a" OR county = "b")`: one parameter's codes, OR'd. */
export function anyOf(attribute: string, values: string[]): string {
  const attr = filterAttribute(attribute);
  const parts = values.map((v) => `${attr} = ${escapeFilterValue(v)}`);
  return parts.length === 1 ? parts.join('') : `(${parts.join(' OR ')})`;
}

/**
 * The Meilisearch filter of a search: OR inside a parameter, AND between parameters, `available` for housing
 * with free units. `except` leaves one parameter out (its disjunctive facet counts). Undefined when nothing filters.
 */
export function buildMeiliFilter(filters: Partial<Record<FacetParam, string[]>>, available: boolean, except?: FacetParam): string | undefined {
  const parts = activeFilters(filters, except).map(([param, values]) => anyOf(FACET_ATTRIBUTES[param], values));
  if (available) parts.push(`${filterAttribute('available')} = true`);
  return parts.length ? parts.join(' AND ') : undefined;
}
