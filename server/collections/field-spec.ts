/** Field specifications: one declaration per field from which schemas, columns and forms are derived. */
import { z } from 'zod';
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
    .string()
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(spec.max, { message: `at most ${spec.max} characters` })
        .regex(pattern, { message: 'contains characters that are not allowed' })
        .min(spec.required ? 1 : 0, { message: 'required' }),
    );
  if (spec.nullable) return s.nullable();
  return s;
}

/** Builds the zod schema that validates one field of a listing. */
export function fieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.type) {
    case 'text':
      return textSchema(spec);
    case 'code': {
      const s = z.enum(VOCAB[spec.vocab] as unknown as [string, ...string[]], { message: `must be one of: ${VOCAB[spec.vocab].join(', ')}` });
      return spec.nullable ? s.nullable() : s;
    }
    case 'codes':
      return z
        .array(z.enum(VOCAB[spec.vocab] as unknown as [string, ...string[]], { message: `must be one of: ${VOCAB[spec.vocab].join(', ')}` }))
        .min(spec.min, { message: `at least ${spec.min}` })
        .max(spec.max, { message: `at most ${spec.max}` })
        .transform((codes) => [...new Set(codes)]);
    case 'int': {
      const s = z.number({ message: 'must be a whole number' }).int({ message: 'must be a whole number' }).min(spec.min, { message: `at least ${spec.min}` }).max(spec.max, { message: `at most ${spec.max}` });
      return spec.nullable ? s.nullable() : s;
    }
    case 'bool':
      return z.boolean({ message: 'must be true or false' });
    case 'ref': {
      const s = z.number({ message: 'must be a listing id' }).int({ message: 'must be a listing id' }).positive({ message: 'must be a listing id' });
      return spec.nullable ? s.nullable() : s;
    }
    case 'list':
      return z
        .array(z.string().trim().min(1).max(spec.maxLength).regex(PRINTABLE, { message: 'contains characters that are not allowed' }))
        .max(spec.maxItems, { message: `at most ${spec.maxItems} items` });
  }
}

/** How a field is stored in its SQLite column. */
export function isJsonColumn(spec: FieldSpec): boolean {
  return spec.type === 'codes' || spec.type === 'list';
}
