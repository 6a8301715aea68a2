/** Fields of the public forms (contact requests, needs): plain text and a way to be reached, checked alike. */
import { z } from 'zod';
import { coded } from '../core/messages.js';

const PLAIN = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u;
const PLAIN_MULTILINE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\n\t]*$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s()-]{6,20}$/;

/**
 * A text field: line ends unified, trimmed, bounded, with no control characters. An optional field a client leaves
 * out altogether reads as empty, as when it is sent empty.
 */
export const textField = (max: number, required: boolean, multiline = false) =>
  (required ? z.string(coded('required')) : z.string(coded('text')).default(''))
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, coded('required'))
        .max(max, coded('maxChars'))
        .regex(multiline ? PLAIN_MULTILINE : PLAIN, coded('badChars')),
    );

/** A phone number or an e-mail address. */
export const contactField = (max: number) =>
  textField(max, true).refine((v) => v === '' || EMAIL.test(v) || PHONE.test(v), coded('contact'));
