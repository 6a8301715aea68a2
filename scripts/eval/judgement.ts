/** Judgements resolved against the stored listings (never against search answers), and a query's answer scored. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Listing } from '../../server/collections/define.js';
import { FACETS, listingFacets } from '../../server/collections/facets.js';
import { getCollection } from '../../server/collections/registry.js';
import { LOCALES_DIR } from '../../server/core/paths.js';
import type { JudgedQuery, Judgement, Rule } from './judged-set.js';

/** `platforms/4`: a listing as a hit names it. */
export type ListingKey = string;

/** A judgement with its listings known: at least `need` of `relevant` among the first `within` hits (none: no hit). */
export interface ResolvedJudgement {
  none: boolean;
  relevant: Set<ListingKey>;
  within: number;
  need: number;
}

/** A judged query with every judgement resolved, and every listing it counts as relevant. */
export interface ResolvedQuery {
  query: JudgedQuery;
  judgements: ResolvedJudgement[];
  relevant: Set<ListingKey>;
}

/** Labels of the codes, by group (`county`, `field`, `kind`…) and code, in one language. */
type Labels = Record<string, Record<string, string>>;

/** The code labels of both languages, as the pages show them. */
export function loadLabels(): { zh: Labels; en: Labels } {
  const read = (lang: string) => JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'vocab.json'), 'utf8')) as Labels;
  return { zh: read('zh'), en: read('en') };
}

/** The labels of every code a listing carries (every facet but the collection): what its page shows beside its text. */
function labelsOf(listing: Listing, labels: Labels): string[] {
  const codes = listingFacets(listing);
  return FACETS.filter((f) => f.param !== 'collection').flatMap((f) => codes[f.param].flatMap((code) => labels[f.labelGroup]?.[code] || []));
}

/** The stored listings by key, with the text a rule's `contains` reads. */
export class ListingTable {
  readonly byKey = new Map<ListingKey, Listing>();
  private readonly texts = new Map<ListingKey, { text: string; textEn: string }>();

  /** `text` is a listing's name, keywords, summary and code labels in Chinese; `textEn` the same in English. */
  constructor(listings: Listing[], labels = loadLabels()) {
    for (const listing of listings) {
      const key = `${listing.collection}/${listing.id}`;
      this.byKey.set(key, listing);
      const keywords = getCollection(listing.collection).keywords;
      const zh = keywords.filter((k) => !k.endsWith('En')).map((k) => textOf(listing[k]));
      const en = keywords.filter((k) => k.endsWith('En')).map((k) => textOf(listing[k]));
      this.texts.set(key, {
        text: [listing.name, ...zh, listing.summary, ...labelsOf(listing, labels.zh)].join(' '),
        textEn: [listing.nameEn, ...en, listing.summaryEn, ...labelsOf(listing, labels.en)].join(' '),
      });
    }
  }

  /** The text of `path` for a listing: one of its fields, or `text` / `textEn`. */
  textAt(key: ListingKey, path: string): string {
    const texts = this.texts.get(key)!;
    if (path === 'text' || path === 'textEn') return texts[path];
    return textOf(this.byKey.get(key)![path]);
  }

  /** Every listing a rule selects. */
  select(rule: Rule): Set<ListingKey> {
    return new Set([...this.byKey.keys()].filter((key) => this.matches(rule, key)));
  }

