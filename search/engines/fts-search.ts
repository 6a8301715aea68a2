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

/** One tier of matches: how many the index holds, and how to rank them. */
interface Tier {
  matched: number;
  expression: string;
  ranked: Statement;
  /** The same order, only its first `?` rows. */
  rankedTop: Statement;
  /** The expression of its name matches, for coarse ordering. */
  nameExpression?: string;
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
    const directExpression = directMatch(query.terms);
    const directPositions = this.matching(directExpression);
    const pinyinExpression = pinyinMatch(query.terms);
    const pinyinPositions = pinyinExpression ? this.store.without(this.matching(pinyinExpression), directPositions) : [];
    const candidates = directPositions.concat(pinyinPositions);
    const { results, facets, firstPart } = this.store.select(candidates, query.filters, query.available, directPositions.length, query.facets !== false);
    if (query.sort !== 'relevance') return this.answer(this.store.pageInOrder(results, orderOf(query), query.offset, query.limit), results.length, facets);
    const tiers: Tier[] = [
      { matched: directPositions.length, expression: directExpression, ranked: this.directRanked, rankedTop: this.directTop, nameExpression: columnMatch(['name'], query.terms) },
      { matched: pinyinPositions.length, expression: pinyinExpression ?? '', ranked: this.pinyinRanked, rankedTop: this.pinyinTop },
    ];
    const page = this.relevancePage(query, tiers, [results.slice(0, firstPart), results.slice(firstPart)]);
    return this.answer(page, results.length, facets);
  }

  private matching(expression: string): number[] {
    return this.store.positionsOf(JSON.parse(this.ids.get(expression) as string) as number[]);
  }

  /** The page of the ranked answer, ranking a tier only when the page reaches it. */
  private relevancePage(query: EngineQuery, tiers: Tier[], members: number[][]): number[] {
    const end = query.offset + query.limit;
    const ordered: number[] = [];
    tiers.forEach((tier, i) => {
      if (ordered.length < end && members[i]!.length) ordered.push(...this.orderTier(tier, members[i]!, end - ordered.length));
    });
    return ordered.slice(query.offset, end);
  }

  /** A tier's filtered members in relevance order: all of them, or at least the first `needed`. */
  private orderTier(tier: Tier, members: number[], needed: number): number[] {
    if (tier.matched <= this.rankLimit) return this.rankedMembers(tier, members, needed);
    const [named, rest] = this.store.partition(members, tier.nameExpression ? this.matching(tier.nameExpression) : []);
    const first = this.store.pageInOrder(named, 'browse', 0, needed);
    return first.length >= needed ? first : first.concat(this.store.pageInOrder(rest, 'browse', 0, needed - first.length));
  }

  /**
   * The tier's members in bm25 order, at least the first `needed`. The best rows of the whole tier are asked for
   * first, as many as the share of matches that pass the filters says should hold `needed` members, with a
   * margin; both queries share one total order, so that prefix is exact. Only when it falls short is every
   * match ranked.
   */
  private rankedMembers(tier: Tier, members: number[], needed: number): number[] {
    const depth = Math.ceil((needed * tier.matched * 1.25) / members.length) + 16;
    if (depth < tier.matched) {
      const top = tier.rankedTop.all(tier.expression, depth) as number[];
      const found = this.store.intersectInOrder(this.store.positionsOf(top), members);
      if (found.length >= needed || top.length < depth) return found;
    }
    return this.store.intersectInOrder(this.store.positionsOf(tier.ranked.all(tier.expression) as number[]), members);
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
