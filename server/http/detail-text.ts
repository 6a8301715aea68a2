/** The reasons an error page gives for bad parameters, in the page's language. */
import { englishDetails, type FieldMessages } from '../core/messages.js';
import type { Translate } from '../i18n/i18n.js';
import { messageTexts } from '../i18n/message-text.js';

/** Each reason in the reader's language: English as the API gives it, Chinese from the locale files. */
export function localizeDetails(details: FieldMessages | undefined, lang: string, t: Translate): Record<string, string> | undefined {
  if (!details) return undefined;
  return lang === 'en' ? englishDetails(details) : messageTexts(details, 'param', t);
}
