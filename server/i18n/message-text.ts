/** Validation messages in the reader's language, in the words of the page that shows them. */
import type { FieldMessages, Message } from '../core/messages.js';
import type { Translate } from './i18n.js';

/**
 * Where a message is shown: the back office, a need's case there, the public contact and need forms, or the
 * error page of a bad request parameter. Each reads a code from its locale sections in turn, and a code none of
 * them names as the last section's `invalid`.
 */
export const MESSAGE_SCOPES = {
  office: ['admin.error'],
  case: ['needs.admin.error', 'admin.error'],
  contact: ['site.contact.error'],
  need: ['needs.error', 'site.contact.error'],
  param: ['common.param'],
} as const satisfies Record<string, readonly string[]>;
export type MessageScope = keyof typeof MESSAGE_SCOPES;

/** The locale key that translates `code` in `scope`, or undefined when none of its sections has one. */
function messageKey(code: string, scope: MessageScope, t: Translate): string | undefined {
  return MESSAGE_SCOPES[scope].map((section) => `${section}.${code}`).find((key) => t(key) !== key);
}

/** One message in the reader's language; a `collection` it names reads as the collection's label. */
export function messageText(m: Message, scope: MessageScope, t: Translate): string {
  const sections = MESSAGE_SCOPES[scope];
  const key = messageKey(m.code, scope, t) ?? `${sections[sections.length - 1]}.invalid`;
  const params = typeof m.params.collection === 'string' ? { ...m.params, collection: t(`vocab.collection.${m.params.collection}`) } : m.params;
  return t(key, params);
}

/** Every message of a set in the reader's language, by the same paths. */
export function messageTexts(messages: FieldMessages, scope: MessageScope, t: Translate): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([path, m]) => [path, messageText(m, scope, t)]));
}
