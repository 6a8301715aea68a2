/**
 * A search over the embedded index: FTS5 finds the matching documents, the attribute store filters them and
 * counts facets, and the page is ordered by relevance (bm25 with column weights, direct matches before
 * pinyin-only matches) or by a stored order.
 */
import type { Statement } from 'better-sqlite3';
import { COLLECTION_NAMES } from '../../server/collections/define.js';
import type { Db } from '../../server/db/connection.js';
import type { DocKey, EngineQuery, EngineResult } from '../engine.js';
import type { AttributeStore, OrderName } from './attribute-store.js';
import type { QueryTerm } from '../analysis.js';
import { columnMatch, directMatch, pinyinMatch } from './fts-query.js';

/** bm25 weights of name, keywords (host, affiliation, expertise…), summary and pinyin. */
const DIRECT_WEIGHTS = '10.0, 4.0, 1.0, 0.0';
const PINYIN_WEIGHTS = '0.0, 0.0, 0.0, 1.0';
/**
 * Above this many matches, scoring every match costs more than it tells (a query of one letter matches
 * nearly everything): such a tier is ordered coarsely, name matches first, each part in the browse order.
 */
export const RANK_LIMIT = 20_000;

/** The listing a rowid stands for: the listing id, with the collection's registry position in the low 4 bits. */
export function keyOf(rowid: number): DocKey {
  return { collection: COLLECTION_NAMES[rowid % 16]!, listingId: Math.floor(rowid / 16) };
}

/**
 * The column tiers of direct matches, each holding the one before it: every term in the name, then every term in
 * the name or keywords (host, affiliation…), then anywhere. A tier lists only documents no earlier tier holds.
 */
const COLUMN_TIERS = [['name'], ['name', 'keywords'], ['name', 'keywords', 'summary']] as const;

/** How to rank one tier: its match expression and the bm25 statements (all rows, or only the first `?`). */
interface Ranking {
  expression: string;
  ranked: Statement;
  rankedTop: Statement;
}

/** A tier's members in bm25 order, and how many index rows its expression matched when they were all ranked. */
interface Ranked {
  found: number[];
  /** Rows of the whole index the expression matched, when every one was ranked; else null. */
  rows: number | null;
}

/** Runs one search over the embedded index: match, filter and count, then order the page. */
export class FtsSearch {
  private readonly ids: Statement;
  private readonly directRanked: Statement;
  private readonly pinyinRanked: Statement;
  private readonly directTop: Statement;
  private readonly pinyinTop: Statement;

  constructor(
    db: Db,
    private readonly store: AttributeStore,
    private readonly rankLimit = RANK_LIMIT,
  ) {
    const ranked = (weights: string, limit = '') =>
      db.prepare(`SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY bm25(search_fts, ${weights}), rowid${limit}`).pluck();
    // One JSON array instead of a row per match: half the cost when a query matches tens of thousands.
    this.ids = db.prepare('SELECT json_group_array(rowid) FROM search_fts WHERE search_fts MATCH ?').pluck();
    this.directRanked = ranked(DIRECT_WEIGHTS);
    this.pinyinRanked = ranked(PINYIN_WEIGHTS);
    // With a LIMIT, SQLite keeps only the best rows while it sorts: no row past the page reaches JavaScript.
    this.directTop = ranked(DIRECT_WEIGHTS, ' LIMIT ?');
    this.pinyinTop = ranked(PINYIN_WEIGHTS, ' LIMIT ?');
  }

