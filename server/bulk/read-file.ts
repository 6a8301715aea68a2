/** Reads an uploaded CSV or JSON file into records, each with the line (CSV) or item number (JSON) it came from. */
import { parse, type Options } from 'csv-parse/sync';
import type { CollectionDef } from '../collections/define.js';
import { collectionColumns } from './export.js';
import { restore } from './cells.js';
import { message, type Message } from '../core/messages.js';

/** One row of the file: the values it gives, by column or key. */
export interface ImportRecord {
  line: number;
  values: Record<string, unknown>;
  /** True for CSV: every value is the text of a cell. */
  fromCells: boolean;
}

export interface RowProblem {
  line: number;
  field: string;
  message: Message;
}

export interface ReadResult {
  unit: 'line' | 'item';
  records: ImportRecord[];
  problems: RowProblem[];
}

function decode(buffer: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\ufeff/, '');
  } catch {
    return undefined;
  }
}

function readCsv(def: CollectionDef, text: string): ReadResult {
  const out: ReadResult = { unit: 'line', records: [], problems: [] };
  let rows: ({ record: string[]; lines: number } | undefined)[];
  try {
    // Only the line count of each record's context is kept: the whole context of 100,000 records is ~50 MB.
    const onRecord = (record: string[], context: { lines: number }) => ({ record, lines: context.lines });
    const options: Options = { relax_column_count: true, skip_empty_lines: true, on_record: onRecord as unknown as Options['on_record'] };
    rows = parse(text, options) as unknown as typeof rows;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { ...out, problems: [{ line: e.lines ?? 1, field: '_', message: message('unreadable', { format: 'CSV', detail: e.message }) }] };
  }
  const [first] = rows;
  if (!first) return { ...out, problems: [{ line: 1, field: '_', message: message('emptyFile') }] };
  const known = new Set(collectionColumns(def));
  const header = first.record.map((h) => restore(h.trim()));
  for (const name of header) if (!known.has(name)) out.problems.push({ line: 1, field: name, message: message('unknownColumn') });
  // Two columns of one name would leave it to the order of the cells which value is kept: refused.
  for (const name of new Set(header)) {
    const times = header.filter((h) => h === name).length;
    if (times > 1) out.problems.push({ line: 1, field: name, message: message('duplicateColumn', { times }) });
  }
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const { record, lines } = row;
    // Dropped once converted, so that a large file's rows are held once rather than twice.
    rows[i] = undefined;
    // csv-parse counts lines up to a record's end; a quoted cell may hold line breaks of its own.
    const line = lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== header.length) {
      out.problems.push({ line, field: '_', message: message('cells', { expected: header.length, found: record.length }) });
      continue;
    }
    out.records.push({ line, fromCells: true, values: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])) });
  }
  return out;
}

function readJson(def: CollectionDef, text: string): ReadResult {
  const out: ReadResult = { unit: 'item', records: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ...out, problems: [{ line: 1, field: '_', message: message('unreadable', { format: 'JSON', detail: (err as Error).message }) }] };
  }
  if (!Array.isArray(data)) return { ...out, problems: [{ line: 1, field: '_', message: message('notArray') }] };
  const known = new Set([...collectionColumns(def), 'collection']);
  data.forEach((item, index) => {
    const line = index + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return void out.problems.push({ line, field: '_', message: message('notObject') });
    const values = item as Record<string, unknown>;
    for (const key of Object.keys(values)) if (!known.has(key)) out.problems.push({ line, field: key, message: message('unknownField') });
    if (values.collection !== undefined && values.collection !== def.name) out.problems.push({ line, field: 'collection', message: message('wrongCollection', { expected: def.name }) });
    out.records.push({ line, fromCells: false, values });
  });
  return out;
}

/** Reads a file as JSON when its name ends in .json or it starts with `[`, else as CSV. */
export function readImportFile(def: CollectionDef, file: { buffer: Buffer; originalname: string }): ReadResult {
  const text = decode(file.buffer);
  if (text === undefined) return { unit: 'line', records: [], problems: [{ line: 1, field: '_', message: message('notUtf8') }] };
  const json = /\.json$/i.test(file.originalname) || text.trimStart().startsWith('[');
  return json ? readJson(def, text) : readCsv(def, text);
}
