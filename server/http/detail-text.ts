/** The reasons a page gives for a bad parameter (written in English by the parsers), in the page's language. */
import type { Translate } from '../i18n/i18n.js';
import type { ErrorDetails } from '../core/app-error.js';

const RULES: [RegExp, string, (m: RegExpMatchArray) => Record<string, string>][] = [
  [/^unknown code (.+); expected one of: (.+)$/s, 'unknownCode', (m) => ({ code: m[1]!, codes: m[2]! })],
  [/^must be a whole number from 1 to (\d+)$/, 'wholeNumber', (m) => ({ max: m[1]! })],
  [/^must be one of: (.+)$/s, 'oneOf', (m) => ({ choices: m[1]! })],
  [/^must be true or false$/, 'trueOrFalse', () => ({})],
  [/^at most (\d+) characters$/, 'maxChars', (m) => ({ n: m[1]! })],
  [/^give this parameter once/, 'once', () => ({})],
  [/^must be text$/, 'text', () => ({})],
];

/** Each detail in the reader's language; a reason nobody foresaw reads as "not a valid value" in Chinese. */
export function localizeDetails(details: ErrorDetails | undefined, lang: string, t: Translate): ErrorDetails | undefined {
  if (!details || lang === 'en') return details;
  const out: ErrorDetails = {};
  for (const [param, message] of Object.entries(details)) {
    const rule = RULES.map(([re, key, vars]) => ({ key, vars, m: re.exec(message) })).find((r) => r.m);
    out[param] = rule ? t(`common.param.${rule.key}`, rule.vars(rule.m!)) : t('common.param.invalid');
  }
  return out;
}
