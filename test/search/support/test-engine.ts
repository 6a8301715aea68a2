/** An external engine for tests: keeps documents in memory and can be made unreachable, refusing, or lose its index. */
import type { SearchDocument } from '../../../search/core/documents.js';
import { emptyFacets, EngineRejection, type DocumentSource, type EngineQuery, type EngineResult, type RebuildProgress } from '../../../search/core/engine.js';
import { meiliReadsWhole } from '../../../search/meilisearch/meili-query.js';
import { IndexLost, VersionRefused } from '../../../search/meilisearch/remote-errors.js';
import type { BeforeSwap, IndexState, RemoteEngine } from '../../../search/meilisearch/remote-engine.js';

export class TestEngine implements RemoteEngine {
  readonly name = 'meilisearch' as const;
  readonly docs = new Map<string, SearchDocument>();
  /** False: every call fails as a refused connection would. */
  reachable = true;
  /** True: the engine answers but refuses writes, as a failed task would. */
  refusing = false;
  upserts = 0;
  /** Runs in the middle of a rebuild, after its first batch. */
  duringRebuild: (() => unknown) | null = null;
  /** False: the index is gone (deleted from outside, or the server restarted empty). */
  exists = false;
  /** Changes each time the index is replaced. */
  generation = 0;
  /** Settings the index lacks. */
  mismatched: string[] = [];
  /** A server version to refuse at connection, or null. */
  refusedVersion: string | null = null;
  /** False: searches fail as a timeout would, while the health check may still pass. */
  searchesAnswer = true;
  rebuilds = 0;
  /** The documents of the new index when the last rebuild swapped it in. */
  swappedIds: string[] = [];
  connects = 0;
  healthChecks = 0;

  private check(): void {
    if (!this.reachable) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
  }

  private checkWrite(): void {
    this.check();
    if (this.refusing) throw new EngineRejection('task failed: invalid document');
  }

  async connect(): Promise<void> {
    this.check();
    this.connects++;
    if (this.refusedVersion) throw new VersionRefused(`Meilisearch ${this.refusedVersion} is older than 1.18.0`);
  }

  async inspect(): Promise<IndexState> {
    this.check();
    return { identity: await this.identity(), mismatched: this.exists ? this.mismatched : [], count: this.docs.size };
  }

  async identity(): Promise<string | null> {
    this.check();
    return this.exists ? `generation ${this.generation}` : null;
  }

  supports(query: EngineQuery): boolean {
    return meiliReadsWhole(query);
  }

  /** Deletes the index as someone else would; `recreate` puts back an empty index without settings, as a write does. */
  loseIndex(recreate = false): void {
    this.docs.clear();
    this.exists = recreate;
    this.generation++;
    if (recreate) this.mismatched = ['filterableAttributes'];
  }

  async applySettings(): Promise<void> {
    this.check();
    this.mismatched = [];
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    this.checkWrite();
    // As Meilisearch: a write to a missing index creates it, without settings.
    if (!this.exists) this.loseIndex(true);
    for (const doc of docs) this.docs.set(doc.id, doc);
    this.upserts += docs.length;
  }

  async delete(ids: string[]): Promise<void> {
    this.checkWrite();
    for (const id of ids) this.docs.delete(id);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    this.check();
    if (!this.searchesAnswer) throw new Error('Request timed out after 2000ms');
    if (!this.exists) throw new IndexLost('the Meilisearch index is gone');
    const keys = [...this.docs.values()].map((d) => ({ collection: d.collection, listingId: d.listingId }));
    return { keys: keys.slice(query.offset, query.offset + query.limit), total: keys.length, facets: emptyFacets() };
  }

  async clear(): Promise<void> {
    this.checkWrite();
    this.docs.clear();
  }

  async rebuild(source: DocumentSource, onProgress?: RebuildProgress, beforeSwap?: BeforeSwap): Promise<number> {
    this.checkWrite();
    this.rebuilds++;
    const next = new Map<string, SearchDocument>();
    let done = 0;
    const batches = source.batches();
    for (let step = batches.next(); !step.done; step = batches.next()) {
      for (const doc of step.value) next.set(doc.id, doc);
      done += step.value.length;
      onProgress?.(done, source.total);
      const during = this.duringRebuild;
      this.duringRebuild = null;
      await during?.();
    }
    await beforeSwap?.(async (docs, deleteIds) => {
      for (const doc of docs) next.set(doc.id, doc);
      for (const id of deleteIds) next.delete(id);
    });
    this.swappedIds = [...next.keys()];
    this.exists = true;
    this.generation++;
    this.mismatched = [];
    this.docs.clear();
    for (const [id, doc] of next) this.docs.set(id, doc);
    return done;
  }

  async count(): Promise<number> {
    this.check();
    return this.docs.size;
  }

  async health(): Promise<void> {
    this.healthChecks++;
    this.check();
  }

  async close(): Promise<void> {}
}
