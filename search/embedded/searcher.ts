/**
 * A search over the embedded index. Each term's match set (any of its forms, its pinyin, and, when it matches
 * nothing, its typo corrections) is read from FTS5 or kept from an earlier search until the index changes; the
 * query's matches are their intersection, and when fewer than a handful have every term, the least informative
 * terms are left out one by one and the listings that match the rest follow. The attribute store filters and
 * counts facets; the page is built tier by tier (see `ranking.ts`). Every set is a bitset and nothing scores every
 * match, so once its sets are kept, a query matching a third of the directory costs a few thousand word operations
 * and a walk over its matches to count facets.
 */
import type { Db } from '../../server/db/connection.js';
import type { EngineQuery, EngineResult } from '../core/engine.js';
import type { SearchTerm } from '../analysis/query-analysis.js';
import type { AttributeStore, OrderName } from './attribute-store.js';
import { DIRECT_COLUMNS, LABEL_PINYIN_COLUMNS, pinyinMatch, PINYIN_COLUMNS, termIsCostly, termMatch } from './match-expressions.js';
import { HANDFUL, relax } from './relax.js';
import { codesLabelled } from '../analysis/labels.js';
import { MIN_STEMMED } from '../analysis/analysis.js';
import { stemmer } from 'stemmer';
import type { MatchCache } from './match-cache.js';
import { keyOfRowid } from './doc-rowid.js';
import { PositionSet } from './position-set.js';
import { Ranking, type TermSets } from './ranking.js';
import { ROWIDS_PACKED } from './rowid-index.js';
import type { Vocabulary } from './vocabulary.js';
import { wordParts } from '../analysis/segment.js';

/** Runs one search over the embedded index: match, filter and count, then order the page. */
export class FtsSearch {
  private readonly ids;

  constructor(
    db: Db,
    private readonly store: AttributeStore,
    private readonly cache: MatchCache,
    private readonly vocabulary: Vocabulary,
  ) {
    this.ids = db.prepare<[string], Buffer | null>(`SELECT ${ROWIDS_PACKED} FROM search_fts WHERE search_fts MATCH ?`).pluck();
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
    const exact = this.correctRareWords(query.terms, sets);
    const { layers, ignored } = relax(query.terms, sets, exact);
    const candidates = layers.reduce<PositionSet | null>((all, layer) => (all ? all.or(layer.members) : layer.members), null)!;
    const { results, facets } = this.store.select(candidates, query.filters, query.available, countFacets);
    const unfiltered = results.size === candidates.size;
    const complete = layers.filter((l) => l.active.length === query.terms.length).reduce((n, l) => n + (unfiltered ? l.members.size : results.and(l.members).size), 0);
    const answer = (page: number[]) => ({ ...this.answer(page, results.size, facets), ...(ignored.length && results.size ? { ignored, complete } : {}) });
    if (query.sort !== 'relevance') return answer(this.store.pageInOrder(results, orderOf(query), query.offset, query.limit));
    const end = query.offset + query.limit;
    const ranking = new Ranking(this.store, (expression, costly) => this.matchSet(expression, costly), query, this.labelled(query.text));
    const ordered: number[] = [];
    for (const layer of layers) {
      if (ordered.length >= end) break;
      const members = unfiltered ? layer.members : results.and(layer.members);
      const active = layer.active.map((i) => ({ term: query.terms[i]!, sets: sets[i]! }));
      ordered.push(...ranking.order(active, members, end - ordered.length));
    }
    return answer(ordered.slice(query.offset, end));
  }

  /** The listings carrying a code whose label the query is exactly (`院士`, `Key laboratory`), or null. */
  private labelled(text: string | undefined): PositionSet | null {
    const codes = text ? codesLabelled(text) : [];
    if (!codes.length) return null;
    return codes.map(({ param, code }) => this.store.select(null, { [param]: [code] }, false, false).results).reduce((all, set) => all.or(set));
  }

