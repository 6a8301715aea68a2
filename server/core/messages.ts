/**
 * Validation messages as codes with parameters: what every schema and check reports about a bad value. The locale
 * files translate each code for the pages; the JSON API answers with the English below.
 */
import type { z } from 'zod';

/** Each code's English, as the JSON API gives it; `{name}` stands for a parameter. */
const ENGLISH = {
  required: 'required',
  text: 'must be text',
  maxChars: 'at most {max} characters',
  minChars: 'at least {min} characters',
  badChars: 'contains characters that are not allowed',
  choose: 'must be one of: {choices}',
  atLeast: 'at least {min}',
  atMost: 'at most {max}',
  maxItems: 'at most {max} items',
  list: 'must be a list',
  wholeNumber: 'must be a whole number',
  positiveInteger: 'must be a positive integer',
  positiveIntegerDigits: 'must be a positive integer of at most {digits} digits',
  bool: 'must be true or false',
  listingId: 'must be a listing id',
  noListing: 'no {collection} listing with id {id}',
  unknownKeys: 'unknown fields: {keys}',
  notObject: 'expected an object',
  invalid: 'not a valid value',
  /** The version a listing has now, sent with a 409 to a writer who saw an older one. */
  currentVersion: '{version}',
  // The declarations' rules across fields.
  exceedUnits: 'cannot exceed units',
  offsiteNoLevel: 'off-site R&D platforms have no level',
  offsiteRequired: 'required for off-site R&D platforms',
  // Accounts.
  taken: 'already taken',
  username: '2 to 64 letters, digits, dots, dashes or underscores',
  mismatch: 'passwords do not match',
  // Synonym rules.
  minTerms: 'at least {min} terms',
  maxTerms: 'at most {max} terms',
  duplicateTerm: 'appears twice in this rule',
  wordlike: 'needs a letter or a digit',
  sameRule: 'the same rule exists: #{id}',
  // Imports: the file, its columns and its rows.
  notUtf8: 'not UTF-8 text',
  unreadable: 'not a readable {format} file: {detail}',
  emptyFile: 'the file is empty',
  notArray: 'expected an array of listings',
  unknownColumn: 'unknown column',
  duplicateColumn: 'the column appears {times} times',
  cells: 'expected {expected} cells, found {found}',
  unknownField: 'unknown field',
  wrongCollection: 'must be {expected}',
  duplicateId: 'id {id} appears twice in the file',
  staleVersion: 'changed since export (now version {version})',
  notChecked: 'not a checked file',
  aborted: 'the file has problems; nothing was imported',
  rowFailed: '{detail}',
  // The public forms: contact and housing requests, needs.
  contact: 'a phone number or an e-mail address',
  date: 'a date as YYYY-MM-DD',
  past: 'not before today',
  tooLate: 'within {days} days',
  notACode: 'unknown code',
  tooManyValues: 'too many values',
  noPartner: 'choose at least one partner',
  tooManyPartners: 'at most {max} partners',
  unknownPartner: 'unknown partner',
  // A need's case in the back office.
  outcomeRequired: 'say what came of it',
  sameStatus: 'the need is already at this step',
  noReceived: 'a need cannot go back to received',
  notPartner: 'not a partner of this need',
  noAccount: 'not an account of the back office',
  alreadyForwarded: 'this partner already has the need',
  erasedNoChange: 'this need was erased at the end of its retention period',
  // Search and request parameters.
  unknownCode: 'unknown code {code}; expected one of: {codes}',
  wholeNumberUpTo: 'must be a whole number from 1 to {max}',
  once: 'give this parameter once',
  onceJoin: 'give this parameter once (join several codes with commas)',
  fixedCollection: 'this address already searches {searched}',
  percentEncoding: 'malformed percent-encoding',
} as const;

export type MessageCode = keyof typeof ENGLISH;
export type MessageParams = Readonly<Record<string, string | number>>;

/** What is wrong with a value: a code the locale files translate, and the figures or names it mentions. */
export interface Message {
  readonly code: MessageCode;
  readonly params: MessageParams;
}

/** A message for each bad field or parameter, by its path (`name`, `terms.2`, `_` for the whole input). */
export type FieldMessages = Record<string, Message>;

/** True for a code of this catalogue (a zod issue's message is one when its schema gave it). */
export function isMessageCode(value: unknown): value is MessageCode {
  return typeof value === 'string' && Object.hasOwn(ENGLISH, value);
}

/** A message for a check written by hand, outside a zod schema. */
export function message(code: MessageCode, params: MessageParams = {}): Message {
  return { code, params };
}

/** Puts each `{name}` parameter into a text; a parameter the text does not name is left out. */
export function fillParams(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A message in the API's English. */
export function englishText(m: Message): string {
  return fillParams(ENGLISH[m.code], m.params);
}

/** Every message of a set in the API's English. */
export function englishDetails(messages: FieldMessages): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([path, m]) => [path, englishText(m)]));
}

/**
 * The options that make a zod schema, check or refinement report `code`. A built-in check's bound (`max`, `min`)
 * and an enum's choices become the parameters; a refinement gives its own.
 */
export function coded(code: MessageCode): { error: MessageCode };
export function coded(code: MessageCode, params: MessageParams): { error: MessageCode; params: MessageParams };
export function coded(code: MessageCode, params?: MessageParams): { error: MessageCode; params?: MessageParams } {
  return params ? { error: code, params } : { error: code };
}

/** An issue a refinement adds with `ctx.addIssue`, reporting `code`. */
export function codedIssue(code: MessageCode, params: MessageParams = {}): { code: 'custom'; message: MessageCode; params: MessageParams } {
  return { code: 'custom', message: code, params };
}

/** The message of one zod issue; an issue whose schema gave no code reads as `invalid`. */
export function issueMessage(issue: z.core.$ZodIssue): Message {
  if (!isMessageCode(issue.message)) return message('invalid');
  switch (issue.code) {
    case 'too_big':
      return message(issue.message, { max: Number(issue.maximum) });
    case 'too_small':
      return message(issue.message, { min: Number(issue.minimum) });
    case 'invalid_value':
      // The empty choice of an optional filter (no filter) goes unlisted.
      return message(issue.message, { choices: issue.values.filter((v) => v !== '').map(String).join(', ') });
    case 'unrecognized_keys':
      return message(issue.message, { keys: issue.keys.join(', ') });
    case 'custom':
      return message(issue.message, (issue.params ?? {}) as MessageParams);
    default:
      return message(issue.message);
  }
}

/** A message for each path of a failed parse; the first issue of a path wins. */
export function issuesToMessages(error: z.ZodError): FieldMessages {
  const messages: FieldMessages = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    messages[key] ??= issueMessage(issue);
  }
  return messages;
}
