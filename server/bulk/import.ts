/** Checks every row of an import (the dry run), then applies all of them in one transaction, or none. */
import type { AuditLog } from '../audit/audit-log.js';
import { editableFields, type CollectionDef, type Listing, type ListingInput } from '../collections/define.js';
import type { ListingService } from '../collections/listing-service.js';
import { isCode } from '../collections/vocab.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/connection.js';
import { coerceField } from '../admin/field-input.js';
import { restore, splitCellList } from './cells.js';
import { readCode, readCodeCells } from './code-labels.js';
import type { ImportRecord, ReadResult, RowProblem } from './read-file.js';

/** A checked row: what it will do when the import is applied. */
export interface PlannedRow {
  line: number;
  action: 'create' | 'update';
  /** The listing to update, or the id a created listing takes (an exported listing keeps its id). */
  id?: number;
  /** The version an update expects to find (the file's, else the one seen at the check). */
  version?: number;
  source: string;
  status?: string;
  value: ListingInput;
}

export interface ImportPlan {
  unit: ReadResult['unit'];
  rows: PlannedRow[];
  problems: RowProblem[];
}

/** An import failed at one row while being applied; nothing of it was written. */
export class ImportRowError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Ids and versions of an import: whole numbers of at most 12 digits. An id becomes part of a search document's
 * number (id × 16 + collection), which must stay exact in JavaScript and in the embedded index's packed reads.
 */
const META_DIGITS = 12;
const META_NUMBER = new RegExp(`^[1-9]\\d{0,${META_DIGITS - 1}}$`);

function metaNumber(value: unknown): number | undefined | 'bad' {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value).trim();
  return META_NUMBER.test(text) ? Number(text) : 'bad';
}

/** The editable fields of a row: a column absent from the file keeps the stored value (update) or counts as empty (create). */
function rowInput(def: CollectionDef, record: ImportRecord, current: Listing | undefined): ListingInput {
  const input: ListingInput = {};
  for (const [key, spec] of editableFields(def)) {
    if (key in record.values) {
      const value = record.values[key];
      input[key] = readCodeCells(spec, record.fromCells ? coerceField(spec, restore(String(value)), splitCellList) : value);
    } else {
      input[key] = current ? current[key] : coerceField(spec, undefined, splitCellList);
    }
  }
  return input;
}

interface RowContext {
  def: CollectionDef;
  listings: ListingService;
  seenIds: Set<number>;
}

function planRow({ def, listings, seenIds }: RowContext, record: ImportRecord): PlannedRow | RowProblem[] {
  const problems: RowProblem[] = [];
  const add = (field: string, message: string) => problems.push({ line: record.line, field, message });
  const id = metaNumber(record.values.id);
  const version = metaNumber(record.values.version);
  const source = record.values.source == null || record.values.source === '' ? 'staff' : readCode('source', String(record.values.source));
  const status = record.values.status == null || record.values.status === '' ? undefined : readCode('status', String(record.values.status));
  if (id === 'bad') add('id', `must be a positive integer of at most ${META_DIGITS} digits`);
  if (version === 'bad') add('version', `must be a positive integer of at most ${META_DIGITS} digits`);
  if (!isCode('source', source)) add('source', 'must be one of: report-2022, sample, staff');
  if (status !== undefined && !isCode('status', status)) add('status', 'must be one of: active, archived');
  const numericId = typeof id === 'number' ? id : undefined;
  if (numericId !== undefined && seenIds.has(numericId)) add('id', `id ${numericId} appears twice in the file`);
  if (numericId !== undefined) seenIds.add(numericId);
  const current = numericId === undefined ? undefined : listings.get(def.name, numericId);
  if (current && typeof version === 'number' && version !== current.version) add('version', `changed since export (now version ${current.version})`);
  const checked = listings.validate(def.name, rowInput(def, record, current));
  if (!checked.ok) for (const [field, message] of Object.entries(checked.details)) add(field, message);
  if (problems.length || !checked.ok) return problems;
  return current
    ? { line: record.line, action: 'update', id: current.id, version: current.version, source, status, value: checked.value }
    : { line: record.line, action: 'create', id: numericId, source, status, value: checked.value };
}

/** The dry run: every row checked against the declaration and the stored listings; nothing is written. */
export function planImport(listings: ListingService, def: CollectionDef, read: ReadResult): ImportPlan {
  const plan: ImportPlan = { unit: read.unit, rows: [], problems: [...read.problems] };
  const context = { def, listings, seenIds: new Set<number>() };
  for (const record of read.records) {
    const result = planRow(context, record);
    if (Array.isArray(result)) plan.problems.push(...result);
    else plan.rows.push(result);
  }
  plan.problems.sort((a, b) => a.line - b.line);
  return plan;
}

export interface ImportDeps {
  db: Db;
  listings: ListingService;
  audit: AuditLog;
}

function applyRow({ listings }: ImportDeps, def: CollectionDef, row: PlannedRow, actor: string): void {
  const listing =
    row.action === 'create'
      ? listings.insertValid(def.name, row.value, actor, row.source, row.id)
      : listings.update(def.name, row.id!, row.value, { actor, version: row.version });
  if (row.status === 'archived' && listing.status !== 'archived') listings.archive(def.name, listing.id, { actor });
  if (row.status === 'active' && listing.status !== 'active') listings.restore(def.name, listing.id, { actor });
}

/** Applies a plan without problems in one transaction: every row, with its audit entries and index jobs, or none. */
export function commitImport(deps: ImportDeps, def: CollectionDef, plan: ImportPlan, actor: string): { created: number; updated: number } {
  if (plan.problems.length) throw new ImportRowError(plan.problems[0]!.line, 'the file has problems; nothing was imported');
  return inTransaction(deps.db, () => {
    for (const row of plan.rows) {
      try {
        applyRow(deps, def, row, actor);
      } catch (err) {
        throw new ImportRowError(row.line, (err as Error).message);
      }
    }
    const created = plan.rows.filter((r) => r.action === 'create').length;
    const counts = { created, updated: plan.rows.length - created };
    deps.audit.record(actor, 'import', JSON.stringify({ collection: def.name, ...counts }));
    return counts;
  });
}
