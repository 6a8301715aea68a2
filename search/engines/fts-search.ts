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
import { wordParts } from '../segment.js';

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
    const sets: TermSets[] = [];
    // A term may be replaced by its parts as it is read, so the list is walked by index.
    for (let i = 0; i < query.terms.length; i++) sets.push(this.termSets(query.terms, i));
    const { layers, ignored } = relax(query.terms, sets);
    const candidates = layers.reduce<PositionSet | null>((all, layer) => (all ? all.or(layer.members) : layer.members), null)!;
    const { results, facets } = this.store.select(candidates, query.filters, query.available, countFacets);
    const complete = results.size === candidates.size ? layers[0]!.members.size : results.and(layers[0]!.members).size;
    const answer = (page: number[]) => ({ ...this.answer(page, results.size, facets), ...(ignored.length && results.size ? { ignored, complete } : {}) });
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

  /**
   * A term's match sets: its forms in the direct columns, and its pinyin. A word that matches nothing takes the
   * words of the index at one or two typos as its forms (so it ranks like the word it was meant to be); a Chinese
   * word of three or more characters that matches nothing is taken as its parts (`院士站` → 院士, 站).
   */
  private termSets(terms: SearchTerm[], i: number): TermSets {
    const term = terms[i]!;
    let direct = this.matchSet(termMatch(DIRECT_COLUMNS, term), termIsCostly(term));
    let pinyin = term.pinyin.length ? this.matchSet(pinyinMatch(term), term.last) : null;
    if (!direct.size && !pinyin?.size && term.kind === 'word' && !term.typos) {
      const corrections = this.vocabulary.corrections(term.text);
      if (corrections.length) {
        term.typos = corrections.map((word) => ({ kind: 'words', words: [word], prefix: false }));
        term.forms = [...term.forms, ...term.typos];
        term.pinyin = [...term.pinyin, ...corrections];
        direct = this.matchSet(termMatch(DIRECT_COLUMNS, term), true);
        pinyin = this.matchSet(pinyinMatch(term), true);
      }
    }
    const parts = !direct.size && term.kind === 'han' && term.forms.length === 1 ? partsOf(term.text) : [];
    if (parts.length > 1) {
      terms.splice(i, 1, ...parts);
      return this.termSets(terms, i);
    }
    return { direct, pinyin, any: pinyin?.size ? direct.or(pinyin) : direct };
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
 * The layers of an answer: the listings with every term first; while they are fewer than a handful, the least
 * informative terms are left out (a term that matches nothing first, then the one matching most) until more
 * listings appear, and those follow, the ones holding more of the query's terms first (the words matched are the
 * first rule of relevance). `ignored`: the terms left out; `complete`: the listings with every term.
 */
export function relax(terms: SearchTerm[], sets: TermSets[]): { layers: Layer[]; ignored: string[] } {
  const all = terms.map((_, i) => i);
  const full = intersect(all.map((i) => sets[i]!.any));
  const layers: Layer[] = [{ active: all, members: full }];
  if (terms.length < 2 || full.size >= HANDFUL) return { layers, ignored: [] };
  const dropOrder = [...all].sort((a, b) => informativeness(sets[a]!) - informativeness(sets[b]!));
  let active = all;
  let wider: PositionSet | null = null;
  for (const drop of dropOrder.slice(0, -1)) {
    active = active.filter((i) => i !== drop);
    const members = intersect(active.map((i) => sets[i]!.any));
    if (members.size === full.size) continue;
    wider = members;
    if (members.size >= HANDFUL) break;
  }
  if (!wider) return { layers, ignored: [] };
  const kept = active;
  const ignored = all.filter((i) => !kept.includes(i));
  // Group the wider answer by how many of the left-out terms each listing still holds, most first.
  const rest = wider.andNot(full);
  const held = new Map<number, number>();
  rest.positions().forEach((pos) => held.set(pos, ignored.filter((i) => sets[i]!.any.has(pos)).length));
  for (let n = ignored.length; n >= 0; n--) {
    const members = rest.filter((pos) => held.get(pos) === n);
    if (members.size) layers.push({ active: kept, members });
  }
  return { layers, ignored: ignored.map((i) => terms[i]!.text) };
}

/** Lower is left out first: a term that matches nothing, then the one matching the most listings. */
function informativeness(sets: TermSets): number {
  return sets.any.size === 0 ? -Infinity : -sets.any.size;
}

/** The parts of a Chinese word that matched nothing, as terms (see `wordParts`). */
function partsOf(text: string): SearchTerm[] {
  return wordParts(text).map((part) => ({ kind: 'han', text: part, forms: [{ kind: 'han', text: part }], pinyin: [], last: false }));
}

function intersect(sets: PositionSet[]): PositionSet {
  return [...sets].sort((a, b) => a.size - b.size).reduce((all, set) => all.and(set));
}

function orderOf(query: EngineQuery): OrderName {
  if (query.sort === 'name') return query.lang === 'en' ? 'name-en' : 'name-zh';
  if (query.sort === 'updated') return 'updated';
  return 'browse';
}