  /**
   * When fewer than a handful of listings hold every term, words of five letters or more that few listings hold
   * may be typos of words many hold (`mechanized` for `mechanised`): their corrections are added before any word
   * is left out. Returns the listings with every term as typed (they come first), or undefined when nothing changed.
   */
  private correctRareWords(terms: SearchTerm[], sets: TermSets[]): PositionSet | undefined {
    if (terms.length < 2) return undefined;
    const exact = sets.map((s) => s.any).sort((a, b) => a.size - b.size).reduce((all, set) => all.and(set));
    if (exact.size >= HANDFUL) return undefined;
    let changed = false;
    terms.forEach((term, i) => {
      if (term.kind !== 'word' || term.typos || sets[i]!.any.size >= HANDFUL) return;
      const corrections = this.vocabulary.corrections(term.text);
      if (!corrections.length) return;
      this.addCorrections(term, corrections);
      sets[i] = this.readSets(term);
      changed = true;
    });
    return changed ? exact : undefined;
  }

  /**
   * A term's match sets: its forms in the direct columns, and its pinyin. A word that matches nothing takes the
   * words of the index at one or two typos as its forms (so it ranks like the word it was meant to be); a Chinese
   * word of three or more characters that matches nothing is taken as its parts (`工程中心` → 工程, 中心).
   */
  private termSets(terms: SearchTerm[], i: number): TermSets {
    const term = terms[i]!;
    let sets = this.readSets(term);
    if (!sets.any.size && term.kind === 'word' && !term.typos) {
      const corrections = this.vocabulary.corrections(term.text);
      if (corrections.length) {
        this.addCorrections(term, corrections);
        sets = this.readSets(term);
      }
    }
    const parts = !sets.direct.size && term.kind === 'han' && term.forms.length === 1 ? partsOf(term.text) : [];
    if (parts.length > 1) {
      terms.splice(i, 1, ...parts);
      return this.termSets(terms, i);
    }
    return sets;
  }

  /** A word's corrections become its forms, with their stems (a corrected plural finds its singular too). */
  private addCorrections(term: SearchTerm, corrections: string[]): void {
    const words = [...new Set(corrections.flatMap((word) => [word, ...(word.length >= MIN_STEMMED ? [stemmer(word)] : [])]))];
    term.typos = words.map((word) => ({ kind: 'words', words: [word], prefix: false }));
    term.forms = [...term.forms, ...term.typos];
    term.pinyin = [...term.pinyin, ...corrections];
  }

  private readSets(term: SearchTerm): TermSets {
    const costly = termIsCostly(term) || Boolean(term.typos);
    const direct = this.matchSet(termMatch(DIRECT_COLUMNS, term), costly);
    if (!term.pinyin.length) return { direct, namePinyin: () => null, any: direct };
    // One scan for the pinyin of names and labels; the names' alone only when the page reaches the pinyin tier.
    const pinyin = this.matchSet(pinyinMatch([...PINYIN_COLUMNS, ...LABEL_PINYIN_COLUMNS], term), costly || term.last);
    let names: PositionSet | undefined;
    const namePinyin = () => (names ??= this.matchSet(pinyinMatch(PINYIN_COLUMNS, term), costly || term.last));
    return { direct, namePinyin, any: pinyin.size ? direct.or(pinyin) : direct };
  }

  /** The match set of an expression, from the cache or read from the index (and kept when it is large or `costly`). */
  private matchSet(expression: string, costly: boolean): PositionSet {
    const kept = this.cache.get(expression);
    if (kept) return kept;
    const set = PositionSet.of(this.store.positionsOfPacked(this.ids.get(expression) ?? null), this.store.bound);
    this.cache.put(expression, set, costly);
    return set;
  }

  private answer(page: number[], total: number, facets: EngineResult['facets']): EngineResult {
    return { keys: page.map((pos) => keyOfRowid(this.store.rowidAt(pos))), total, facets };
  }
}

/** The parts of a Chinese word that matched nothing, as terms (see `wordParts`). */
function partsOf(text: string): SearchTerm[] {
  return wordParts(text).map((part) => ({ kind: 'han', text: part, forms: [{ kind: 'han', text: part }], pinyin: [], last: false }));
}

function orderOf(query: EngineQuery): OrderName {
  if (query.sort === 'name') return query.lang === 'en' ? 'name-en' : 'name-zh';
  if (query.sort === 'updated') return 'updated';
  return 'browse';
}
