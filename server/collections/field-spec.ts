/** Field specifications: one declaration per field from which schemas, columns and forms are derived. */
import { z } from 'zod';
import { coded } from '../core/messages.js';
import { VOCAB, type VocabName } from './vocab.js';

export type FieldSpec =
  | { type: 'text'; max: number; required?: boolean; multiline?: boolean; nullable?: boolean }
  | { type: 'code'; vocab: VocabName; nullable?: boolean }
  | { type: 'codes'; vocab: VocabName; min: number; max: number }
  /** A whole number; with a `unit` it is shown grouped with its unit, and `zero` names what 0 reads as. */
  | { type: 'int'; min: number; max: number; nullable?: boolean; unit?: NumberUnit; zero?: NumberUnit }
  | { type: 'bool' }
  | { type: 'list'; maxItems: number; maxLength: number }
  /**
   * The id of a listing of another collection (stored as an integer). `text` names own fields that show the
   * referenced listing's current text (own field → its field): search indexes that text in place of the copy,
   * and seed files name the referenced listing by it.
   */
  | { type: 'ref'; collection: string; nullable?: boolean; text?: Record<string, string> };

/** Units numbers are shown with; each is a message `site.unit.<unit>` taking the number as `n`. */
export type NumberUnit = 'yuanPerMonth' | 'rentFree' | 'sqm' | 'units';

export type FieldSpecs = Record<string, FieldSpec>;

/** Letters, marks, numbers, punctuation, symbols and spaces: no control characters, no lone surrogates. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u;
const PRINTABLE_MULTILINE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\n\t]*$/u;

function textSchema(spec: Extract<FieldSpec, { type: 'text' }>): z.ZodType {
  const pattern = spec.multiline ? PRINTABLE_MULTILINE : PRINTABLE;
  let s = z
    .string(coded('text'))
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(spec.max, coded('maxChars'))
        .regex(pattern, coded('badChars'))
        .min(spec.required ? 1 : 0, coded('required')),
    );
  if (spec.nullable) return s.nullable();
  return s;
}

function codeSchema(vocab: VocabName) {
  return z.enum(VOCAB[vocab] as unknown as [string, ...string[]], coded('choose'));
}

/** Builds the zod schema that validates one field of a listing. */
export function fieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.type) {
    case 'text':
      return textSchema(spec);
    case 'code': {
      const s = codeSchema(spec.vocab);
      return spec.nullable ? s.nullable() : s;
    }
    case 'codes':
      return z
        .array(codeSchema(spec.vocab), coded('list'))
        .min(spec.min, coded('atLeast'))
        .max(spec.max, coded('atMost'))
        .transform((codes) => [...new Set(codes)]);
    case 'int': {
      const s = z.number(coded('wholeNumber')).int(coded('wholeNumber')).min(spec.min, coded('atLeast')).max(spec.max, coded('atMost'));
      return spec.nullable ? s.nullable() : s;
    }
    case 'bool':
      return z.boolean(coded('bool'));
    case 'ref': {
      const s = z.number(coded('listingId')).int(coded('listingId')).positive(coded('listingId'));
      return spec.nullable ? s.nullable() : s;
    }
    case 'list':
      return z
        .array(z.string(coded('text')).trim().min(1, coded('required')).max(spec.maxLength, coded('maxChars')).regex(PRINTABLE, coded('badChars')), coded('list'))
        .max(spec.maxItems, coded('maxItems'));
  }
}

/**
 * What a field holds when an input leaves it out: the blank a form would send (null, '', none, false), or
 * undefined for a field that must be given (required text, a code or number that is not nullable, a minimum of
 * codes). A field added to a declaration therefore needs no change to the seed files or to code that writes listings.
 */
export function emptyValue(spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'text':
      return spec.nullable ? null : spec.required ? undefined : '';
    case 'code':
    case 'int':
    case 'ref':
      return spec.nullable ? null : undefined;
    case 'codes':
      return spec.min === 0 ? [] : undefined;
    case 'list':
      return [];
    case 'bool':
      return false;
  }
}

/** How a field is stored in its SQLite column. */
export function isJsonColumn(spec: FieldSpec): boolean {
  return spec.type === 'codes' || spec.type === 'list';
}
