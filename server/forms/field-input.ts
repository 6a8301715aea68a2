/** One generic conversion between a field's typed value and the text a form or a spreadsheet cell carries. */
import { editableFields, type CollectionDef, type ListingInput } from '../collections/define.js';
import type { FieldSpec } from '../collections/field-spec.js';

/** What a form or a cell supplies for one field: text, or several texts (checkboxes). */
export type RawValue = string | string[] | undefined;

/** How a text holding several items is cut into them. */
export type ListSplitter = (text: string) => string[];

/** Forms take one item a line (commas also separate). */
export const splitFormList: ListSplitter = (text) => text.split(/[\n,，、]/).map((s) => s.trim()).filter(Boolean);

const TRUE = new Set(['true', '1', 'on', 'yes']);
const FALSE = new Set(['', 'false', '0', 'off', 'no']);

function single(raw: RawValue): string {
  return Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
}

function whole(text: string, nullable: boolean | undefined): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return nullable ? null : undefined;
  // Anything that is not digits stays text, so validation names the field instead of guessing a number.
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Converts what was typed for one field into the typed value validation expects. */
export function coerceField(spec: FieldSpec, raw: RawValue, splitList: ListSplitter): unknown {
  switch (spec.type) {
    case 'text': {
      const text = single(raw);
      return spec.nullable && text.trim() === '' ? null : text;
    }
    case 'code': {
      const code = single(raw).trim();
      return spec.nullable && code === '' ? null : code;
    }
    case 'codes':
    case 'list':
      return Array.isArray(raw) ? raw.map((s) => s.trim()).filter(Boolean) : splitList(raw ?? '');
    case 'int':
      return whole(single(raw), spec.nullable);
    case 'ref':
      return whole(single(raw), true);
    case 'bool': {
      const text = single(raw).trim().toLowerCase();
      return TRUE.has(text) ? true : FALSE.has(text) ? false : text;
    }
  }
}

/** Converts every editable field of a collection from typed text into a listing input. */
export function coerceInput(def: CollectionDef, raw: Record<string, RawValue>, splitList: ListSplitter): ListingInput {
  const input: ListingInput = {};
  for (const [key, spec] of editableFields(def)) input[key] = coerceField(spec, raw[key], splitList);
  return input;
}

/** The text a form shows for a stored value (lists one item a line; `joinList` changes that). */
export function fieldText(spec: FieldSpec, value: unknown, joinList: (items: string[]) => string = (items) => items.join('\n')): RawValue {
  if (value == null) return spec.type === 'codes' ? [] : '';
  if (spec.type === 'codes') return (value as string[]).slice();
  if (spec.type === 'list') return joinList(value as string[]);
  if (spec.type === 'bool') return value ? 'true' : 'false';
  return String(value);
}

/** The texts of every editable field of a listing, as its edit form starts. */
export function formTexts(def: CollectionDef, listing: Record<string, unknown>): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const [key, spec] of editableFields(def)) out[key] = fieldText(spec, listing[key]);
  return out;
}

/** The texts of every editable field as a form posted them (anything else in the body is ignored). */
export function postedTexts(def: CollectionDef, body: Record<string, unknown>): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const [key, spec] of editableFields(def)) {
    const value = body[key];
    if (Array.isArray(value)) out[key] = value.map(String);
    else if (typeof value === 'string') out[key] = spec.type === 'codes' ? [value] : value;
    else out[key] = spec.type === 'codes' ? [] : undefined;
  }
  return out;
}
