/** The page of one listing: its fields, related listings and, where it takes requests, the contact form. */
import type { Request, Response } from 'express';
import type { CollectionDef, CollectionName, Listing } from '../collections/define.js';
import type { SearchService } from '../../search/search-service.js';
import type { ListingService } from '../collections/listing-service.js';
import { csrfToken } from '../auth/session.js';
import { notFound } from '../core/app-error.js';
import type { Lang, Translate } from '../i18n/i18n.js';
import { getCollection } from '../collections/registry.js';
import { contactKind } from '../inquiries/inquiry-service.js';
import { EMPTY_CONTACT, errorCount, HONEYPOT_FIELD, type ContactState } from './contact.js';
import { Presenter, type Attribute } from './present.js';
import { relatedGroups } from './related.js';
import { langSwitchHref, listingHref, searchHref } from './urls.js';

const ID = /^[1-9]\d{0,14}$/;

/** The numeric id of a path segment, or a 404 for anything else. */
export function parseListingId(raw: string): number {
  if (!ID.test(raw)) throw notFound(`no listing with id ${raw}`);
  return Number(raw);
}

/** True when the collection's pages carry a contact form. */
export function takesContact(collection: CollectionName): boolean {
  return contactKind(collection) !== undefined;
}

/** What a housing page says about applying: the rent, whether furnished, where, and how many units are free. */
function applyInfo(def: CollectionDef, listing: Listing, attributes: Attribute[], p: Presenter) {
  const shown = (key: string | undefined) => attributes.find((a) => a.key === key)?.values[0]?.text ?? '';
  const terms = def.applyTerms;
  const free = def.capacity === undefined ? 0 : Number(listing[def.capacity.free] ?? 0);
  return { rent: shown(terms?.rent), furnished: terms !== undefined && listing[terms.furnished] === true, county: p.code('county', listing.county), free };
}

/** The page title: the listing's name, then the declared title fields that tell namesakes apart. */
function pageTitle(def: CollectionDef, name: string, listing: Listing, p: Presenter): string {
  return [name, ...(def.titleFields ?? []).map((key) => p.text(listing, key))].filter(Boolean).join(' · ');
}

/** What a listing's page uses. */
export interface ListingPageDeps {
  listings: ListingService;
  /** Finds the listings related to the one shown. */
  search: SearchService;
}

/** Renders the page of an active listing (404 otherwise), with the contact form in the given state. */
export async function renderListing(
  ctx: ListingPageDeps,
  req: Request,
  res: Response,
  collection: CollectionName,
  id: number,
  contact: ContactState = EMPTY_CONTACT,
): Promise<void> {
  const listing = ctx.listings.getPublic(collection, id);
  const t = res.locals.t as Translate;
  const lang = res.locals.lang as Lang;
  const p = new Presenter(t, lang, (c, refId) => ctx.listings.get(c, refId));
  const href = listingHref(collection, id);
  const card = p.card(listing);
  const attributes = p.attributes(listing);
  const def = getCollection(collection);
  const kind = def.contact;
  res.locals.langSwitch = langSwitchHref(href, lang === 'zh' ? 'en' : 'zh');
  res.render('site/listing', {
    pageTitle: pageTitle(def, card.name, listing, p),
    errorCount: contact.sent ? 0 : errorCount(contact),
    listing,
    card,
    collectionHref: searchHref({ collection }),
    attributes,
    apply: kind === 'housing' ? applyInfo(def, listing, attributes, p) : null,
    sourceLabel: t(`vocab.source.${listing.source}`),
    related: await relatedGroups(listing, ctx, t, p, lang),
    contact: kind
      ? { ...contact, kind, action: `${href}/contact`, csrf: csrfToken(req), honeypot: HONEYPOT_FIELD, personal: def.personal === true }
      : null,
  });
}
