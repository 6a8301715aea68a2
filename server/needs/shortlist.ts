/**
 * The shortlist of a need, built on the search service (not on one engine), so the embedded engine and
 * Meilisearch give the same kind of answer. The need's text is cut into its meaningful words; each word's listings
 * are looked up with one search; a listing scores the weights of the words it holds (a rarer word weighs more, a
 * word in the name more than one in the keywords, more than one in the summary), plus shared industry fields, the
 * same county and its standing. Collections are mixed so that one does not crowd out the others.
 */
import type { SearchService } from '../../search/search-service.js';
import type { SearchHit } from '../../search/core/types.js';
import type { CollectionName, Listing } from '../collections/define.js';
import { COLLECTIONS } from '../collections/registry.js';
import { inferFields } from './need-fields.js';
import { needTerms, type NeedTerm } from './need-terms.js';

/** The kinds of partner a need may ask for: the collections that take cooperation requests, in registry order. */
export const PARTNER_COLLECTIONS = COLLECTIONS.filter((def) => def.contact === 'cooperation').map((def) => def.name) as [CollectionName, ...CollectionName[]];
export type PartnerCollection = CollectionName;

/** What the shortlist reads of a need. */
export interface ShortlistInput {
  text: string;
  fields: string[];
  county: string | null;
  collections: PartnerCollection[];
}

/** Why a listing is on the shortlist, as data; pages put it into words in the reader's language. */
export interface FitReasons {
  /** The need's words the listing holds, most telling first. */
  words: string[];
  /** Industry fields it shares with the need. */
  fields: string[];
  sameCounty: boolean;
  /**
   * `national` platform, `academician`, a fact of the 2022 report (`report`), or the R&D unit of a firm of the
   * need's field (`firm`: an enterprise technology centre, a consortium or an off-site platform sharing a field).
   */
  standing: ('national' | 'academician' | 'report' | 'firm')[];
  /** Needs of the same fields completed with this partner through the directory. */
  completed: number;
}

/** One partner of a shortlist. */
export interface ShortlistEntry {
  collection: PartnerCollection;
  id: number;
  name: string;
  nameEn: string;
  url: string;
  score: number;
  /** Sample data, not a fact of the 2022 review: marked wherever it is shown. */
  sample: boolean;
  /** `good`: holds several of the need's words (or all) and shares its field when it has one; `fair` otherwise. */
  fit: 'good' | 'fair';
  reasons: FitReasons;
}

/** A shortlist and how it was made. */
export interface Shortlist {
  /** The words the need was matched by (after leaving out words every request holds). */
  terms: string[];
  /** The fields the need was matched against: those the firm picked, else those its words name. */
  fields: string[];
  fieldsInferred: boolean;
  entries: ShortlistEntry[];
  engine: string;
  tookMs: number;
}

/** How many partners a shortlist shows. */
export const SHORTLIST_SIZE = 12;

/** Where a word was found in a listing: the name says most about a listing, its summary least. */
const PLACE_WEIGHT = { name: 1, keywords: 0.8, summary: 0.6 } as const;
const FIELD_WEIGHT = 1.5;
const COUNTY_WEIGHT = 0.75;
// A firm's own R&D unit is named as a reason but earns nothing: it is not a better partner for being one.
const STANDING_WEIGHT = { national: 0.4, academician: 0.3, report: 0.3, firm: 0 } as const;
/** Platform kinds run by firms: they already work in their industry, with its firms. */
const FIRM_KINDS = new Set(['enterprise-tech-center', 'consortium', 'offsite-rnd']);
const COMPLETED_WEIGHT = 0.3;
/** A listing that holds only some of the words of one of the need's words. */
const PARTIAL_WEIGHT = 0.5;
/** A word held by more than this share of the partners says nothing about fit (`研究`, `research`). */
const TOO_COMMON = 0.6;

interface Candidate {
  listing: Listing;
  text: number;
  words: { text: string; weight: number }[];
}

/** Counts completed needs per partner and field; the shortlist's "already works with firms of this industry". */
export type CompletedCounter = (fields: string[]) => Map<string, number>;

/** Builds shortlists from the search service. */
export class ShortlistBuilder {
  constructor(
    private readonly search: SearchService,
    private readonly completed: CompletedCounter = () => new Map(),
  ) {}

