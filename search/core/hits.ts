/** Engine answers → hits: the listing as it is now in the database, its page, and its highlighted name and summary. */
import type { QueryTerm } from '../analysis/analysis.js';
import type { DocKey } from './engine.js';
import type { ListingReader } from './listing-reader.js';
import { highlightName, highlightSummary } from '../analysis/highlight.js';
import type { SearchHit } from './types.js';

/**
 * The hits of an answer. Listings are read from SQLite, so a hit always shows current data and an engine a
 * moment behind can never show an archived listing. `lang` picks the language highlighted (English falls back
 * to Chinese where a listing has no English text).
 */
export function buildHits(keys: DocKey[], terms: QueryTerm[], lang: 'zh' | 'en', listings: ListingReader): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const listing of listings.getMany(keys.map((key) => ({ collection: key.collection, id: key.listingId })))) {
    if (!listing || listing.status !== 'active') continue;
    const name = lang === 'en' && listing.nameEn ? listing.nameEn : listing.name;
    const summary = lang === 'en' && listing.summaryEn ? listing.summaryEn : listing.summary;
    // The listing was read for this answer alone, so it becomes the hit: copying its twenty-odd keys into a new
    // object cost more than highlighting it.
    hits.push(
      Object.assign(listing, {
        url: `/${listing.collection}/${listing.id}`,
        highlight: { name: highlightName(name, terms), summary: highlightSummary(summary, terms) },
      }),
    );
  }
  return hits;
}
