/** A synonym rule as staff type it: checked, and its terms normalised the way a search folds what it reads. */
import { z } from 'zod';
import { coded, codedIssue } from '../core/messages.js';

export const SYNONYM_KINDS = ['equivalent', 'oneway'] as const;
export type SynonymKind = (typeof SYNONYM_KINDS)[number];

export const MIN_TERMS = 2;
export const MAX_TERMS = 20;
export const MAX_TERM_CHARS = 64;
export const MAX_NOTE_CHARS = 500;

/** A checked rule, ready to store. */
export interface SynonymValue {
  kind: SynonymKind;
  terms: string[];
  note: string;
}

/** A term as search reads it: NFKC (full-width and compatibility forms folded), spaces collapsed, Latin lower-cased. */
export function normaliseTerm(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** Control and format characters (and broken surrogates) cannot be typed into a search box: a term holding one is a paste accident. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/u;
/** A term of punctuation alone would never match a word. */
const WORDLIKE = /[\p{L}\p{N}]/u;

const Term = z
  .string(coded('required'))
  .transform(normaliseTerm)
  .superRefine((term, ctx) => {
    if (!term) ctx.addIssue(codedIssue('required'));
    else if (INVISIBLE.test(term)) ctx.addIssue(codedIssue('badChars'));
    else if (Array.from(term).length > MAX_TERM_CHARS) ctx.addIssue(codedIssue('maxChars', { max: MAX_TERM_CHARS }));
    else if (!WORDLIKE.test(term)) ctx.addIssue(codedIssue('wordlike'));
  });

/** Every rule's shape; duplicates are checked on the normalised terms, so `Lab` and `lab` are the same term. */
export const SynonymInputSchema = z.object({
  kind: z.enum(SYNONYM_KINDS, coded('choose')),
  terms: z
    .array(Term, coded('required'))
    .min(MIN_TERMS, coded('minTerms'))
    .max(MAX_TERMS, coded('maxTerms'))
    .superRefine((terms, ctx) => {
      const seen = new Set<string>();
      terms.forEach((term, i) => {
        if (term && seen.has(term)) ctx.addIssue({ ...codedIssue('duplicateTerm'), path: [i] });
        seen.add(term);
      });
    }),
  note: z
    .string(coded('text'))
    .transform((note) => note.normalize('NFC').replace(/\s+/gu, ' ').trim())
    .pipe(z.string().max(MAX_NOTE_CHARS, coded('maxChars')))
    .default(''),
});

/** The rule as people read it: `A = B = C`, or `A → B, C`. */
export function formatRule(kind: SynonymKind, terms: readonly string[]): string {
  return kind === 'equivalent' ? terms.join(' = ') : `${terms[0] ?? ''} → ${terms.slice(1).join(', ')}`;
}

/** What makes two rules the same whatever the order of their terms (the first term of a one-way rule is its own). */
export function ruleKey(kind: SynonymKind, terms: readonly string[]): string {
  if (kind === 'equivalent') return `=${[...terms].sort().join('\u0000')}`;
  return `>${terms[0] ?? ''}\u0001${terms.slice(1).sort().join('\u0000')}`;
}

