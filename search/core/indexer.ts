/** Reads listings for the index: the documents of changed listings, and every active listing for a rebuild. */
import type { CollectionName, Listing } from '../../server/collections/define.js';
import { COLLECTIONS } from '../../server/collections/registry.js';
import type { Db } from '../../server/db/connection.js';
import { documentId, toSearchDocument, type SearchDocument } from './documents.js';
import type { DocKey, DocumentSource } from './engine.js';
import type { ListingReader } from './listing-reader.js';

/**
 * Listings per rebuild batch, and so per write transaction: each commit leaves FTS5 a new segment to merge (500
 * rebuilt 10,000 listings in 3.7 s where 2,000 took 2.7 s), while a batch's documents, with their labels, stems and
 * pinyin, are held at once (at 100,000 listings, 1,000 rebuilt in the same 20 s as 2,000 with a peak 28 MB lower:
 * the benchmark's "peak memory with reindex").
 */
const BATCH = 1000;

/** What an engine must do for a set of listings: index the active ones, drop the others. */
export interface IndexWork {
  docs: SearchDocument[];
  deleteIds: string[];
}

/** The reads of one collection's active listings; table names come from the registry, never from a request. */
function statements(db: Db, name: CollectionName) {
  return {
    name,
    page: db.prepare<[number, number], Record<string, unknown>>(`SELECT * FROM ${name} WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?`),
    count: db.prepare<[], number>(`SELECT count(*) FROM ${name} WHERE status = 'active'`).pluck(),
  };
}

/** Turns listings into search documents, one changed listing or the whole directory at a time. */
export class ListingIndexer {
  /** Each collection's reads, in registry order. */
  private readonly tables: ReturnType<typeof statements>[];

  constructor(
    db: Db,
    private readonly listings: ListingReader,
  ) {
    this.tables = COLLECTIONS.map(({ name }) => statements(db, name));
  }

  private readonly lookup = (collection: CollectionName, id: number): Listing | undefined => this.listings.get(collection, id);

  /** The search document of a listing. */
  document(listing: Listing): SearchDocument {
    return toSearchDocument(listing, this.lookup);
  }

  /** Documents for the active listings among `keys`, ids to delete for the others (archived or gone). */
  resolve(keys: DocKey[]): IndexWork {
    const work: IndexWork = { docs: [], deleteIds: [] };
    for (const key of keys) {
      const listing = this.listings.get(key.collection, key.listingId);
      if (listing?.status === 'active') work.docs.push(this.document(listing));
      else work.deleteIds.push(documentId(key.collection, key.listingId));
    }
    return work;
  }

  /** Number of active listings: the number of documents a complete index holds. */
  activeCount(): number {
    return this.tables.reduce((sum, { count }) => sum + (count.get() ?? 0), 0);
  }

  /** Every active listing as documents, a batch at a time, each batch read when it is asked for. */
  source(cancelled: () => boolean = () => false): DocumentSource {
    return {
      total: this.activeCount(),
      batches: () => this.batches(),
      current: (keys) => this.resolve(keys),
      cancelled,
    };
  }

  private *batches(): Generator<SearchDocument[]> {
    for (const { name, page } of this.tables) {
      const repo = this.listings.repo(name);
      let after = 0;
      for (;;) {
        const rows = page.all(after, BATCH);
        const last = rows.at(-1);
        if (!last) break;
        yield rows.map((row) => this.document(repo.toListing(row)));
        after = Number(last.id);
      }
    }
  }
}
