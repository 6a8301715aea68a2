/**
 * The number that identifies a document in both tables of the embedded index and in the attribute store: the
 * listing id times 16, plus the collection's position in the registry in the low 4 bits.
 */
import type { CollectionName } from '../../server/collections/define.js';
import { collectionIndex, COLLECTIONS } from '../../server/collections/registry.js';
import type { DocKey } from '../core/engine.js';

const COLLECTION_SLOTS = 16;
if (COLLECTIONS.length > COLLECTION_SLOTS) throw new Error(`the rowid keeps ${COLLECTION_SLOTS} collections at most`);

/** The rowid of a listing's document; null for a collection the registry does not hold. */
export function docRowid(collection: string, listingId: number): number | null {
  const index = collectionIndex(collection);
  return index < 0 ? null : listingId * COLLECTION_SLOTS + index;
}

/** The listing a rowid stands for. */
export function keyOfRowid(rowid: number): DocKey {
  return { collection: COLLECTIONS[rowid % COLLECTION_SLOTS]!.name as CollectionName, listingId: Math.floor(rowid / COLLECTION_SLOTS) };
}
