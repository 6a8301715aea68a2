/** Reading pages in tests the way a person reads them: visible text, links, form tokens. */
import { editableFields, editableValues, type Listing } from '../../server/collections/define.js';
import { getCollection } from '../../server/collections/registry.js';
import type { AppContext } from '../../server/context.js';

/** Names that break out of HTML if a page forgets to escape them. */
export const HOSTILE_NAMES = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>'] as const;

/** The visible text of a page: tags dropped, entities of the escaped characters decoded, spaces squeezed. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Every href and src of a page. */
export function links(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** The CSRF token of the first form that carries one. */
export function csrfFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/**
 * A public listing whose texts hold markup, in a collection of the caller's choice: the first seeded listing of
 * that collection with every text and list of its declaration set to `name`, so any collection can be made one.
 */
export function hostileListing(ctx: AppContext, collection: string, name: string): Listing {
  const def = getCollection(collection);
  const model = ctx.listings.repo(collection).iterate().next().value;
  if (!model) throw new Error(`no seeded ${collection} listing to copy`);
  const input = editableValues(def, model);
  for (const [key, spec] of editableFields(def)) {
    if (spec.type === 'text') input[key] = name.slice(0, spec.max);
    if (spec.type === 'list') input[key] = [name.slice(0, spec.maxLength)];
  }
  return ctx.listings.create(collection, input, { actor: 'test' });
}