  private matches(rule: Rule, key: ListingKey): boolean {
    const listing = this.byKey.get(key)!;
    for (const param of ['collection', 'county', 'kind', 'level', 'type', 'category', 'source'] as const) {
      const wanted = rule[param];
      if (wanted !== undefined && !list(wanted).includes(String(listing[param]))) return false;
    }
    if (rule.field !== undefined && !list(rule.field).some((f) => listing.fields.includes(f))) return false;
    for (const [path, needles] of Object.entries(rule.contains ?? {})) {
      const haystack = this.textAt(key, path).toLowerCase();
      if (!list(needles).every((needle) => needle.split('|').some((alt) => haystack.includes(alt.toLowerCase())))) return false;
    }
    return rule.anyOf === undefined || rule.anyOf.some((r) => this.matches(r, key));
  }
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  return value === null || value === undefined ? '' : String(value);
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** The listings of `collection/id name` references; throws when one is missing or its name differs. */
function refsOf(refs: string[], table: ListingTable): Set<ListingKey> {
  const keys = new Set<ListingKey>();
  for (const ref of refs) {
    const space = ref.indexOf(' ');
    const key = space < 0 ? ref : ref.slice(0, space);
    const listing = table.byKey.get(key);
    if (!listing) throw new Error(`${ref}: no such listing`);
    if (space >= 0 && listing.name !== ref.slice(space + 1)) throw new Error(`${ref}: that listing is named ${listing.name}`);
    keys.add(key);
  }
  return keys;
}

function resolveJudgement(judgement: Judgement, table: ListingTable): ResolvedJudgement {
  if ('none' in judgement) return { none: true, relevant: new Set(), within: 10, need: 0 };
  const relevant = judgement.of ? refsOf(judgement.of, table) : table.select(judgement.where!);
  const need = judgement.need === 'all' ? Math.min(relevant.size, judgement.within) : (judgement.need ?? 1);
  if (judgement.of && judgement.need === 'all' && relevant.size > judgement.within) throw new Error(`all ${relevant.size} listings cannot fit within ${judgement.within}`);
  if (need === 0 || need > Math.min(relevant.size, judgement.within)) {
    throw new Error(`needs ${need} of ${relevant.size} listings within ${judgement.within}: it can never pass`);
  }
  return { none: false, relevant, within: judgement.within, need };
}

/** Resolves a query's judgements against the listings; throws, naming the query, when one cannot be met by any answer. */
export function resolveQuery(query: JudgedQuery, table: ListingTable): ResolvedQuery {
  try {
    const judgements = query.expect.map((j) => resolveJudgement(j, table));
    if (judgements.some((j) => j.none) && judgements.length > 1) throw new Error('"none" stands alone');
    return { query, judgements, relevant: new Set(judgements.flatMap((j) => [...j.relevant])) };
  } catch (error) {
    throw new Error(`${query.id} (${JSON.stringify(query.q)}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** What a query's answer scored. */
export interface QueryOutcome {
  id: string;
  type: string;
  q: string;
  /** Every judgement held: success@10 (no judgement looks past the tenth hit). */
  pass: boolean;
  /** The first hit is relevant (a query that must find nothing: nothing was found). */
  success1: boolean;
  /** 1 / rank of the first relevant hit in the top 10, else 0; undefined for a query that must find nothing. */
  reciprocalRank?: number;
  /** nDCG@10 with every relevant listing of gain 1; undefined for a query that must find nothing. */
  ndcg?: number;
  /** A query with targets that answered nothing at all. */
  zeroResult: boolean;
  total: number;
  /** The first three hits, by name. */
  top3: string[];
}

/** A hit as the search API returns it (the fields the evaluation reads). */
export interface Hit {
  collection: string;
  id: number;
  name: string;
}

/** Scores one answer (its first ten hits and its total) against the resolved judgements. */
export function scoreAnswer(resolved: ResolvedQuery, hits: Hit[], total: number): QueryOutcome {
  const { query, judgements, relevant } = resolved;
  const keys = hits.slice(0, 10).map((h) => `${h.collection}/${h.id}`);
  const base = { id: query.id, type: query.type, q: query.q, total, top3: hits.slice(0, 3).map((h) => h.name) };
  if (judgements[0]?.none) {
    const empty = total === 0 && hits.length === 0;
    return { ...base, pass: empty, success1: empty, zeroResult: false };
  }
  const pass = judgements.every((j) => keys.slice(0, j.within).filter((k) => j.relevant.has(k)).length >= j.need);
  const firstRank = keys.findIndex((k) => relevant.has(k)) + 1;
  let dcg = 0;
  keys.forEach((k, i) => {
    if (relevant.has(k)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.size, 10); i++) ideal += 1 / Math.log2(i + 2);
  return { ...base, pass, success1: firstRank === 1, reciprocalRank: firstRank ? 1 / firstRank : 0, ndcg: dcg / ideal, zeroResult: total === 0 };
}
