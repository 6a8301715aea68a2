/** What the remote index needs of an external engine, and how it is built, timed and asked to rebuild. */
import type { Db } from '../../server/db/connection.js';
import type { SearchDocument } from '../core/documents.js';
import type { DocumentSource, EngineQuery, RebuildProgress, SearchEngine } from '../core/engine.js';
import type { ListingIndexer } from '../core/indexer.js';
import type { LeaseOptions } from './remote-lease.js';
import type { SearchMeta } from '../core/search-meta.js';

/**
 * Runs just before a rebuild's swap: throws to abandon the rebuild (the lease was lost), and writes into the new
 * index, through `catchUp`, the changes made since its listings were read, so it goes live with them.
 */
export type BeforeSwap = (catchUp: (docs: SearchDocument[], deleteIds: string[]) => Promise<void>) => Promise<void>;

/** The live index as the engine reports it. */
export interface IndexState {
  /** Changes whenever the index is replaced or re-created; null when it does not exist. */
  identity: string | null;
  /** Declared settings the index does not hold. */
  mismatched: string[];
  count: number;
}

/** An external engine: the search contract, plus what is needed to connect to it, watch it and repair it. */
export interface RemoteEngine extends SearchEngine {
  /** Resolves when the server answers and is recent enough; rejects with `VersionRefused` when it is too old. */
  connect(): Promise<void>;
  /** The live index: which one it is, the settings it lacks, the documents it holds. */
  inspect(): Promise<IndexState>;
  /** The live index's identity alone (null when it does not exist): cheap enough to ask after every write. */
  identity(): Promise<string | null>;
  /** False when this query cannot be answered exactly (the embedded engine answers it). */
  supports(query: EngineQuery): boolean;
  /** As `SearchEngine.rebuild`, with `beforeSwap` run once the new index is checked, just before the swap. */
  rebuild(source: DocumentSource, onProgress?: RebuildProgress, beforeSwap?: BeforeSwap): Promise<number>;
}

/** What the remote index is built from. */
export interface RemoteIndexDeps {
  engine: RemoteEngine;
  db: Db;
  indexer: ListingIndexer;
  meta: SearchMeta;
}

/** Timings, and where the one-line notices go. */
export interface RemoteIndexOptions {
  /** Delay before connecting again after a refusal (a server too old, a wrong key, a failed task): 5 minutes. */
  slowRetryMs?: number;
  /** How often the live index is checked to be still the one built (30 s). */
  watchMs?: number;
  lease?: LeaseOptions;
  log?: (line: string) => void;
}

/** How a rebuild is asked for. */
export interface RebuildOptions {
  onProgress?: RebuildProgress;
  /** When another process is rebuilding: true waits for it (default), false refuses with `RebuildRunning`. */
  wait?: boolean;
  /** Told once when the rebuild waits for another process's. */
  onWait?: (message: string) => void;
  /** Rebuild only if the index is still not current once the lease is held (another process may have rebuilt it). */
  onlyIfStale?: boolean;
}
