/** Links of the public site: the filtered search and the current page in the other language. */
import type { Lang } from '../i18n/i18n.js';

export type SearchParams = Record<string, string | string[] | number | boolean | undefined>;

/** `/search?...` with several values of a parameter joined by commas, as the contract reads them. */
export function searchHref(params: SearchParams): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const text = Array.isArray(value) ? value.join(',') : value === undefined || value === false ? '' : String(value);
    if (text !== '') qs.set(key, text);
  }
  const query = qs.toString();
  return query ? `/search?${query}` : '/search';
}

/**
 * The same path and query with `lang` set to `lang`; the language middleware keeps it in a cookie. Always a path of
 * this site: leading slashes and backslashes collapse to one slash (`//evil.example` would leave the site), and no
 * raw path a client can send makes it throw.
 */
export function langSwitchHref(originalUrl: string, lang: Lang): string {
  const cut = originalUrl.indexOf('?');
  const rawPath = cut === -1 ? originalUrl : originalUrl.slice(0, cut);
  const path = '/' + rawPath.replace(/^[/\\]+/, '').replace(/[\u0000-\u0020\u007f]/g, encodeURIComponent);
  const query = new URLSearchParams(cut === -1 ? '' : originalUrl.slice(cut + 1));
  query.set('lang', lang);
  return `${path}?${query.toString()}`;
}

/** The address of a listing's page. */
export function listingHref(collection: string, id: number): string {
  return `/${collection}/${id}`;
}
