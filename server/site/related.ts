/** Listings related to the one on a page: same fields, same county, its institution or its experts. */
import type { SearchQuery } from '../../search/core/types.js';
import type { CollectionName, Listing } from '../collections/define.js';
import type { FacetParam } from '../collections/facets.js';
import type { AppContext } from '../context.js';
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

type RelatedSpec =
  | { by: 'field' | 'county'; collection: CollectionName }
  | { by: 'institution' }
  | { by: 'members' };

const SHOWN = 5;
const MEMBERS_SHOWN = 12;

/** What each collection's page relates to, in the order shown. */
const RELATED: Record<CollectionName, RelatedSpec[]> = {
  platforms: [
    { by: 'field', collection: 'platforms' },
    { by: 'field', collection: 'experts' },
  ],
  institutions: [{ by: 'members' }, { by: 'field', collection: 'platforms' }],
  experts: [{ by: 'institution' }, { by: 'field', collection: 'experts' }, { by: 'field', collection: 'platforms' }],
  apartments: [
    { by: 'county', collection: 'apartments' },
    { by: 'county', collection: 'platforms' },
  ],
};

type Deps = Pick<AppContext, 'search' | 'listings'>;

/** The related groups of a listing that have something to show. */
export async function relatedGroups(listing: Listing, deps: Deps, t: Translate, p: Presenter, lang: Lang): Promise<RelatedGroup[]> {
  const groups = await Promise.all(
    RELATED[listing.collection].map((spec) => {
      if (spec.by === 'institution') return institutionOf(listing, deps, t, p);
      if (spec.by === 'members') return membersOf(listing, deps, t, p);
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

function institutionOf(listing: Listing, deps: Deps, t: Translate, p: Presenter): RelatedGroup | null {
  const id = listing.institutionId;
  if (typeof id !== 'number') return null;
  const institution = deps.listings.get('institutions', id);
  if (!institution || institution.status !== 'active') return null;
  return { id: 'institution', title: t('site.related.institution'), cards: [p.card(institution)], total: 1 };
}

function membersOf(listing: Listing, deps: Deps, t: Translate, p: Presenter): RelatedGroup {
  const experts = deps.listings
    .repo('experts')
    .idsReferencing('institutionId', listing.id)
    .map((id) => deps.listings.get('experts', id))
    .filter((e): e is Listing => e !== undefined && e.status === 'active');
  return { id: 'members', title: t('site.related.members'), cards: experts.slice(0, MEMBERS_SHOWN).map((e) => p.card(e)), total: experts.length };
}
