/** Fields of the public forms (contact requests, needs): plain text and a way to be reached, checked alike. */
import { z } from 'zod';

const PLAIN = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u;
const PLAIN_MULTILINE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\n\t]*$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s()-]{6,20}$/;

/**
 * A text field: line ends unified, trimmed, bounded, with no control characters. An optional field a client leaves
 * out altogether reads as empty, as when it is sent empty.
 */
export const textField = (max: number, required: boolean, multiline = false) =>
  (required ? z.string({ message: 'required' }) : z.string({ message: 'must be text' }).default(''))
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, { message: 'required' })
        .max(max, { message: `at most ${max} characters` })
        .regex(multiline ? PLAIN_MULTILINE : PLAIN, { message: 'contains characters that are not allowed' }),
    );

/** A phone number or an e-mail address. */
export const contactField = (max: number) =>
  textField(max, true).refine((v) => v === '' || EMAIL.test(v) || PHONE.test(v), { message: 'a phone number or an e-mail address' });
