/**
 * A search over the embedded index: FTS5 finds the documents of the query's terms (their sets kept between
 * searches until the index changes), the attribute store filters them and counts facets, and the page is ordered
 * by relevance or by a stored order. Relevance is a few tiers (every term in the name, then in the name or
 * keywords, then anywhere, then only in the pinyin of the name), and within a tier a stored order: closeness (the
 * shortest name first) where the name matched, else the browse order. Every set is a bitset and nothing scores
 * every match, so once its sets are kept, a query matching a third of the directory costs a few thousand word
 * operations and a walk over its matches to count facets.
 */
import type { Statement } from 'better-sqlite3';
import { COLLECTION_NAMES } from '../../server/collections/define.js';
import type { Db } from '../../server/db/connection.js';
import type { DocKey, EngineQuery, EngineResult } from '../engine.js';
import type { AttributeStore, OrderName } from './attribute-store.js';
import { ROWIDS_PACKED } from './rowid-index.js';
import { isPinyinQuery, type QueryTerm } from '../analysis.js';
import { columnMatch, DIRECT_COLUMNS, NAME_COLUMNS, NAME_OR_KEYWORD_COLUMNS, PINYIN_COLUMNS, readsMoreThanMatches, termMatch, type Columns } from './fts-query.js';
import type { MatchCache } from './match-cache.js';
import { PositionSet } from './position-set.js';

/** The listing a rowid stands for: the listing id, with the collection's registry position in the low 4 bits. */
export function keyOf(rowid: number): DocKey {
  return { collection: COLLECTION_NAMES[rowid % 16]!, listingId: Math.floor(rowid / 16) };
}

/** Runs one search over the embedded index: match, filter and count, then order the page. */
export class FtsSearch {
  private readonly ids: Statement;

  constructor(
    db: Db,
    private readonly store: AttributeStore,
    private readonly cache: MatchCache,
  ) {
    this.ids = db.prepare(`SELECT ${ROWIDS_PACKED} FROM search_fts WHERE search_fts MATCH ?`).pluck();
  }

  search(query: EngineQuery): EngineResult {
    const countFacets = query.facets !== false;
    if (!query.terms.length) {
      const { results, facets } = this.store.select(null, query.filters, query.available, countFacets);
      return this.answer(this.store.pageInOrder(results, orderOf(query), query.offset, query.limit), results.size, facets);
    }
    const direct = this.matching(DIRECT_COLUMNS, query.terms);
    const pinyin = isPinyinQuery(query.terms) ? this.matching(PINYIN_COLUMNS, query.terms).andNot(direct) : null;
    const candidates = pinyin?.size ? direct.or(pinyin) : direct;
    const { results, facets } = this.store.select(candidates, query.filters, query.available, countFacets);
    if (query.sort !== 'relevance') return this.answer(this.store.pageInOrder(results, orderOf(query), query.offset, query.limit), results.size, facets);
    // When every candidate passed, each match set is already the results of its part.
    const unfiltered = results.size === candidates.size;
    const end = query.offset + query.limit;
    const ordered = this.directOrder(query.terms, unfiltered ? direct : results.and(direct), unfiltered, end);
    // Pinyin is read from the Chinese name: the shortest Chinese name is the closest.
    if (ordered.length < end && pinyin?.size) {
      ordered.push(...this.store.pageInOrder(unfiltered ? pinyin : results.and(pinyin), 'closest-zh', 0, end - ordered.length));
    }
    return this.answer(ordered.slice(query.offset, end), results.size, facets);
  }

  /**
   * The documents with every term in one of `columns`: the intersection of the terms' kept match sets when every
   * one is kept, else one scan of them all (which returns only the intersection), kept as a set of its own.
   */
  private matching(columns: Columns, terms: QueryTerm[]): PositionSet {
    const costly = terms.some((term, i) => readsMoreThanMatches(term, i === terms.length - 1));
    if (terms.length > 1) {
      const kept = terms.map((term, i) => this.cache.get(termMatch(columns, term, i === terms.length - 1)));
      if (kept.every((set) => set !== undefined)) return kept.sort((a, b) => a.size - b.size).reduce((all, set) => all.and(set));
    }
    return this.matchSet(expressionOf(columns, terms), costly);
  }