  /** The shortlist of a need (empty when its text holds no meaningful word and it names no field). */
  async build(input: ShortlistInput): Promise<Shortlist> {
    const started = performance.now();
    const collections = input.collections.length ? input.collections : [...PARTNER_COLLECTIONS];
    const terms = needTerms(input.text);
    const inferred = input.fields.length ? [] : inferFields(input.text, terms);
    const fields = input.fields.length ? input.fields : inferred;
    const base = await this.search.search(this.query('', collections, 1, {}));
    const candidates = new Map<string, Candidate>();
    const results = await Promise.all(terms.map((term) => this.search.search(this.query(term.text, collections, 100, {}, term))));
    terms.forEach((term, i) => {
      const result = results[i];
      if (result) this.addTerm(candidates, term, result, base.total);
    });
    if (fields.length) {
      const byField = await this.search.search(this.query('', collections, 100, { field: fields }));
      for (const hit of byField.hits) if (!candidates.has(keyOf(hit))) candidates.set(keyOf(hit), { listing: hit, text: 0, words: [] });
    }
    const completed = this.completed(fields);
    const scored = [...candidates.values()].map((c) => entryOf(c, input, fields, completed, terms.length)).filter((e): e is ShortlistEntry => e !== null);
    return {
      terms: terms.map((t) => t.text),
      fields,
      fieldsInferred: !input.fields.length && fields.length > 0,
      entries: mixCollections(scored, SHORTLIST_SIZE),
      engine: base.engine,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  private query(q: string, collections: string[], perPage: number, filters: Record<string, string[]>, term?: NeedTerm) {
    return {
      q,
      filters: { collection: collections, ...filters },
      available: false,
      sort: 'relevance' as const,
      page: 1,
      perPage,
      // A Chinese word is highlighted in the Chinese name, an English word in the English one.
      lang: term?.kind === 'word' ? ('en' as const) : ('zh' as const),
      facets: false,
    };
  }

  /**
   * Credits every listing a word's search found with the word's weight at the place it was found. When the word
   * is itself several words and no listing holds them all (`降解塑料`), the listings holding some count at half.
   */
  private addTerm(candidates: Map<string, Candidate>, term: NeedTerm, result: { total: number; hits: SearchHit[]; ignored: string[]; complete?: number }, all: number): void {
    if (!result.total || !all || result.total / all > TOO_COMMON) return;
    const rarity = Math.log(1 + all / result.total);
    const complete = result.ignored.length ? (result.complete ?? 0) : result.hits.length;
    result.hits.forEach((hit, rank) => {
      const place = hit.highlight.name.includes('<mark>') ? 'name' : hit.highlight.summary.includes('<mark>') ? 'summary' : 'keywords';
      const weight = rarity * PLACE_WEIGHT[place] * (rank < complete ? 1 : PARTIAL_WEIGHT);
      const key = keyOf(hit);
      const candidate = candidates.get(key) ?? { listing: hit, text: 0, words: [] };
      candidate.text += weight;
      candidate.words.push({ text: term.text, weight });
      candidates.set(key, candidate);
    });
  }
}

function keyOf(listing: Listing): string {
  return `${listing.collection}:${listing.id}`;
}

/** A candidate's entry, or null when it holds none of the need's words and shares none of its fields. */
function entryOf(c: Candidate, input: ShortlistInput, fields: string[], completed: Map<string, number>, termCount: number): ShortlistEntry | null {
  const l = c.listing as Listing & Record<string, unknown>;
  const shared = (l.fields ?? []).filter((f) => fields.includes(f));
  if (!c.text && !shared.length) return null;
  const sameCounty = input.county !== null && l.county === input.county;
  const standing: FitReasons['standing'] = [];
  if (l.level === 'national') standing.push('national');
  if (l.category === 'academician') standing.push('academician');
  if (l.source === 'report-2022') standing.push('report');
  if (shared.length && FIRM_KINDS.has(String(l.kind))) standing.push('firm');
  const done = completed.get(keyOf(l)) ?? 0;
  const score =
    c.text +
    (shared.length ? FIELD_WEIGHT + 0.25 * (shared.length - 1) : 0) +
    (sameCounty ? COUNTY_WEIGHT : 0) +
    standing.reduce((n, s) => n + STANDING_WEIGHT[s], 0) +
    COMPLETED_WEIGHT * Math.min(done, 3);
  const words = [...c.words].sort((a, b) => b.weight - a.weight).map((w) => w.text);
  const good = (words.length >= 2 || (words.length >= 1 && termCount === 1)) && (!fields.length || shared.length > 0);
  return {
    collection: l.collection as PartnerCollection,
    id: l.id,
    name: l.name,
    nameEn: l.nameEn,
    url: `/${l.collection}/${l.id}`,
    score: Math.round(score * 100) / 100,
    sample: l.source === 'sample',
    fit: good ? 'good' : 'fair',
    reasons: { words, fields: shared, sameCounty, standing, completed: done },
  };
}

/**
 * The best `size` entries, at most a fair share from any one collection while the others still have entries:
 * experts outnumber institutions thirteen to one, and a pure ranking would show experts only.
 */
export function mixCollections(entries: ShortlistEntry[], size: number): ShortlistEntry[] {
  const sorted = [...entries].sort((a, b) => b.score - a.score || a.collection.localeCompare(b.collection) || a.id - b.id);
  const present = new Set(sorted.map((e) => e.collection)).size;
  if (!present) return [];
  const share = Math.ceil(size / present) + 1;
  const taken: ShortlistEntry[] = [];
  const waiting: ShortlistEntry[] = [];
  const count = new Map<string, number>();
  for (const entry of sorted) {
    if (taken.length >= size) break;
    const n = count.get(entry.collection) ?? 0;
    if (n >= share) waiting.push(entry);
    else {
      taken.push(entry);
      count.set(entry.collection, n + 1);
    }
  }
  for (const entry of waiting) if (taken.length < size) taken.push(entry);
  return taken.sort((a, b) => b.score - a.score || a.collection.localeCompare(b.collection) || a.id - b.id);
}
