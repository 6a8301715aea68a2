/** How values travel in spreadsheet cells: lists joined with `|`, formulas neutralised, and back again. */
import { editableFields, type CollectionDef } from '../collections/define.js';
import { fieldText, type ListSplitter } from '../forms/field-input.js';
import { COLLECTIONS } from '../collections/registry.js';

/** Spreadsheets (Excel above all) read a CSV as UTF-8 only when it starts with this mark. */
export const BOM = '\ufeff';

/** A cell a spreadsheet would run as a formula: `= + - @`, tab or carriage return first (after any quotes already added). */
const FORMULA = /^'*[=+\-@\t\r]/;

/** Prefixes `'` to a cell a spreadsheet would take for a formula (`=cmd|...` stays text). */
export function neutralise(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

/** Removes the `'` that `neutralise` added, so an exported file imports back unchanged. */
export function restore(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Joins list items with `|`; a `|` or `\` inside an item is escaped with `\`. */
export function joinCellList(items: string[]): string {
  return items.map((item) => item.replace(/[\\|]/g, (c) => '\\' + c)).join('|');
}

/** Splits a cell at each unescaped `|`; empty items are dropped. */
export const splitCellList: ListSplitter = (text) => {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) current += text[++i];
    else if (c === '|') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter(Boolean);
};

/** Each collection's field specs by name, looked up once per cell of an export. */
const SPECS = new Map(COLLECTIONS.map((def) => [def.name, new Map(editableFields(def))]));

/** One field of a listing as a cell. */
export function fieldCell(def: CollectionDef, name: string, value: unknown): string {
  const spec = SPECS.get(def.name)?.get(name);
  if (!spec) return neutralise(value == null ? '' : String(value));
  const text = fieldText(spec, value, joinCellList);
  return neutralise(Array.isArray(text) ? joinCellList(text) : (text ?? ''));
}
