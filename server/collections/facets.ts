/**
 * The facet parameters of the search, derived from the declarations: `collection`, the common `county` and
 * `field`, then each collection's own facets in the order they are first declared. A facet's codes, whether a
 * listing carries several, the field it reads and the label group of its codes are read from here and nowhere else.
 */
import { COMMON_FIELDS, type CollectionDef, type Listing } from './define.js';
import type { FieldSpec } from './field-spec.js';
import { COLLECTIONS, getCollection } from './registry.js';
import { VOCAB, VOCAB_LABEL_GROUP } from './vocab.js';

type OwnFacetParam<D> = D extends CollectionDef<infer F> ? keyof F & string : never;

/** A filter parameter of the search: a new facet in a declaration extends it. */
export type FacetParam = 'collection' | 'county' | 'field' | OwnFacetParam<(typeof COLLECTIONS)[number]>;

export interface Facet {
  param: FacetParam;
  /** The listing field it reads, the same in every collection that answers it (and the Meilisearch attribute). */
  field: string;
  /** The codes it accepts, in the order of their vocabularies. */
  codes: readonly string[];
  /** True when a listing carries several codes (a `codes` field). */
  many: boolean;
  /** The group of its codes' labels in `locales/<lang>/vocab.json` (`vocab.<group>.<code>`). */
  labelGroup: string;
}

/** The common facets beside `collection`, with the common field each reads. */
const COMMON_FACETS = { county: 'county', field: 'fields' } as const;

/** The facet a parameter is, from the field specs that feed it; refuses specs that disagree. */
function facetOf(param: string, field: string, specs: FieldSpec[]): Facet {
  const codes = new Set<string>();
  const groups = new Set<string>();
  const many = new Set<boolean>();
  for (const spec of specs) {
    if (spec.type !== 'code' && spec.type !== 'codes') throw new Error(`facet ${param} reads ${field}, which holds no codes`);
    VOCAB[spec.vocab].forEach((code) => codes.add(code));
    groups.add(VOCAB_LABEL_GROUP[spec.vocab]);
    many.add(spec.type === 'codes');
  }
  if (groups.size !== 1 || many.size !== 1) throw new Error(`facet ${param} reads fields of different label groups or kinds`);
  return { param: param as FacetParam, field, codes: [...codes], many: [...many][0]!, labelGroup: [...groups][0]! };
}

function declaredFacets(): Facet[] {
  const feeds = new Map<string, { field: string; specs: FieldSpec[] }>();
  for (const [param, field] of Object.entries(COMMON_FACETS)) feeds.set(param, { field, specs: [COMMON_FIELDS[field]] });
  for (const def of COLLECTIONS) {
    for (const [param, field] of Object.entries(def.facets)) {
      const spec = def.own[field];
      if (!spec) throw new Error(`${def.name} declares facet ${param} on ${field}, which is not one of its fields`);
      const feed = feeds.get(param) ?? { field, specs: [] };
      if (feed.field !== field) throw new Error(`facet ${param} reads ${feed.field} in one collection and ${field} in ${def.name}`);
      feed.specs.push(spec);
      feeds.set(param, feed);
    }
  }
  const collection: Facet = { param: 'collection', field: 'collection', codes: COLLECTIONS.map((def) => def.name), many: false, labelGroup: 'collection' };
  return [collection, ...[...feeds].map(([param, { field, specs }]) => facetOf(param, field, specs))];
}

/** Every facet, in parameter order (the order of the API's `facets` keys). */
export const FACETS: readonly Facet[] = declaredFacets();

/** The facet parameters, in parameter order. */
export const FACET_PARAMS: readonly FacetParam[] = FACETS.map((f) => f.param);

/** Each facet by its parameter. */
export const FACET_BY_PARAM: Record<FacetParam, Facet> = Object.fromEntries(FACETS.map((f) => [f.param, f])) as Record<FacetParam, Facet>;

/** The codes each filter parameter accepts (`kind` takes platform and housing kinds). */
export const FACET_CODES: Record<FacetParam, readonly string[]> = Object.fromEntries(FACETS.map((f) => [f.param, f.codes])) as Record<FacetParam, readonly string[]>;

/** Facets the search page lists before the others: after the collection, what errands narrow by first. */
const SHOWN_FIRST: readonly FacetParam[] = ['collection', 'category', 'field', 'county'];

/** The order the search page lists its facets in: `SHOWN_FIRST`, then the rest in parameter order. */
export const FACET_DISPLAY_ORDER: readonly FacetParam[] = [
  ...SHOWN_FIRST.filter((p) => FACET_PARAMS.includes(p)),
  ...FACET_PARAMS.filter((p) => !SHOWN_FIRST.includes(p)),
];

/** True when listings of `def` carry values of the facet. */
function answers(def: CollectionDef, facet: Facet): boolean {
  return facet.param in COMMON_FACETS || def.facets[facet.param] === facet.field;
}

/** The facet parameter that filters on a field of a collection, if any. */
export function facetOfField(def: CollectionDef, key: string): FacetParam | undefined {
  return FACETS.find((f) => f.param !== 'collection' && f.field === key && answers(def, f))?.param;
}

/** The codes a listing carries for each facet (none for the facets its collection does not answer). */
export function listingFacets(listing: Listing): Record<FacetParam, string[]> {
  const def = getCollection(listing.collection);
  const out = {} as Record<FacetParam, string[]>;
  for (const facet of FACETS) {
    const value = facet.param === 'collection' ? listing.collection : answers(def, facet) ? listing[facet.field] : null;
    out[facet.param] = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  }
  return out;
}