  /** The match set of an expression, from the cache or read from the index (and kept when it is large or `costly`). */
  private matchSet(expression: string, costly: boolean): PositionSet {
    const kept = this.cache.get(expression);
    if (kept) return kept;
    const set = PositionSet.of(this.store.positionsOfPacked(this.ids.get(expression) as Buffer | null), this.store.bound);
    this.cache.put(expression, set, costly);
    return set;
  }

  /**
   * The first `needed` direct matches that pass the filters, tier by tier: every term in the name (closest
   * first), then in the name or keywords, then anywhere (each in the browse order). A tier is looked up only
   * when the page reaches it, so a page of name matches never reads the keyword matches.
   */
  private directOrder(terms: QueryTerm[], members: PositionSet, complete: boolean, needed: number): number[] {
    if (!members.size) return [];
    const named = this.nameTier(terms, members, complete);
    const ordered = this.store.pageInOrder(named, closenessOrder(terms), 0, needed);
    if (ordered.length === needed || named.size === members.size) return ordered;
    const rest = members.andNot(named);
    const nameOrKeywords = rest.and(this.matching(NAME_OR_KEYWORD_COLUMNS, terms));
    ordered.push(...this.store.pageInOrder(nameOrKeywords, 'browse', 0, needed - ordered.length));
    if (ordered.length < needed && nameOrKeywords.size < rest.size) {
      ordered.push(...this.store.pageInOrder(rest.andNot(nameOrKeywords), 'browse', 0, needed - ordered.length));
    }
    return ordered;
  }

  /**
   * The members with every term in the name. A Chinese term is in the indexed name exactly when the name contains
   * it (its grams form a phrase only inside one run of characters). A phrase of grams costs FTS5 the position
   * lists of every gram, most of them common (研究, 中心), so a query of Chinese terms with a phrase among them is
   * checked against the names in memory; one gram alone is cheaper to look up in the index. When the members are
   * every direct match (`complete`), the names that passed are every name match, kept as the index's answer.
   */
  private nameTier(terms: QueryTerm[], members: PositionSet, complete: boolean): PositionSet {
    if (terms.every((term) => term.kind === 'han') && terms.some((term) => Array.from(term.text).length > 2)) {
      const expression = expressionOf(NAME_COLUMNS, terms);
      const kept = this.cache.get(expression);
      if (kept) return members.and(kept);
      const texts = terms.map((term) => term.text);
      const named = members.filter((pos) => this.store.nameHoldsAll(pos, texts));
      if (complete) this.cache.put(expression, named, true);
      return named;
    }
    return members.and(this.matching(NAME_COLUMNS, terms));
  }

  private answer(page: number[], total: number, facets: EngineResult['facets']): EngineResult {
    return { keys: page.map((pos) => keyOf(this.store.rowidAt(pos))), total, facets };
  }
}

/** The expression of every term in one of `columns`, a term alone or several in one scan. */
function expressionOf(columns: Columns, terms: QueryTerm[]): string {
  return terms.length === 1 ? termMatch(columns, terms[0]!, true) : columnMatch(columns, terms);
}

/** A query of Latin words is matched in the English name: its closeness is the English name's length. */
function closenessOrder(terms: QueryTerm[]): OrderName {
  return terms.every((term) => term.kind === 'word') ? 'closest-en' : 'closest-zh';
}

function orderOf(query: EngineQuery): OrderName {
  if (query.sort === 'name') return query.lang === 'en' ? 'name-en' : 'name-zh';
  if (query.sort === 'updated') return 'updated';
  return 'browse';
}
