/**
 * A search over the embedded index. Each term's match set (any of its forms, its pinyin, and, when it matches
 * nothing, its typo corrections) is read from FTS5 or kept from an earlier search until the index changes; the
 * query's matches are their intersection, and when fewer than a handful have every term, the least informative
 * terms are left out one by one and the listings that match the rest follow. The attribute store filters and
 * counts facets; the page is built tier by tier (see `ranking.ts`). Every set is a bitset and nothing scores every
 * match, so once its sets are kept, a query matching a third of the directory costs a few thousand word operations
 * and a walk over its matches to count facets.
 */
import type { Statement } from 'better-sqlite3';
import { COLLECTION_NAMES } from '../../server/collections/define.js';
import type { Db } from '../../server/db/connection.js';
import type { DocKey, EngineQuery, EngineResult } from '../engine.js';
import type { SearchTerm } from '../query-analysis.js';
import type { AttributeStore, OrderName } from './attribute-store.js';
import { DIRECT_COLUMNS, pinyinMatch, termIsCostly, termMatch } from './fts-query.js';
import type { MatchCache } from './match-cache.js';
import { PositionSet } from './position-set.js';
import { Ranking, type TermSets } from './ranking.js';
import { ROWIDS_PACKED } from './rowid-index.js';
import type { Vocabulary } from './vocabulary.js';

/** The listing a rowid stands for: the listing id, with the collection's registry position in the low 4 bits. */
export function keyOf(rowid: number): DocKey {
  return { collection: COLLECTION_NAMES[rowid % 16]!, listingId: Math.floor(rowid / 16) };
}

/** Fewer listings than this with every term: terms are left out until more appear (Meilisearch's optional words). */
export const HANDFUL = 3;

/** The terms kept at one step of leaving terms out, and the listings that match them and none of the steps before. */
export interface Layer {
  active: number[];
  members: PositionSet;
}

/** Runs one search over the embedded index: match, filter and count, then order the page. */
export class FtsSearch {
  private readonly ids: Statement;

  constructor(
    db: Db,
    private readonly store: AttributeStore,
    private readonly cache: MatchCache,
    private readonly vocabulary: Vocabulary,
  ) {
    this.ids = db.prepare(`SELECT ${ROWIDS_PACKED} FROM search_fts WHERE search_fts MATCH ?`).pluck();
  }

  search(query: EngineQuery): EngineResult {
    const countFacets = query.facets !== false;
    if (!query.terms.length) {
      const { results, facets } = this.store.select(null, query.filters, query.available, countFacets);
      return this.answer(this.store.pageInOrder(results, orderOf(query), query.offset, query.limit), results.size, facets);
    }
    const sets = query.terms.map((term) => this.termSets(term));
    const { layers, ignored } = relax(query.terms, sets);
    const candidates = layers.reduce<PositionSet | null>((all, layer) => (all ? all.or(layer.members) : layer.members), null)!;
    const { results, facets } = this.store.select(candidates, query.filters, query.available, countFacets);
    const answer = (page: number[]) => ({ ...this.answer(page, results.size, facets), ignored: results.size ? ignored : [] });
    if (query.sort !== 'relevance') return answer(this.store.pageInOrder(results, orderOf(query), query.offset, query.limit));
    const unfiltered = results.size === candidates.size;
    const end = query.offset + query.limit;
    const ranking = new Ranking(this.store, (expression, costly) => this.matchSet(expression, costly), query);
    const ordered: number[] = [];
    for (const layer of layers) {
      if (ordered.length >= end) break;
      const members = unfiltered ? layer.members : results.and(layer.members);
      const active = layer.active.map((i) => ({ term: query.terms[i]!, sets: sets[i]! }));
      ordered.push(...ranking.order(active, members, end - ordered.length));
    }
    return answer(ordered.slice(query.offset, end));
  }

  /** A term's match sets: its forms in the direct columns, its pinyin, and its typo corrections when those match nothing. */
  private termSets(term: SearchTerm): TermSets {
    const direct = this.matchSet(termMatch(DIRECT_COLUMNS, term), termIsCostly(term));
    const pinyin = term.pinyin.length ? this.matchSet(pinyinMatch(term), term.last) : null;
    let typo: PositionSet | null = null;
    if (!direct.size && !pinyin?.size && term.kind === 'word' && !term.typos) {
      const corrections = this.vocabulary.corrections(term.text);
      if (corrections.length) {
        term.typos = corrections.map((word) => ({ kind: 'words', words: [word], prefix: false }));
        typo = this.matchSet(termMatch(DIRECT_COLUMNS, { ...term, forms: term.typos }), true);
      }
    }
    let any = direct;
    if (pinyin?.size) any = any.or(pinyin);
    if (typo?.size) any = any.or(typo);
    return { direct, pinyin, typo, any };
  }

  /** The match set of an expression, from the cache or read from the index (and kept when it is large or `costly`). */
  private matchSet(expression: string, costly: boolean): PositionSet {
    const kept = this.cache.get(expression);
    if (kept) return kept;
    const set = PositionSet.of(this.store.positionsOfPacked(this.ids.get(expression) as Buffer | null), this.store.bound);
    this.cache.put(expression, set, costly);
    return set;
  }

  private answer(page: number[], total: number, facets: EngineResult['facets']): EngineResult {
    return { keys: page.map((pos) => keyOf(this.store.rowidAt(pos))), total, facets };
  }
}

/**
 * The layers of an answer: the listings with every term, then, while they are fewer than a handful, those with
 * every term but the least informative left (a term that matches nothing first, then the one matching most), and
 * so on down to one term. `ignored`: the terms left out for the listings after the first layer.
 */
export function relax(terms: SearchTerm[], sets: TermSets[]): { layers: Layer[]; ignored: string[] } {
  const all = terms.map((_, i) => i);
  const full = intersect(all.map((i) => sets[i]!.any));
  const layers: Layer[] = [{ active: all, members: full }];
  if (terms.length < 2 || full.size >= HANDFUL) return { layers, ignored: [] };
  const dropOrder = [...all].sort((a, b) => informativeness(sets[a]!) - informativeness(sets[b]!));
  let active = all;
  let found = full;
  const dropped: string[] = [];
  let ignored: string[] = [];
  for (const drop of dropOrder.slice(0, -1)) {
    active = active.filter((i) => i !== drop);
    dropped.push(terms[drop]!.text);
    const members = intersect(active.map((i) => sets[i]!.any)).andNot(found);
    if (!members.size) continue;
    layers.push({ active, members });
    ignored = [...dropped];
    found = found.or(members);
    if (found.size >= HANDFUL) break;
  }
  return { layers, ignored };
}

/** Lower is left out first: a term that matches nothing, then the one matching the most listings. */
function informativeness(sets: TermSets): number {
  return sets.any.size === 0 ? -Infinity : -sets.any.size;
}

function intersect(sets: PositionSet[]): PositionSet {
  return [...sets].sort((a, b) => a.size - b.size).reduce((all, set) => all.and(set));
}

function orderOf(query: EngineQuery): OrderName {
  if (query.sort === 'name') return query.lang === 'en' ? 'name-en' : 'name-zh';
  if (query.sort === 'updated') return 'updated';
  return 'browse';
}
