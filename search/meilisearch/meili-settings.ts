/**
 * The Meilisearch index settings, derived from the collection declarations, and the check that an index holds
 * them; pure, so tested without a server. New searchable fields, synonyms and a dictionary come in from outside.
 */
import type { Settings } from 'meilisearch';
import { FACETS } from '../../server/collections/facets.js';
import { FACET_ATTRIBUTES } from '../core/filters.js';

/**
 * The oldest Meilisearch this directory runs on: the swap's `rename` needs v1.18 (older servers refuse the unknown
 * field); `localizedAttributes` (v1.10), the `zho` locale (v1.11), `frequency` matching, `disableOnNumbers`
 * and `facetSearch` are all older.
 */
export const MIN_MEILI_VERSION = '1.18.0';

/** The tiers of searchable attributes, best first, as the embedded engine ranks them. */
export type SearchTier = 'name' | 'keywords' | 'anywhere' | 'pinyin';

/** Labels of the codes a listing carries rank like keywords; the pinyin of labels below that of names. */
const BASE_TIERS: Record<SearchTier, readonly string[]> = {
  name: ['name', 'nameEn', 'nameGrams'],
  keywords: ['keywords', 'keywordsEn', 'keywordsGrams', 'labels', 'labelsEn'],
  anywhere: ['summary', 'summaryEn', 'summaryGrams'],
  pinyin: ['pinyin', 'labelsPinyin'],
};

/** What the settings take from outside: fields added to a tier, the synonym list, the dictionary of local words. */
export interface SettingsInput {
  /** Searchable fields added at the end of a tier (labels: `keywords`). */
  searchable?: Partial<Record<SearchTier, readonly string[]>>;
  /** Fields whose text is Chinese or English, beside the built-in ones. */
  locales?: { zho?: readonly string[]; eng?: readonly string[] };
  /** Meilisearch's `synonyms`: each word → the words it also finds. */
  synonyms?: Record<string, readonly string[]>;
  /** Meilisearch's `dictionary`: words its segmenter must keep whole (local names). */
  dictionary?: readonly string[];
}

/** The sortable attributes an explicit sort or a query without text orders by. */
const SORTABLE_ATTRIBUTES = ['sortName', 'sortNameEn', 'updatedAt', 'boost', 'collectionOrder', 'listingId'];

/** Quality: `boost` is 0 for facts of the 2022 report and 1 for samples, so ascending puts facts first. */
export const QUALITY_RULE = 'boost:asc';

/** The browse order: collection, then name, then id (every answer has one fixed order). */
export const BROWSE_RULES = ['collectionOrder:asc', 'sortName:asc', 'listingId:asc'] as const;

/**
 * The embedded engine's order: words matched → tier (attribute) → typos → proximity → quality → closeness
 * (the shortest name holding the query) → browse order. `sort` comes first so an explicit sort (name, updated)
 * orders the answer; a relevance search with text passes no sort.
 */
export const RANKING_RULES = ['sort', 'words', 'attribute', 'typo', 'proximity', QUALITY_RULE, 'nameLength:asc', ...BROWSE_RULES];

/** Totals stay exact up to this many hits. */
const MAX_TOTAL_HITS = 1_000_000;

/** The searchable attributes, tier by tier. */
export function searchableAttributes(input: SettingsInput = {}): string[] {
  const all = (Object.keys(BASE_TIERS) as SearchTier[]).flatMap((tier) => [...BASE_TIERS[tier], ...(input.searchable?.[tier] ?? [])]);
  return [...new Set(all)];
}

/**
 * Every setting Meilisearch v1.18 knows, each given a value: a settings update is always complete, so a setting
 * changed by hand on the server never survives it. Typos: one from 5 letters, two from 9, as the embedded engine;
 * none in pinyin and grams (their words are syllables and character pairs, where a typo is another word).
 */
export function indexSettings(input: SettingsInput = {}): Settings {
  const searchable = searchableAttributes(input);
  return {
    searchableAttributes: searchable,
    displayedAttributes: ['id', 'collection', 'listingId'],
    filterableAttributes: [...Object.values(FACET_ATTRIBUTES), 'available'],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    stopWords: [],
    nonSeparatorTokens: [],
    separatorTokens: [],
    dictionary: [...(input.dictionary ?? [])],
    synonyms: Object.fromEntries(Object.entries(input.synonyms ?? {}).map(([word, also]) => [word, [...also]])),
    distinctAttribute: null,
    proximityPrecision: 'byWord',
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: searchable.filter((a) => /^pinyin$|Pinyin$|Grams$/.test(a)),
      disableOnWords: [],
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: Math.max(...FACETS.map((f) => f.codes.length)), sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    searchCutoffMs: null,
    localizedAttributes: [
      { attributePatterns: ['name', 'keywords', 'summary', 'labels', '*Grams', ...(input.locales?.zho ?? [])], locales: ['zho'] },
      { attributePatterns: ['*En', 'pinyin', '*Pinyin', ...(input.locales?.eng ?? [])], locales: ['eng'] },
    ],
    facetSearch: false,
    prefixSearch: 'indexingTime',
  };
}

/**
 * The complete update: the declared settings, and every other setting the server reports reset to its default
 * (`null`), so settings a newer server knows, or that someone added by hand, are reset too.
 */
export function completeSettings(declared: Settings, current: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...declared };
  for (const key of Object.keys(current)) if (!(key in out)) out[key] = null;
  return out;
}

/** Settings whose values Meilisearch keeps as sets (it answers them sorted, whatever order they were sent in). */
const SET_LIKE = new Set(['displayedAttributes', 'filterableAttributes', 'sortableAttributes', 'stopWords', 'nonSeparatorTokens', 'separatorTokens', 'dictionary', 'disableOnAttributes', 'disableOnWords']);

function same(key: string, declared: unknown, actual: unknown): boolean {
  if (Array.isArray(declared)) {
    if (!Array.isArray(actual) || actual.length !== declared.length) return false;
    const [a, b] = SET_LIKE.has(key) ? [[...declared].sort(), [...actual].sort()] : [declared, actual];
    return a.every((value, i) => same(key, value, b[i]));
  }
  if (declared !== null && typeof declared === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    // Only the keys declared: the server answers every sub-setting, defaults included.
    return Object.entries(declared).every(([k, v]) => same(k, v, (actual as Record<string, unknown>)[k]));
  }
  return declared === actual;
}

/**
 * The declared settings an index does not hold, by name (empty when it holds them all). Settings declared as
 * `null` (reset to the default) are not compared: their default differs between server versions. Synonyms are
 * compared word by word, in any order.
 */
export function settingsMismatch(declared: Settings, actual: Record<string, unknown>): string[] {
  return Object.entries(declared)
    .filter(([key, value]) => value !== null && value !== undefined)
    .filter(([key, value]) => {
      if (key !== 'synonyms') return !same(key, value, actual[key]);
      const have = (actual[key] ?? {}) as Record<string, unknown>;
      const want = value as Record<string, unknown>;
      return Object.keys(have).length !== Object.keys(want).length || Object.entries(want).some(([w, also]) => !same(w, also, have[w]));
    })
    .map(([key]) => key);
}

/** True when `version` (such as `1.18.2` or `1.19.0-rc.1`) is at least `min`; false when it cannot be read. */
export function versionAtLeast(version: string, min: string): boolean {
  const parse = (v: string) => /^v?(\d+)\.(\d+)\.(\d+)/.exec(v)?.slice(1).map(Number);
  const have = parse(version);
  const want = parse(min)!;
  if (!have) return false;
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i]! > want[i]!;
  return true;
}
