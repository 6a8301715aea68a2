/** Data access for any collection, generated from its declaration; returns plain listing objects. */
import type { Db } from '../db/connection.js';
import { editableFields, type CollectionDef, type Listing, type ListingInput } from './define.js';
import { isJsonColumn, type FieldSpec } from './field-spec.js';

type Row = Record<string, unknown>;

/** The columns every table has after its editable fields, in the order a listing shows them. */
const RECORD_KEYS = ['source', 'status', 'createdAt', 'updatedAt', 'version'] as const;

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
  /** `SELECT *` by id in raw mode: better-sqlite3 makes an array of values far faster than a keyed row object. */
  private readonly byId;
  /** Where the id, each field and each record column sit in a row of `byId`. */
  private readonly idAt: number;
  private readonly fieldsAt: [string, FieldSpec, number][];
  private readonly recordAt: [string, number][];
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(
    private readonly db: Db,
    readonly def: CollectionDef,
  ) {
    this.fields = editableFields(def);
    const t = def.name;
    const cols = this.fields.map(([k]) => k);
    this.byId = db.prepare<[number], unknown[]>(`SELECT * FROM ${t} WHERE id = ?`).raw();
    const at = new Map(this.byId.columns().map((column, i) => [column.name, i]));
    // A key without a column reads as undefined, as it does from a keyed row.
    const indexOf = (key: string) => at.get(key) ?? -1;
    this.idAt = indexOf('id');
    this.fieldsAt = this.fields.map(([key, spec]) => [key, spec, indexOf(key)]);
    this.recordAt = RECORD_KEYS.map((key) => [key, indexOf(key)]);
    this.insertStmt = db.prepare<Row>(
      `INSERT INTO ${t} (id, ${cols.join(', ')}, source, status, createdAt, updatedAt, version)
       VALUES (@id, ${cols.map((c) => '@' + c).join(', ')}, @source, @status, @createdAt, @updatedAt, 1)`,
    );
    this.updateStmt = db.prepare<Row>(
      `UPDATE ${t} SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, status = @status, updatedAt = @updatedAt,
       version = version + 1 WHERE id = @id AND version = @version`,
    );
  }

  /** Converts a database row to the listing's JSON shape. */
  toListing(row: Row): Listing {
    const listing: Row = { id: row.id, collection: this.def.name };
    for (const [key, spec] of this.fields) listing[key] = fromColumn(spec, row[key]);
    for (const key of RECORD_KEYS) listing[key] = row[key];
    return listing as Listing;
  }

  /** Converts a row of `byId` (its values, in column order) to the listing's JSON shape. */
  private fromValues(values: unknown[]): Listing {
    const listing: Row = { id: values[this.idAt], collection: this.def.name };
    for (const [key, spec, i] of this.fieldsAt) listing[key] = fromColumn(spec, values[i]);
    for (const [key, i] of this.recordAt) listing[key] = values[i];
    return listing as Listing;
  }

  get(id: number): Listing | undefined {
    const values = this.byId.get(id);
    return values && this.fromValues(values);
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
    return this.db.prepare<[], number>(sql).pluck().get() ?? 0;
  }

  /** Every listing in id order, in batches, so a whole collection never sits in memory at once. */
  *iterate(batch = 1000): Generator<Listing> {
    const stmt = this.db.prepare<[number, number], Row>(`SELECT * FROM ${this.def.name} WHERE id > ? ORDER BY id LIMIT ?`);
    let after = 0;
    for (;;) {
      const rows = stmt.all(after, batch);
      const last = rows.at(-1);
      if (!last) return;
      for (const row of rows) yield this.toListing(row);
      after = Number(last.id);
    }
  }

  /** Ids of listings whose `field` references `id` (a ref field). */
  idsReferencing(field: string, id: number): number[] {
    return this.db.prepare<[number], number>(`SELECT id FROM ${this.def.name} WHERE ${field} = ?`).pluck().all(id);
  }
}