  search(query: EngineQuery): EngineResult {
    if (!query.terms.length) {
      const { results, facets } = this.store.select(this.store.allPositions(), query.filters, query.available, undefined, query.facets !== false);
      return this.answer(this.store.pageInOrder(results, orderOf(query), query.offset, query.limit), results.length, facets);
    }
    const directPositions = this.matching(directMatch(query.terms));
    const pinyinExpression = pinyinMatch(query.terms);
    const pinyinPositions = pinyinExpression ? this.store.without(this.matching(pinyinExpression), directPositions) : [];
    const candidates = directPositions.concat(pinyinPositions);
    const { results, facets, firstPart } = this.store.select(candidates, query.filters, query.available, directPositions.length, query.facets !== false);
    if (query.sort !== 'relevance') return this.answer(this.store.pageInOrder(results, orderOf(query), query.offset, query.limit), results.length, facets);
    const end = query.offset + query.limit;
    const ordered = this.directOrder(query.terms, results.slice(0, firstPart), directPositions.length, end);
    const pinyinMembers = results.slice(firstPart);
    if (ordered.length < end && pinyinMembers.length) {
      const pinyin = { expression: pinyinExpression ?? '', ranked: this.pinyinRanked, rankedTop: this.pinyinTop };
      const needed = end - ordered.length;
      const found = pinyinPositions.length > this.rankLimit
        ? this.store.pageInOrder(pinyinMembers, 'browse', 0, needed)
        : this.rankedMembers(pinyin, pinyinMembers, needed, this.depth(needed, pinyinPositions.length, pinyinMembers.length)).found;
      ordered.push(...found);
    }
    return this.answer(ordered.slice(query.offset, end), results.length, facets);
  }

  private matching(expression: string): number[] {
    return this.store.positionsOf(JSON.parse(this.ids.get(expression) as string) as number[]);
  }

  /**
   * The direct matches that pass the filters, at least the first `needed`, tier by column tier, bm25 within a tier.
   * A tier is ranked only when the page reaches it, so a page of name matches never scores the summary matches.
   * Above the rank limit they are ordered coarsely: name matches first, each part in the browse order.
   */
  private directOrder(terms: QueryTerm[], members: number[], matched: number, needed: number): number[] {
    if (!members.length) return [];
    if (matched > this.rankLimit) {
      const [named, rest] = this.store.partition(members, this.matching(columnMatch(['name'], terms)));
      const first = this.store.pageInOrder(named, 'browse', 0, needed);
      return first.length >= needed ? first : first.concat(this.store.pageInOrder(rest, 'browse', 0, needed - first.length));
    }
    const ordered: number[] = [];
    let remaining = members;
    // Rows of earlier tiers match every later expression too, mostly near its top: the next prefix must reach past them.
    let earlierRows = 0;
    for (const columns of COLUMN_TIERS) {
      if (ordered.length >= needed || !remaining.length) break;
      const tier = { expression: columnMatch(columns, terms), ranked: this.directRanked, rankedTop: this.directTop };
      const wanted = needed - ordered.length;
      const { found, rows } = this.rankedMembers(tier, remaining, wanted, earlierRows + this.depth(wanted, matched, members.length));
      ordered.push(...found);
      if (rows === null) break;
      remaining = this.store.without(remaining, found);
      earlierRows = rows;
    }
    return ordered;
  }

  /** Rows to ask for so that, at the share of matches that pass the filters, `needed` members are among them. */
  private depth(needed: number, matched: number, members: number): number {
    return Math.ceil((needed * matched * 1.25) / members) + 16;
  }

  /**
   * `members` in the bm25 order of the tier's expression (those it does not match are left out), at least the
   * first `needed`. The best `depth` rows are asked for first; both queries share one total order, so that prefix
   * is exact. Only when it falls short is every match ranked.
   */
  private rankedMembers(tier: Ranking, members: number[], needed: number, depth: number): Ranked {
    const top = tier.rankedTop.all(tier.expression, depth) as number[];
    const found = this.store.intersectInOrder(this.store.positionsOf(top), members);
    if (top.length < depth) return { found, rows: top.length };
    if (found.length >= needed) return { found, rows: null };
    const all = tier.ranked.all(tier.expression) as number[];
    return { found: this.store.intersectInOrder(this.store.positionsOf(all), members), rows: all.length };
  }

  private answer(page: number[], total: number, facets: EngineResult['facets']): EngineResult {
    return { keys: page.map((pos) => keyOf(this.store.rowidAt(pos))), total, facets };
  }
}

function orderOf(query: EngineQuery): OrderName {
  if (query.sort === 'name') return query.lang === 'en' ? 'name-en' : 'name-zh';
  if (query.sort === 'updated') return 'updated';
  return 'browse';
}
