/** Validation messages (written in English by the declarations) in the language of the page. */
import type { ErrorDetails } from '../core/app-error.js';
import type { Translate } from '../i18n/i18n.js';

type Rule = [RegExp, string, (m: RegExpMatchArray, t: Translate) => Record<string, string | number>];

const none = () => ({});
const n = (m: RegExpMatchArray) => ({ n: m[1]! });

/** Each message the field specs, the declarations' rules and the account forms produce. */
const RULES: Rule[] = [
  [/^required$/, 'required', none],
  [/^at most (\d+) characters$/, 'maxChars', n],
  [/^at least (\d+) characters$/, 'minChars', n],
  [/^at most (\d+) items$/, 'maxItems', n],
  [/^at most (\d+)$/, 'atMost', n],
  [/^at least (\d+)$/, 'atLeast', n],
  [/^contains characters that are not allowed$/, 'badChars', none],
  [/^must be one of: /, 'choose', none],
  [/^must be a whole number$/, 'wholeNumber', none],
  [/^must be true or false$/, 'bool', none],
  [/^must be a listing id$/, 'listingId', none],
  [/^no (\w+) listing with id (\d+)$/, 'noListing', (m, t) => ({ collection: t(`vocab.collection.${m[1]}`), id: m[2]! })],
  [/^cannot exceed units$/, 'exceedUnits', none],
  [/^off-site R&D platforms have no level$/, 'offsiteNoLevel', none],
  [/^required for off-site R&D platforms$/, 'offsiteRequired', none],
  [/^already taken$/, 'taken', none],
  [/^at least (\d+) terms$/, 'minTerms', n],
  [/^at most (\d+) terms$/, 'maxTerms', n],
  [/^appears twice in this rule$/, 'duplicateTerm', none],
  [/^needs a letter or a digit$/, 'wordlike', none],
  [/^the same rule exists: #(\d+)$/, 'sameRule', n],
  [/^2 to 64 letters/, 'username', none],
  [/^passwords do not match$/, 'mismatch', none],
  [/^unknown column$/, 'unknownColumn', none],
  [/^the column appears (\d+) times$/, 'duplicateColumn', n],
  [/^Unrecognized key/, 'unknownField', none],
  [/^Too big: expected string to have <=(\d+) characters$/, 'maxChars', n],
  [/^Too small: expected string to have >=(\d+) characters$/, 'minChars', n],
  [/^Invalid input: expected/, 'invalid', none],
  [/^must be a positive integer$/, 'positiveInteger', none],
  [/^must be a positive integer of at most (\d+) digits$/, 'positiveIntegerDigits', n],
  [/^changed since export \(now version (\d+)\)$/, 'staleVersion', n],
  [/^id (\d+) appears twice in the file$/, 'duplicateId', n],
  [/^expected (\d+) cells, found (\d+)$/, 'cells', (m) => ({ expected: m[1]!, found: m[2]! })],
  [/^not UTF-8 text$/, 'notUtf8', none],
  [/^the file is empty$/, 'emptyFile', none],
  [/^expected an array of listings$/, 'notArray', none],
  [/^expected an object$/, 'notObject', none],
  [/^unknown field$/, 'unknownField', none],
  [/^must be (platforms|institutions|experts|apartments)$/, 'wrongCollection', (m) => ({ collection: m[1]! })],
  [/^not a readable (?:CSV|JSON) file: (.*)$/s, 'unreadable', (m) => ({ detail: m[1]! })],
  [/^the file has problems; nothing was imported$/, 'aborted', none],
];

/** One message in the page's language; a message nobody foresaw is shown as it is. */
export function translateMessage(message: string, t: Translate): string {
  for (const [pattern, key, vars] of RULES) {
    const m = message.match(pattern);
    if (m) return t(`admin.error.${key}`, vars(m, t));
  }
  return message;
}

/**
 * One issue in the page's language, on its top-level field: an issue of a list's item (`expertise.0`)
 * belongs beside the list and says which item it is.
 */
export function translateIssue(path: string, message: string, t: Translate): { field: string; message: string } {
  const [field = path, item] = path.split('.');
  const text = translateMessage(message, t);
  return { field, message: item !== undefined && /^\d+$/.test(item) ? t('admin.error.item', { n: Number(item) + 1, message: text }) : text };
}

/** Every `{field: message}` of a validation failure, translated; the first issue of a field wins. */
export function translateDetails(details: ErrorDetails, t: Translate): ErrorDetails {
  const out: ErrorDetails = {};
  for (const [path, message] of Object.entries(details)) {
    const issue = translateIssue(path, message, t);
    out[issue.field] ??= issue.message;
  }
  return out;
}

/** The label of a field, or its name when it has none (a column nobody declared). */
export function fieldLabel(name: string, t: Translate): string {
  const key = `admin.field.${name}`;
  const label = t(key);
  return label === key ? name : label;
}
