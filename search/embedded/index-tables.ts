/**
 * The two tables of the embedded index, written as a pair: the full-text rows (`search_fts`) and the filter and
 * sort attributes (`search_docs`), under their live names or as a rebuild's shadow pair (`…_next`), which is
 * filled beside the live pair and then takes its place in one transaction.
 */
import type { Db } from '../../server/db/connection.js';
import type { SearchDocument } from '../core/documents.js';
import { indexText, withStems } from '../analysis/analysis.js';
import { docRowid } from './doc-rowid.js';

const LIVE = { fts: 'search_fts', docs: 'search_docs' };
const SHADOW = { fts: 'search_fts_next', docs: 'search_docs_next' };
type Names = typeof LIVE;

/** Lengths in characters of the names, for closeness; a listing without an English name is measured by its Chinese one. */
function nameLengths(doc: SearchDocument): { nameLength: number; nameEnLength: number } {
  const nameLength = Array.from(doc.name).length;
  return { nameLength, nameEnLength: doc.nameEn ? doc.nameEn.length : nameLength };
}

/** A `search_docs` row as written: the facets as JSON text, `available` as 0 or 1. */
type DocValues = Pick<SearchDocument, 'collection' | 'listingId' | 'boost' | 'sortName' | 'sortNameEn' | 'updatedAt'> &
  ReturnType<typeof nameLengths> & { id: number; facets: string; available: number };

/** The writes of one pair of tables; table names are the constants above, never input. */
function statements(db: Db, names: Names) {
  return {
    exists: db.prepare<[number], number>(`SELECT 1 FROM ${names.docs} WHERE id = ?`).pluck(),
    ftsInsert: db.prepare<[number, string, string, string, string, string]>(`INSERT INTO ${names.fts} (rowid, name, keywords, summary, pinyin, labelpinyin) VALUES (?, ?, ?, ?, ?, ?)`),
    ftsDelete: db.prepare<[number]>(`DELETE FROM ${names.fts} WHERE rowid = ?`),
    docUpsert: db.prepare<DocValues>(`INSERT OR REPLACE INTO ${names.docs} (id, collection, listingId, facets, available, boost, sortName,
      sortNameEn, updatedAt, nameLength, nameEnLength) VALUES (@id, @collection, @listingId, @facets, @available, @boost, @sortName,
      @sortNameEn, @updatedAt, @nameLength, @nameEnLength)`),
    docDelete: db.prepare<[number]>(`DELETE FROM ${names.docs} WHERE id = ?`),
  };
}

/** Writes documents into one pair of index tables. */
export class IndexTables {
  private readonly sql: ReturnType<typeof statements>;

  private constructor(db: Db, names: Names) {
    this.sql = statements(db, names);
  }

  /** The live tables, which searches read. */
  static live(db: Db): IndexTables {
    return new IndexTables(db, LIVE);
  }

  /**
   * A new, empty shadow pair made exactly like the live one (from its stored definition, so the migrations stay the
   * one place the schema is written); a shadow left by an interrupted rebuild is dropped first.
   */
  static createShadow(db: Db): IndexTables {
    dropShadow(db);
    const definition = db.prepare<[string], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
    for (const key of ['fts', 'docs'] as const) {
      const sql = definition.get(LIVE[key]);
      // A renamed table's stored definition quotes its name ("search_fts").
      const named = new RegExp(`^(CREATE (?:VIRTUAL )?TABLE )"?${LIVE[key]}"?(?=[\\s(])`);
      if (sql === undefined || !named.test(sql)) throw new Error(`unexpected definition of ${LIVE[key]}`);
      db.exec(sql.replace(named, `$1${SHADOW[key]}`));
    }
    return new IndexTables(db, SHADOW);
  }

  /** Puts the shadow pair in the place of the live one; the caller holds the transaction. */
  static swapInShadow(db: Db): void {
    db.exec(`DROP TABLE ${LIVE.fts}; DROP TABLE ${LIVE.docs};
      ALTER TABLE ${SHADOW.fts} RENAME TO ${LIVE.fts}; ALTER TABLE ${SHADOW.docs} RENAME TO ${LIVE.docs};`);
  }

  /** True when the document is in these tables. */
  has(rowid: number): boolean {
    return this.sql.exists.get(rowid) !== undefined;
  }

  /** Adds a document, or replaces the one with its number. */
  put(doc: SearchDocument): number {
    const rowid = docRowid(doc.collection, doc.listingId);
    if (rowid === null) throw new Error(`no collection ${doc.collection} in the registry`);
    if (this.has(rowid)) this.sql.ftsDelete.run(rowid);
    // Labels are searched like keywords; English words are followed by their stems, so a plural finds its singular.
    this.sql.ftsInsert.run(
      rowid,
      `${doc.nameGrams} ${withStems(doc.nameEn)}`,
      `${doc.keywordsGrams} ${indexText(doc.labels)} ${withStems(`${doc.keywordsEn} ${doc.labelsEn}`)}`,
      `${doc.summaryGrams} ${withStems(doc.summaryEn)}`,
      doc.pinyin,
      doc.labelsPinyin,
    );
    this.sql.docUpsert.run({
      id: rowid, collection: doc.collection, listingId: doc.listingId, facets: JSON.stringify(doc.facets), available: doc.available ? 1 : 0,
      boost: doc.boost, sortName: doc.sortName, sortNameEn: doc.sortNameEn, updatedAt: doc.updatedAt, ...nameLengths(doc),
    });
    return rowid;
  }

  /** Removes a document; false when it was not there. */
  remove(rowid: number): boolean {
    if (!this.has(rowid)) return false;
    this.sql.ftsDelete.run(rowid);
    this.sql.docDelete.run(rowid);
    return true;
  }
}

/** Drops the shadow pair, if a rebuild left one. */
export function dropShadow(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS ${SHADOW.fts}; DROP TABLE IF EXISTS ${SHADOW.docs};`);
}
