/**
 * A full rebuild of the Meilisearch index: a new index of its own name, its settings, every document, a check of
 * both against what was declared and written, then a swap. Run under the rebuild lease, so no other process
 * builds or drops a temporary index meanwhile.
 */
import { randomBytes } from 'node:crypto';
import type { EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';
import type { SearchDocument } from '../core/documents.js';
import { EngineRejection, type DocumentSource, type RebuildProgress } from '../core/engine.js';
import type { BeforeSwap } from './remote-engine.js';

/** What a rebuild asks of the Meilisearch engine: its client and live index, and its calls on a named index. */
export interface RebuildableIndex {
  readonly client: Meilisearch;
  readonly indexUid: string;
  wait(enqueued: EnqueuedTaskPromise, tolerate?: string[]): Promise<Task>;
  identity(uid: string): Promise<string | null>;
  settingsMismatch(uid: string): Promise<string[]>;
  applySettings(uid: string): Promise<void>;
  addDocuments(docs: SearchDocument[], uid: string): Promise<void>;
  delete(ids: string[], uid: string): Promise<void>;
  count(uid: string): Promise<number>;
}

/** A name no other rebuild uses: `listings_rebuild_<time><random>`. */
export function temporaryName(live: string): string {
  return `${live}_rebuild_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** True for a temporary index of `live` (any rebuild's, including one left by a process that died). */
export function isTemporaryOf(uid: string, live: string): boolean {
  return uid === `${live}_rebuild` || uid.startsWith(`${live}_rebuild_`);
}

/** Drops the temporary indexes earlier rebuilds left behind (a process killed mid-way). */
async function dropLeftovers(engine: RebuildableIndex): Promise<void> {
  const { results } = await engine.client.getRawIndexes({ limit: 1000 });
  for (const { uid } of results) {
    if (isTemporaryOf(uid, engine.indexUid)) await engine.wait(engine.client.deleteIndex(uid), ['index_not_found']);
  }
}

/** Refuses to swap in an index that does not hold every document written and every declared setting. */
async function verify(engine: RebuildableIndex, uid: string, written: number): Promise<void> {
  const count = await engine.count(uid);
  if (count !== written) throw new EngineRejection(`the new Meilisearch index holds ${count} documents where ${written} listings were written; the live index is kept`);
  const mismatched = await engine.settingsMismatch(uid);
  if (mismatched.length) throw new EngineRejection(`the new Meilisearch index lacks its settings (${mismatched.join(', ')}); the live index is kept`);
}

async function fill(engine: RebuildableIndex, uid: string, source: DocumentSource, onProgress?: RebuildProgress): Promise<number> {
  let done = 0;
  const batches = source.batches();
  for (let step = batches.next(); !step.done; step = batches.next()) {
    if (step.value.length) await engine.addDocuments(step.value, uid);
    done += step.value.length;
    onProgress?.(done, source.total);
    if (source.cancelled()) throw new Error('the rebuild was stopped: the search service is closing');
  }
  return done;
}

/** Builds, checks and swaps in a new index; returns the documents written. The live index is untouched on failure. */
export async function rebuildIndex(engine: RebuildableIndex, source: DocumentSource, onProgress?: RebuildProgress, beforeSwap?: BeforeSwap): Promise<number> {
  const live = engine.indexUid;
  await dropLeftovers(engine);
  const temp = temporaryName(live);
  let written: number;
  try {
    await engine.applySettings(temp);
    written = await fill(engine, temp, source, onProgress);
    await verify(engine, temp, written);
    await beforeSwap?.(async (docs, deleteIds) => {
      await engine.addDocuments(docs, temp);
      await engine.delete(deleteIds, temp);
    });
    // With no live index (first build, or lost), the new one is renamed into place; else the two are swapped.
    const liveExists = (await engine.identity(live)) !== null;
    await engine.wait(engine.client.swapIndexes([{ indexes: [temp, live], rename: !liveExists }]));
  } catch (error) {
    await engine.wait(engine.client.deleteIndex(temp), ['index_not_found']).catch(() => undefined);
    throw error;
  }
  // The previous live index now carries the temporary name; a failure here leaves it for the next rebuild to drop.
  await engine.wait(engine.client.deleteIndex(temp), ['index_not_found']).catch(() => undefined);
  return written;
}
