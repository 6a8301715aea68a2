/** Reading pages in tests the way a person reads them: visible text, links, form tokens. */
import type { Listing } from '../../server/collections/define.js';
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

/** A public listing whose name and summary hold markup, in a collection of the caller's choice. */
export function hostileListing(ctx: AppContext, collection: string, name: string): Listing {
  const base = { name, nameEn: name, summary: `${name} summary`, summaryEn: `${name} summary`, county: 'qitai', fields: ['cotton'] };
  const own: Record<string, Record<string, unknown>> = {
    platforms: { kind: 'key-lab', level: 'regional', host: name, hostEn: '', location: null, locationEn: null, established: 2020 },
    institutions: { type: 'institute', location: name, locationEn: '', agreementYear: 2020 },
    experts: { category: 'expert', title: name, titleEn: '', affiliation: name, affiliationEn: '', institutionId: null, expertise: [name], expertiseEn: [] },
    apartments: { kind: 'turnover-room', township: name, townshipEn: '', address: name, addressEn: '', units: 4, availableUnits: 2, areaSqm: 40, furnished: true, monthlyRent: 0 },
  };
  return ctx.listings.create(collection, { ...base, ...own[collection] }, { actor: 'test' });
}
