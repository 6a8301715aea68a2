/** Listing → search document: the one shape both engines index, built from the collection declarations. */
import type { CollectionDef, CollectionName, Listing } from '../../server/collections/define.js';
import { FACET_PARAMS, listingFacets, type FacetParam } from '../../server/collections/facets.js';
import { collectionIndex, getCollection } from '../../server/collections/registry.js';
import { VOCAB } from '../../server/collections/vocab.js';
import { fold, indexText } from '../analysis/analysis.js';
import { labelText } from '../analysis/labels.js';
import { pinyinSortKey, pinyinText, syllables } from '../analysis/pinyin.js';

/**
 * Changes whenever documents are built differently, so stored indexes are rebuilt at the next start: the number is
 * bumped by hand, the facet parameters count on their own (a new facet's values are then in every document).
 */
export const DOCUMENT_VERSION = `5 ${FACET_PARAMS.join(' ')}`;

/** What both engines index for one active listing. */
export interface SearchDocument {
  /** `platforms-12`: unique over collections (the Meilisearch primary key). */
  id: string;
  collection: CollectionName;
  listingId: number;
  /** Position of the collection in the registry, for a stable order across collections. */
  collectionOrder: number;
  name: string;
  nameEn: string;
  /** The declaration's keyword fields (host, affiliation, expertise…): Chinese, then English. */
  keywords: string;
  keywordsEn: string;
  summary: string;
  summaryEn: string;
  /** The labels of the codes the listing carries (every facet but the collection), searched like keywords. */
  labels: string;
  labelsEn: string;
  /** The same Chinese text as grams, so one or two characters are found inside longer words. */
  nameGrams: string;
  keywordsGrams: string;
  summaryGrams: string;
  /** Pinyin syllables, joined runs and initials of the Chinese name. */
  pinyin: string;
  /** The same of the Chinese labels the listing carries (county, fields, kind…), searched below the name's. */
  labelsPinyin: string;
  /** The codes the listing carries, by facet parameter (empty for the facets its collection does not answer). */
  facets: Record<FacetParam, string[]>;
  /** A listing with a declared capacity that has free units (housing). */
  available: boolean;
  /**
   * Quality, lower first: facts of the 2022 report before samples and staff entries, then by the code of the
   * field the collection is ranked by (national before autonomous-region level before the rest).
   */
  boost: number;
  sortName: string;
  sortNameEn: string;
  /** Milliseconds since the epoch. */
  updatedAt: number;
}

/** Looks up a listing another listing refers to (an expert's institution). */
export type ListingLookup = (collection: CollectionName, id: number) => Listing | undefined;

/** The id of a listing's document. */
export function documentId(collection: CollectionName, listingId: number): string {
  return `${collection}-${listingId}`;
}

/**
 * Keyword field values, with referenced listings' current text in place of copies (the `text` of a `ref` field):
 * an expert linked to an institution is affiliated with the institution's current name, so renaming the
 * institution re-indexes its experts under the new name.
 */
function keywordValues(listing: Listing, lookup: ListingLookup): Record<string, unknown> {
  const def = getCollection(listing.collection);
  const values: Record<string, unknown> = Object.fromEntries(def.keywords.map((k) => [k, listing[k]]));
  for (const [refField, spec] of Object.entries(def.own)) {
    const refId = listing[refField];
    if (spec.type !== 'ref' || !spec.text || typeof refId !== 'number') continue;
    const target = lookup(spec.collection as CollectionName, refId);
    if (!target) continue;
    for (const [field, from] of Object.entries(spec.text)) values[field] = target[from];
  }
  return values;
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(' ');
  return typeof value === 'string' ? value : '';
}

/** Chinese and English keyword text: fields named `…En` hold English. */
function keywordText(listing: Listing, lookup: ListingLookup): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const [field, value] of Object.entries(keywordValues(listing, lookup))) (field.endsWith('En') ? en : zh).push(textOf(value));
  return { zh: zh.filter(Boolean).join(' '), en: en.filter(Boolean).join(' ') };
}

/** The pinyin tokens of each label, kept: the labels are a few dozen, and reading pinyin is costly. */
const LABEL_PINYIN = new Map<string, string[]>();

/** The pinyin tokens of labels, each label on its own (`mianhua`, `qitaixian`, `qtx`). */
function labelsPinyin(labels: string): string {
  const tokens = new Set<string>();
  for (const label of labels.split(' ')) {
    if (!label) continue;
    let own = LABEL_PINYIN.get(label);
    if (!own) LABEL_PINYIN.set(label, (own = pinyinText(label).split(' ')));
    for (const token of own) tokens.add(token);
  }
  return [...tokens].join(' ');
}

/** The quality rank of a listing (see `SearchDocument.boost`). */
function qualityOf(def: CollectionDef, listing: Listing): number {
  return (listing.source === 'report-2022' ? 0 : RANKS) + rankOf(def, listing);
}

/** The ranks a listing can have: one per code of the ranking field (national, regional), then one for the rest. */
const RANKS = 3;

/** The place of a listing's code in the vocabulary of its collection's `rankedBy` field; the last rank without one. */
function rankOf(def: CollectionDef, listing: Listing): number {
  const field = def.rankedBy ?? '';
  const spec = def.own[field];
  const index = spec?.type === 'code' ? (VOCAB[spec.vocab] as readonly unknown[]).indexOf(listing[field]) : -1;
  return index < 0 ? RANKS - 1 : Math.min(index, RANKS - 1);
}

/** True when a listing offers free units (see `CollectionDef.capacity`). */
function isAvailable(def: CollectionDef, listing: Record<string, unknown>): boolean {
  const free = def.capacity === undefined ? undefined : listing[def.capacity.free];
  return typeof free === 'number' && free > 0;
}

/** The search document of an active listing. */
export function toSearchDocument(listing: Listing, lookup: ListingLookup): SearchDocument {
  const def = getCollection(listing.collection);
  const keywords = keywordText(listing, lookup);
  const facets = listingFacets(listing);
  const labels = labelText(facets);
  const nameSyllables = syllables(listing.name);
  const sortName = pinyinSortKey(listing.name, nameSyllables);
  return {
    id: documentId(listing.collection, listing.id),
    collection: listing.collection,
    listingId: listing.id,
    collectionOrder: collectionIndex(listing.collection),
    name: listing.name,
    nameEn: listing.nameEn,
    keywords: keywords.zh,
    keywordsEn: keywords.en,
    summary: listing.summary,
    summaryEn: listing.summaryEn,
    labels: labels.zh,
    labelsEn: labels.en,
    nameGrams: indexText(listing.name),
    keywordsGrams: indexText(keywords.zh),
    summaryGrams: indexText(listing.summary),
    pinyin: pinyinText(listing.name, nameSyllables),
    labelsPinyin: labelsPinyin(labels.zh),
    facets,
    available: isAvailable(def, listing),
    boost: qualityOf(def, listing),
    sortName,
    sortNameEn: listing.nameEn ? `${fold(listing.nameEn)}\u0001${listing.nameEn}` : sortName,
    updatedAt: Date.parse(listing.updatedAt) || 0,
  };
}
