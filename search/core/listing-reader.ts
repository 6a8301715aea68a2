/** What search reads of the listings: the few calls it makes, so the listing service is one reader among others. */
import type { CollectionName, Listing } from '../../server/collections/define.js';
import type { ListingChange } from '../../server/collections/listing-service.js';

/** The listing reads the indexer and the hits make; `ListingService` is one. */
export interface ListingReader {
  /** One listing, whatever its status; undefined when there is none. */
  get(collection: CollectionName, id: number): Listing | undefined;
  /** Several listings in one read, in the order of `keys`. */
  getMany(keys: { collection: CollectionName; id: number }[]): (Listing | undefined)[];
  /** How a stored row of a collection becomes a listing (a rebuild reads the rows itself, a batch at a time). */
  repo(collection: CollectionName): { toListing(row: Record<string, unknown>): Listing };
  /** Calls `listener` inside the transaction of every listing write. */
  onChange(listener: (change: ListingChange) => void): void;
}
