/** Checks every row of an import (the dry run), then applies all of them in one transaction, or none. */
import type { AuditLog } from '../audit/audit-log.js';
import { editableFields, type CollectionDef, type Listing, type ListingInput } from '../collections/define.js';
import type { ListingService } from '../collections/listing-service.js';
import { isCode, VOCAB } from '../collections/vocab.js';
import { englishText, message, type Message } from '../core/messages.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/connection.js';
import { coerceField } from '../forms/field-input.js';
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
    readonly reason: Message,
  ) {
    super(englishText(reason));
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
  const add = (field: string, reason: Message) => problems.push({ line: record.line, field, message: reason });
  const id = metaNumber(record.values.id);
  const version = metaNumber(record.values.version);
  const source = record.values.source == null || record.values.source === '' ? 'staff' : readCode('source', String(record.values.source));
  const status = record.values.status == null || record.values.status === '' ? undefined : readCode('status', String(record.values.status));
  if (id === 'bad') add('id', message('positiveIntegerDigits', { digits: META_DIGITS }));
  if (version === 'bad') add('version', message('positiveIntegerDigits', { digits: META_DIGITS }));
  if (!isCode('source', source)) add('source', message('choose', { choices: VOCAB.source.join(', ') }));
  if (status !== undefined && !isCode('status', status)) add('status', message('choose', { choices: VOCAB.status.join(', ') }));
  const numericId = typeof id === 'number' ? id : undefined;
  if (numericId !== undefined && seenIds.has(numericId)) add('id', message('duplicateId', { id: numericId }));
  if (numericId !== undefined) seenIds.add(numericId);
  const current = numericId === undefined ? undefined : listings.get(def.name, numericId);
  if (current && typeof version === 'number' && version !== current.version) add('version', message('staleVersion', { version: current.version }));
  const checked = listings.validate(def.name, rowInput(def, record, current));
  if (!checked.ok) for (const [field, reason] of Object.entries(checked.details)) add(field, reason);
  if (problems.length || !checked.ok) return problems;
  return current
    ? { line: record.line, action: 'update', id: current.id, version: current.version, source, status, value: checked.value }
    : { line: record.line, action: 'create', id: numericId, source, status, value: checked.value };
}

/** Told every `PROGRESS_EVERY` rows, and at the end: how many rows of how many are done. */
export type ImportProgress = (done: number, total: number) => void;
const PROGRESS_EVERY = 1000;

/** The dry run: every row checked against the declaration and the stored listings; nothing is written. */
export function planImport(listings: ListingService, def: CollectionDef, read: ReadResult, onProgress?: ImportProgress): ImportPlan {
  const plan: ImportPlan = { unit: read.unit, rows: [], problems: [...read.problems] };
  const context = { def, listings, seenIds: new Set<number>() };
  read.records.forEach((record, i) => {
    const result = planRow(context, record);
    if (Array.isArray(result)) plan.problems.push(...result);
    else plan.rows.push(result);
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.(i + 1, read.records.length);
  });
  onProgress?.(read.records.length, read.records.length);
  plan.problems.sort((a, b) => a.line - b.line);
  return plan;
}

/** What a checked file comes to: the counts a report shows, and every problem. */
export interface ImportSummary {
  unit: ImportPlan['unit'];
  creates: number;
  updates: number;
  problems: RowProblem[];
}

/** The plan without its rows: small enough to keep and show after the rows are gone. */
export function summarise(plan: ImportPlan): ImportSummary {
  const creates = plan.rows.filter((r) => r.action === 'create').length;
  return { unit: plan.unit, creates, updates: plan.rows.length - creates, problems: plan.problems };
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
export function commitImport(
  deps: ImportDeps,
  def: CollectionDef,
  plan: ImportPlan,
  actor: string,
  onProgress?: ImportProgress,
): { created: number; updated: number } {
  const [problem] = plan.problems;
  if (problem) throw new ImportRowError(problem.line, message('aborted'));
  return inTransaction(deps.db, () => {
    plan.rows.forEach((row, i) => {
      try {
        applyRow(deps, def, row, actor);
      } catch (err) {
        throw new ImportRowError(row.line, message('rowFailed', { detail: (err as Error).message }));
      }
      if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.(i + 1, plan.rows.length);
    });
    const created = plan.rows.filter((r) => r.action === 'create').length;
    const counts = { created, updated: plan.rows.length - created };
    deps.audit.record(actor, 'import', JSON.stringify({ collection: def.name, ...counts }));
    return counts;
  });
}

export type ImportPhase = 'queued' | 'reading' | 'checking' | 'waiting' | 'writing';

/** How an import ended: checked (a dry run, or a file with problems), written, or refused while writing. */
export type ImportOutcome =
  | { kind: 'checked'; summary: ImportSummary }
  | { kind: 'imported'; created: number; updated: number }
  | { kind: 'refused'; summary: ImportSummary; line: number; message: Message };

/** Where an import runs: the listings it checks against, and how it gets what it writes with once checked. */
export interface ImportRunner {
  listings: ListingService;
  progress?: (phase: ImportPhase, done: number, total: number) => void;
  /** The services of the write, ready to be used at once; called only for a clean file to commit. */
  prepareWrite: () => Promise<ImportDeps>;
}

/** Checks a read file, and for `commit` writes it when it has no problem. */
export async function runImport(runner: ImportRunner, def: CollectionDef, read: ReadResult, mode: 'dry-run' | 'commit', actor: string): Promise<ImportOutcome> {
  const plan = planImport(runner.listings, def, read, (done, total) => runner.progress?.('checking', done, total));
  // The records are not needed once checked (100,000 of them hold ~40 MB while the rows are written).
  read.records = [];
  const summary = summarise(plan);
  if (mode === 'dry-run' || plan.problems.length) return { kind: 'checked', summary };
  const deps = await runner.prepareWrite();
  runner.progress?.('writing', 0, plan.rows.length);
  try {
    const counts = commitImport(deps, def, plan, actor, (done, total) => runner.progress?.('writing', done, total));
    return { kind: 'imported', ...counts };
  } catch (err) {
    if (err instanceof ImportRowError) return { kind: 'refused', summary, line: err.line, message: err.reason };
    throw err;
  }
}
