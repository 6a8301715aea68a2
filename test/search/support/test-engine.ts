/** An external engine for tests: keeps documents in memory and can be made unreachable or refusing. */
import type { SearchDocument } from '../../../search/documents.js';
import { emptyFacets, EngineRejection, type DocumentSource, type EngineQuery, type EngineResult, type RebuildProgress, type SearchEngine } from '../../../search/engine.js';

export class TestEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly docs = new Map<string, SearchDocument>();
  /** False: every call fails as a refused connection would. */
  reachable = true;
  /** True: the engine answers but refuses writes, as a failed task would. */
  refusing = false;
  upserts = 0;
  /** Runs in the middle of a rebuild, after its first batch. */
  duringRebuild: (() => void) | null = null;

  private check(): void {
    if (!this.reachable) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
  }

  private checkWrite(): void {
    this.check();
    if (this.refusing) throw new EngineRejection('task failed: invalid document');
  }

  async applySettings(): Promise<void> {
    this.check();
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    this.checkWrite();
    for (const doc of docs) this.docs.set(doc.id, doc);
    this.upserts += docs.length;
  }

  async delete(ids: string[]): Promise<void> {
    this.checkWrite();
    for (const id of ids) this.docs.delete(id);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    this.check();
    const keys = [...this.docs.values()].map((d) => ({ collection: d.collection, listingId: d.listingId }));
    return { keys: keys.slice(query.offset, query.offset + query.limit), total: keys.length, facets: emptyFacets() };
  }

  async clear(): Promise<void> {
    this.checkWrite();
    this.docs.clear();
  }

  async rebuild(source: DocumentSource, onProgress?: RebuildProgress): Promise<number> {
    this.checkWrite();
    const next = new Map<string, SearchDocument>();
    let done = 0;
    const batches = source.batches();
    for (let step = batches.next(); !step.done; step = batches.next()) {
      for (const doc of step.value) next.set(doc.id, doc);
      done += step.value.length;
      onProgress?.(done, source.total);
      this.duringRebuild?.();
      this.duringRebuild = null;
    }
    this.docs.clear();
    for (const [id, doc] of next) this.docs.set(id, doc);
    return done;
  }

  async count(): Promise<number> {
    this.check();
    return this.docs.size;
  }

  async health(): Promise<void> {
    this.check();
  }

  async close(): Promise<void> {}
}
