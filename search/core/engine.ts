/** The contract every search engine fulfils, so the embedded engine and Meilisearch answer the same queries the same way. */
import type { CollectionName } from '../../server/collections/define.js';
import { FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import type { SearchTerm } from '../analysis/query-analysis.js';
import type { SearchDocument } from './documents.js';
import type { EngineName, SortOrder } from './types.js';

export type { EngineName };

/** A search as an engine receives it: the query already split into terms, the page as offset and limit. */
export interface EngineQuery {
  /** The query as analysed (forms, pinyin, synonyms); the engine may add typo corrections to a term. */
  terms: SearchTerm[];
  /** The query as typed: its exact name ranks first. */
  text?: string;
  /** Codes per filter parameter: OR inside a parameter, AND between parameters. */
  filters: Partial<Record<FacetParam, string[]>>;
  /** Housing with free units only. */
  available: boolean;
  sort: SortOrder;
  /** Which language's name orders a `name` sort. */
  lang: 'zh' | 'en';
  offset: number;
  limit: number;
  /** False: leave the facet counts out (they come back empty); default true. */
  facets?: boolean;
}

/** The listing a hit stands for. */
export interface DocKey {
  collection: CollectionName;
  listingId: number;
}

/** Counts per code, for each facet parameter. */
export type FacetCounts = Record<FacetParam, Record<string, number>>;

/** An engine's answer: the page's listings, the total and the facet counts. */
export interface EngineResult {
  keys: DocKey[];
  total: number;
  /** Disjunctive: each facet's counts apply every filter but its own. */
  facets: FacetCounts;
  /** Terms left out because no listing, or fewer than a handful, held every one (Meilisearch's optional words). */
  ignored?: string[];
  /** With `ignored`: how many of the listings found hold every term (they come first). */
  complete?: number;
}

/** Progress of a full rebuild: documents written so far, out of `total`. */
export type RebuildProgress = (done: number, total: number) => void;

/** Batches of documents for a full rebuild; produced lazily, so each batch reads the listings as they are now. */
export interface DocumentSource {
  total: number;
  batches(): Iterator<SearchDocument[]>;
  /** The listings as they are now: documents of the active ones, document ids of the others (to remove). */
  current(keys: DocKey[]): { docs: SearchDocument[]; deleteIds: string[] };
  /** True when the rebuild should stop (the service is closing); the index is then left partly rewritten. */
  cancelled(): boolean;
}

/** A search engine: index settings, writes, searches with filters, facets, sorts and pages, rebuilds. */
export interface SearchEngine {
  readonly name: EngineName;
  /** Creates the index if needed and applies its settings (searchable, filterable and sortable attributes). */
  applySettings(): Promise<void>;
  /** Adds or replaces documents; idempotent. */
  upsert(docs: SearchDocument[]): Promise<void>;
  /** Removes documents by id; removing a missing document is not an error. */
  delete(ids: string[]): Promise<void>;
  search(query: EngineQuery): Promise<EngineResult>;
  /** Removes every document. */
  clear(): Promise<void>;
  /** Rebuilds the whole index from `source` without ever answering from an empty index; returns the documents written. */
  rebuild(source: DocumentSource, onProgress?: RebuildProgress): Promise<number>;
  /** Number of documents in the index. */
  count(): Promise<number>;
  /** Resolves when the engine answers; rejects with the reason otherwise. */
  health(): Promise<void>;
  close(): Promise<void>;
}

/** Facet counts with every parameter present and empty. */
export function emptyFacets(): FacetCounts {
  return Object.fromEntries(FACET_PARAMS.map((p) => [p, {}])) as FacetCounts;
}

/** The engine answered but refused the work (a failed task, an invalid request): it is reachable, the work is not done. */
export class EngineRejection extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineRejection';
  }
}
