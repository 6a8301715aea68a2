/** Listings related to the one on a page, as its collection declares them: same fields, same county, references. */
import type { SearchQuery } from '../../search/core/types.js';
import type { CollectionName, Listing, RelatedListings } from '../collections/define.js';
import type { FacetParam } from '../collections/facets.js';
import { getCollection } from '../collections/registry.js';
import type { SearchService } from '../../search/search-service.js';
import type { ListingService } from '../collections/listing-service.js';
import type { Lang, Translate } from '../i18n/i18n.js';
import type { Card, Presenter } from './present.js';
import { searchHref } from './urls.js';

export interface RelatedGroup {
  id: string;
  title: string;
  cards: Card[];
  /** How many there are in all (the cards show the first few). */
  total: number;
  /** The search that lists all of them. */
  moreHref?: string;
}

const SHOWN = 5;
/** Referrers (an institution's experts) are listed without a search behind them, so more of them are shown. */
const REFERRERS_SHOWN = 12;

/** What the related listings read: the search for a listing's neighbours, the listings it names. */
export interface Deps {
  search: SearchService;
  listings: ListingService;
}

/** The related groups of a listing that have something to show. */
export async function relatedGroups(listing: Listing, deps: Deps, t: Translate, p: Presenter, lang: Lang): Promise<RelatedGroup[]> {
  const groups = await Promise.all(
    (getCollection(listing.collection).related ?? []).map((spec) => {
      if (spec.by === 'reference') return referenceOf(listing, spec, deps, t, p);
      if (spec.by === 'referrers') return referrersOf(listing, spec, deps, t, p);
      return bySearch(listing, spec.collection, spec.by, deps, t, p, lang);
    }),
  );
  return groups.filter((g): g is RelatedGroup => g !== null && g.cards.length > 0);
}

async function bySearch(
  listing: Listing,
  collection: CollectionName,
  by: 'field' | 'county',
  deps: Deps,
  t: Translate,
  p: Presenter,
  lang: Lang,
): Promise<RelatedGroup> {
  const param: FacetParam = by;
  const codes = by === 'field' ? listing.fields : [listing.county];
  const query: SearchQuery = {
    q: '',
    filters: { collection: [collection], [param]: codes },
    available: false,
    sort: 'relevance',
    page: 1,
    perPage: SHOWN + 1,
    lang,
  };
  const result = await deps.search.search(query);
  const isSelf = (hit: Listing) => hit.collection === listing.collection && hit.id === listing.id;
  const others = result.hits.filter((hit) => !isSelf(hit));
  return {
    id: `${by}-${collection}`,
    title: t(`site.related.${by}.${collection}`),
    cards: others.slice(0, SHOWN).map((hit) => p.card(hit, hit.url)),
    total: result.total - (others.length < result.hits.length ? 1 : 0),
    moreHref: searchHref({ collection, [param]: codes }),
  };
}

type Reference = Extract<RelatedListings, { by: 'reference' }>;
type Referrers = Extract<RelatedListings, { by: 'referrers' }>;

/** The active listing a reference field of `listing` points at, as a group of one. */
function referenceOf(listing: Listing, spec: Reference, deps: Deps, t: Translate, p: Presenter): RelatedGroup | null {
  const field = getCollection(listing.collection).own[spec.field];
  const id = listing[spec.field];
  if (field?.type !== 'ref' || typeof id !== 'number') return null;
  const target = deps.listings.get(field.collection, id);
  if (!target || target.status !== 'active') return null;
  return { id: spec.group, title: t(`site.related.${spec.group}`), cards: [p.card(target)], total: 1 };
}

/** The active listings of a collection whose reference field points at `listing`. */
function referrersOf(listing: Listing, spec: Referrers, deps: Deps, t: Translate, p: Presenter): RelatedGroup {
  const referrers = deps.listings
    .repo(spec.collection)
    .idsReferencing(spec.field, listing.id)
    .map((id) => deps.listings.get(spec.collection, id))
    .filter((e): e is Listing => e !== undefined && e.status === 'active');
  return {
    id: spec.group,
    title: t(`site.related.${spec.group}`),
    cards: referrers.slice(0, REFERRERS_SHOWN).map((e) => p.card(e)),
    total: referrers.length,
  };
}
