/** Validation messages and field names in the language of a back-office page. */
import type { FieldMessages, Message } from '../core/messages.js';
import type { Translate } from '../i18n/i18n.js';
import { messageText, type MessageScope } from '../i18n/message-text.js';

/**
 * One message in the page's language, on its top-level field: a message about a list's item (`expertise.0`)
 * belongs beside the list and says which item it is.
 */
export function translateIssue(path: string, m: Message, t: Translate, scope: MessageScope = 'office'): { field: string; message: string } {
  const [field = path, item] = path.split('.');
  const text = messageText(m, scope, t);
  return { field, message: item !== undefined && /^\d+$/.test(item) ? t('admin.error.item', { n: Number(item) + 1, message: text }) : text };
}

/** Every message of a validation failure in the page's language, by top-level field; the first of a field wins. */
export function translateDetails(details: FieldMessages, t: Translate, scope: MessageScope = 'office'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, m] of Object.entries(details)) {
    const issue = translateIssue(path, m, t, scope);
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
