/** Data access for any collection, generated from its declaration; returns plain listing objects. */
import type { Db } from '../db/connection.js';
import { editableFields, type CollectionDef, type Listing, type ListingInput } from './define.js';
import { isJsonColumn, type FieldSpec } from './field-spec.js';

type Row = Record<string, unknown>;

function fromColumn(spec: FieldSpec, value: unknown): unknown {
  if (value == null) return value ?? null;
  if (isJsonColumn(spec)) return JSON.parse(String(value));
  if (spec.type === 'bool') return value === 1;
  return value;
}

function toColumn(spec: FieldSpec, value: unknown): unknown {
  if (value === undefined) return null;
  if (isJsonColumn(spec)) return JSON.stringify(value ?? []);
  if (spec.type === 'bool') return value ? 1 : 0;
  return value;
}

/** Reads and writes the rows of one collection's table. */
export class ListingRepo {
  private readonly fields: [string, FieldSpec][];
  private readonly byId;
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(
    private readonly db: Db,
    readonly def: CollectionDef,
  ) {
    this.fields = editableFields(def);
    const t = def.name;
    const cols = this.fields.map(([k]) => k);
    this.byId = db.prepare(`SELECT * FROM ${t} WHERE id = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO ${t} (id, ${cols.join(', ')}, source, status, createdAt, updatedAt, version)
       VALUES (@id, ${cols.map((c) => '@' + c).join(', ')}, @source, @status, @createdAt, @updatedAt, 1)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE ${t} SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, status = @status, updatedAt = @updatedAt,
       version = version + 1 WHERE id = @id AND version = @version`,
    );
  }

  /** Converts a database row to the listing's JSON shape. */
  toListing(row: Row): Listing {
    const listing: Row = { id: row.id, collection: this.def.name };
    for (const [key, spec] of this.fields) listing[key] = fromColumn(spec, row[key]);
    for (const key of ['source', 'status', 'createdAt', 'updatedAt', 'version']) listing[key] = row[key];
    return listing as Listing;
  }

  get(id: number): Listing | undefined {
    const row = this.byId.get(id) as Row | undefined;
    return row && this.toListing(row);
  }

  /** Inserts a listing and returns its id (the given one, e.g. restoring an export, else the next free one). */
  insert(input: ListingInput, source: string, at: string, id?: number): number {
    const params: Row = { id: id ?? null, source, status: 'active', createdAt: at, updatedAt: at };
    for (const [key, spec] of this.fields) params[key] = toColumn(spec, input[key]);
    return Number(this.insertStmt.run(params).lastInsertRowid);
  }

  /** Writes a new version when `version` is still the stored one; false otherwise. */
  update(id: number, version: number, input: ListingInput, status: string, at: string): boolean {
    const params: Row = { id, version, status, updatedAt: at };
    for (const [key, spec] of this.fields) params[key] = toColumn(spec, input[key]);
    return this.updateStmt.run(params).changes === 1;
  }

  delete(id: number): boolean {
    return this.db.prepare(`DELETE FROM ${this.def.name} WHERE id = ?`).run(id).changes === 1;
  }

  count(where: 'all' | 'active' = 'all'): number {
    const sql = `SELECT count(*) FROM ${this.def.name}` + (where === 'active' ? ` WHERE status = 'active'` : '');
    return this.db.prepare(sql).pluck().get() as number;
  }

  /** Every listing in id order, in batches, so a whole collection never sits in memory at once. */
  *iterate(batch = 1000): Generator<Listing> {
    const stmt = this.db.prepare(`SELECT * FROM ${this.def.name} WHERE id > ? ORDER BY id LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = stmt.all(after, batch) as Row[];
      if (rows.length === 0) return;
      for (const row of rows) yield this.toListing(row);
      after = Number(rows[rows.length - 1]!.id);
    }
  }

  /** Ids of listings whose `field` references `id` (a ref field). */
  idsReferencing(field: string, id: number): number[] {
    return this.db.prepare(`SELECT id FROM ${this.def.name} WHERE ${field} = ?`).pluck().all(id) as number[];
  }
}
