/**
 * The embedded engine: SQLite FTS5 in the directory's own database file. FTS5 finds the matches of each column
 * tier; an in-memory attribute store filters, counts facets and orders. Writes are synchronous so that they
 * can run inside the transaction of the listing change they index.
 */
import { inTransaction, type Db } from '../../server/db/connection.js';
import type { DocumentSource, EngineQuery, EngineResult, RebuildProgress, SearchEngine } from '../core/engine.js';
import type { SearchDocument } from '../core/documents.js';
import { AttributeStore, type DocAttributes } from './attribute-store.js';
import { docRowid, keyOfRowid } from './doc-rowid.js';
import { FtsSearch } from './searcher.js';
import { dropShadow, IndexTables } from './index-tables.js';
import { MatchCache } from './match-cache.js';
import { Vocabulary } from './vocabulary.js';

/** Change-log entries kept; a process further behind than this reloads every document. */
const CHANGES_KEPT = 100_000;

/** The rowid of a document id (`platforms-12`); null for an id of no collection. */
function rowidOfId(id: string): number | null {
  const m = /^([a-z]+)-(\d+)$/.exec(id);
  return m ? docRowid(m[1]!, Number(m[2])) : null;
}

/** A row of `search_docs`: the facets as JSON (see `IndexTables.put`). */
type DocRow = Omit<DocAttributes, 'rowid' | 'facets' | 'available'> & { id: number; facets: string; available: number };

function toAttributes(row: DocRow): DocAttributes {
  return { ...row, rowid: row.id, facets: JSON.parse(row.facets) as DocAttributes['facets'], available: row.available === 1 };
}

/** Change-log figures after a position: how many entries, the newest, and the oldest the log still keeps. */
interface ChangeStats {
  n: number;
  last: number | null;
  first: number | null;
}

/** The engine's own statements, each typed by its parameters and what it returns. */
function statements(db: Db) {
  return {
    docById: db.prepare<[number], DocRow>('SELECT * FROM search_docs WHERE id = ?'),
    allDocs: db.prepare<[], DocRow>('SELECT * FROM search_docs'),
    count: db.prepare<[], number>('SELECT count(*) FROM search_docs').pluck(),
    logChange: db.prepare<[number]>('INSERT INTO search_changes (docId) VALUES (?)'),
    changesSince: db.prepare<[number], number>('SELECT docId FROM search_changes WHERE seq > ? ORDER BY seq').pluck(),
    changeStats: db.prepare<[number], ChangeStats>(
      'SELECT count(*) AS n, max(seq) AS last, (SELECT min(seq) FROM search_changes) AS first FROM search_changes WHERE seq > ?',
    ),
    lastSeq: db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM search_changes').pluck(),
    prune: db.prepare<[number]>('DELETE FROM search_changes WHERE seq < (SELECT max(seq) FROM search_changes) - ?'),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    clearFts: db.prepare<[]>("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"),
    clearDocs: db.prepare<[]>('DELETE FROM search_docs'),
  };
}
type Statements = ReturnType<typeof statements>;

/** The embedded engine: FTS5 tables in the directory's database, and their attributes in memory. */
export class SqliteFtsEngine implements SearchEngine {
  readonly name = 'sqlite' as const;
  private readonly store = new AttributeStore();
  private readonly cache: MatchCache;
  private readonly vocabulary: Vocabulary;
  private readonly searcher: FtsSearch;
  private readonly tables: IndexTables;
  private readonly sql: Statements;
  private lastSeq = 0;
  private dataVersion = -1;
  private ownWrites = false;
  private loaded = false;
  private writesSincePrune = 0;

  /** `cacheBytes`: the memory kept for match sets of terms between index changes (0: none; 16 MB holds ~1,300 at 100,000). */
  constructor(
    private readonly db: Db,
    cacheBytes = 0,
  ) {
    this.cache = new MatchCache(cacheBytes);
    this.sql = statements(db);
    this.tables = IndexTables.live(db);
    this.vocabulary = new Vocabulary(db);
    this.searcher = new FtsSearch(db, this.store, this.cache, this.vocabulary);
  }

  /**
   * Reads every document's attributes into memory, if not done yet. Searches do it first; a process that only
   * writes the index (an import's worker) never does, which spares it the memory of the whole directory.
   */
  load(): void {
    if (!this.loaded) this.reload();
  }

  /** Adds or replaces documents; the caller may hold a transaction (the index then commits with the change). */
  upsertSync(docs: SearchDocument[]): void {
    for (const doc of docs) this.logChange(this.tables.put(doc));
  }

  /** Removes documents by id (`platforms-12`); the caller may hold a transaction. */
  deleteSync(ids: string[]): void {
    for (const id of ids) {
      const rowid = rowidOfId(id);
      if (rowid !== null) this.deleteRowid(rowid);
    }
  }

  private deleteRowid(rowid: number): void {
    if (this.tables.remove(rowid)) this.logChange(rowid);
  }

