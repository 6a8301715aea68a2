/** Filter parameters → the codes they accept, and → Meilisearch filter expressions with every value escaped. */
import { COLLECTION_NAMES, FACET_PARAMS, type FacetParam } from '../../server/collections/define.js';
import { COLLECTIONS } from '../../server/collections/registry.js';
import { VOCAB, type VocabName } from '../../server/collections/vocab.js';
import { FACET_ATTRIBUTES } from './documents.js';

/** The codes each filter parameter accepts, read from the declarations (`kind` takes platform and housing kinds). */
export const FILTER_CODES: Record<FacetParam, readonly string[]> = (() => {
  const codes: Record<FacetParam, Set<string>> = Object.fromEntries(FACET_PARAMS.map((p) => [p, new Set<string>()])) as never;
  COLLECTION_NAMES.forEach((c) => codes.collection.add(c));
  VOCAB.county.forEach((c) => codes.county.add(c));
  VOCAB.field.forEach((c) => codes.field.add(c));
  for (const def of COLLECTIONS) {
    for (const [param, field] of Object.entries(def.facets)) {
      const spec = def.own[field];
      if (spec?.type === 'code') VOCAB[spec.vocab as VocabName].forEach((c) => codes[param as FacetParam].add(c));
    }
  }
  return Object.fromEntries(FACET_PARAMS.map((p) => [p, [...codes[p]]])) as unknown as Record<FacetParam, readonly string[]>;
})();

/** The only attribute names a filter may name. */
const FILTERABLE = new Set<string>([...Object.values(FACET_ATTRIBUTES), 'available']);

/** Filters that constrain something, in parameter order, optionally leaving one parameter out. */
export function activeFilters(filters: Partial<Record<FacetParam, string[]>>, except?: FacetParam): [FacetParam, string[]][] {
  return FACET_PARAMS.filter((p) => p !== except && (filters[p]?.length ?? 0) > 0).map((p) => [p, filters[p]!]);
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
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
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