  async applySettings(): Promise<void> {
    // The tables and their tokenizer come from migration 002; nothing to apply at run time.
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    inTransaction(this.db, () => this.upsertSync(docs));
  }

  async delete(ids: string[]): Promise<void> {
    inTransaction(this.db, () => this.deleteSync(ids));
  }

  async clear(): Promise<void> {
    inTransaction(this.db, () => {
      this.sql.clearFts.run();
      this.sql.clearDocs.run();
      this.logChange(-1);
    });
  }

  async count(): Promise<number> {
    return this.countSync();
  }

  countSync(): number {
    return this.sql.count.get() ?? 0;
  }

  async health(): Promise<void> {
    this.sql.count.get();
  }

  async close(): Promise<void> {}

  /**
   * Builds a new pair of index tables beside the live one, a batch per short transaction (writers are never
   * blocked for long, searches keep reading the full live index), then, in one transaction, brings it up to date
   * with what changed meanwhile and puts it in the live one's place. Writing into empty tables costs about half
   * of rewriting every document in place (no deletions, no change-log entry per document).
   */
  async rebuild(source: DocumentSource, onProgress?: RebuildProgress): Promise<number> {
    const since = this.sql.lastSeq.get() ?? 0;
    const shadow = inTransaction(this.db, () => IndexTables.createShadow(this.db));
    const batches = source.batches();
    let done = 0;
    for (;;) {
      const step = inTransaction(this.db, () => {
        const next = batches.next();
        if (!next.done) for (const doc of next.value) shadow.put(doc);
        return next;
      });
      if (step.done) break;
      done += step.value.length;
      onProgress?.(done, source.total);
      await new Promise((resolve) => setImmediate(resolve));
      if (source.cancelled()) {
        dropShadow(this.db);
        throw new Error('the rebuild was stopped: the search service is closing');
      }
    }
    inTransaction(this.db, () => {
      this.catchUp(shadow, source, since);
      IndexTables.swapInShadow(this.db);
      this.logChange(-1);
    });
    return done;
  }

  /** Applies to the shadow tables every listing change logged after `since`, as the listing is now. */
  private catchUp(shadow: IndexTables, source: DocumentSource, since: number): void {
    const stats = this.sql.changeStats.get(since);
    if (stats?.n && stats.first !== null && stats.first > since + 1) {
      dropShadow(this.db);
      throw new Error('the rebuild was stopped: more listings changed while it ran than the change log keeps; run it again');
    }
    const changed = [...new Set(this.sql.changesSince.all(since))].filter((rowid) => rowid >= 0);
    const work = source.current(changed.map(keyOfRowid));
    for (const doc of work.docs) shadow.put(doc);
    for (const id of work.deleteIds) {
      const rowid = rowidOfId(id);
      if (rowid !== null) shadow.remove(rowid);
    }
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    // One read transaction: the attributes and the index read from one snapshot, without a transaction per statement.
    return this.db.transaction(() => {
      if (this.loaded) this.refresh();
      else this.reload();
      return this.searcher.search(query);
    })();
  }

  private logChange(rowid: number): void {
    this.sql.logChange.run(rowid);
    this.ownWrites = true;
    if (++this.writesSincePrune >= 1000) {
      this.writesSincePrune = 0;
      this.sql.prune.run(CHANGES_KEPT);
    }
  }

  /** Brings the in-memory attributes up to date with this connection's and other processes' committed writes. */
  private refresh(): void {
    const version = this.sql.dataVersion.get() ?? -1;
    if (version === this.dataVersion && !this.ownWrites) return;
    this.dataVersion = version;
    this.ownWrites = false;
    const stats = this.sql.changeStats.get(this.lastSeq);
    if (!stats?.n) return;
    this.cache.clear();
    this.vocabulary.invalidate();
    const gap = stats.first !== null && stats.first > this.lastSeq + 1;
    if (gap || stats.n > this.store.size / 4 + 1000) return this.reload();
    const changed = new Set(this.sql.changesSince.all(this.lastSeq));
    if (changed.has(-1)) return this.reload();
    for (const rowid of changed) {
      const row = this.sql.docById.get(rowid);
      if (row) this.store.set(toAttributes(row));
      else this.store.remove(rowid);
    }
    this.lastSeq = stats.last ?? this.lastSeq;
  }

  /** Reads every document's attributes, and the change-log position they reflect, from one snapshot. */
  private reload(): void {
    this.dataVersion = this.sql.dataVersion.get() ?? -1;
    this.db.transaction(() => {
      this.lastSeq = this.sql.lastSeq.get() ?? 0;
      this.cache.clear();
      this.vocabulary.invalidate();
      this.store.clear();
      for (const row of this.sql.allDocs.iterate()) this.store.set(toAttributes(row));
    })();
    this.ownWrites = false;
    this.loaded = true;
  }
}
