/**
 * The order of the listings that match the same terms, best first: when the query is exactly a label, the listings
 * carrying its code; the exact name; every term in the name
 * (quality, then the shortest name); in the name or keywords and labels; anywhere (in those two tiers the terms
 * side by side first, then quality); then only in the pinyin of the name, then of the labels. A word with typos has only its corrections as matches, so
 * it ranks below every listing the query finds without them (the words matched come first). A tier is looked up only when
 * the page reaches it, so a page of name matches never reads the keyword matches.
 */
import { nameKey } from '../analysis/analysis.js';
import type { EngineQuery } from '../core/engine.js';
import type { SearchTerm } from '../analysis/query-analysis.js';
import type { AttributeStore, OrderName } from './attribute-store.js';
import { allTermsMatch, NAME_COLUMNS, NAME_OR_KEYWORD_COLUMNS, phraseMatch, termIsCostly, type Columns } from './match-expressions.js';
import type { PositionSet } from './position-set.js';

/** A term's match sets (see `FtsSearch`). */
export interface TermSets {
  direct: PositionSet;
  /** The listings whose name's pinyin holds the term (read when first asked); null when the term is no pinyin. */
  namePinyin: () => PositionSet | null;
  any: PositionSet;
}

/** A term of the query with its sets. */
export interface ActiveTerm {
  term: SearchTerm;
  sets: TermSets;
}

type MatchSet = (expression: string, costly: boolean) => PositionSet;

/**
 * Up to this many members, Chinese terms are looked for in the names in memory rather than in the index: a scan of
 * the index is kept for the next search, a check in memory is not, so only small sets are checked in memory.
 */
const IN_MEMORY_NAMES = 200;

function intersect(sets: PositionSet[]): PositionSet {
  return [...sets].sort((a, b) => a.size - b.size).reduce((all, set) => all.and(set));
}

/** Orders the members of each layer of one search. */
export class Ranking {
  private readonly key: string;

  constructor(
    private readonly store: AttributeStore,
    private readonly matchSet: MatchSet,
    query: EngineQuery,
    /** The listings carrying a code whose label the query is exactly: they come first. */
    private readonly labelled: PositionSet | null = null,
  ) {
    this.key = nameKey(query.text ?? '');
  }

  /** The first `needed` of `members` (which match every active term) in relevance order. */
  order(active: ActiveTerm[], members: PositionSet, needed: number): number[] {
    const out: number[] = [];
    const take = (set: PositionSet, order: OrderName) => {
      if (out.length < needed && set.size) out.push(...this.store.pageInOrder(set, order, 0, needed - out.length));
      return out.length >= needed;
    };
    let rest = members;
    const closeness: OrderName = active.every((a) => a.term.kind === 'word') ? 'closest-en' : 'closest-zh';
    if (this.labelled) {
      // Those whose name holds the label too come first (`院士专家工作站`: the workstations so named).
      const labelled = members.and(this.labelled);
      const named = this.nameTier(active, labelled.and(intersect(active.map((a) => a.sets.direct))));
      const typed = this.asTyped(active, named);
      if (take(typed, closeness) || take(named.andNot(typed), closeness) || take(labelled.andNot(named), closeness)) return out;
      rest = members.andNot(labelled);
    }
    const direct = rest.and(intersect(active.map((a) => a.sets.direct)));
    if (direct.size && this.directTiers(active, direct, take)) return out;
    rest = rest.andNot(direct);
    // Pinyin of the name before pinyin of the labels only (the county, the fields).
    if (!rest.size) return out;
    const named = rest.and(intersect(active.map((a) => a.sets.namePinyin()?.or(a.sets.direct) ?? a.sets.direct)));
    if (take(named, 'closest-zh')) return out;
    take(rest.andNot(named), 'closest-zh');
    return out;
  }

  /** Exact name, name, name or keywords, anywhere; true when the page is full. */
  private directTiers(active: ActiveTerm[], direct: PositionSet, take: (set: PositionSet, order: OrderName) => boolean): boolean {
    const closeness: OrderName = active.every((a) => a.term.kind === 'word') ? 'closest-en' : 'closest-zh';
    const named = this.nameTier(active, direct);
    const exact = this.key ? this.store.withNameKey(named, this.key) : null;
    if (exact?.size && take(exact, closeness)) return true;
    const phraseExpression = phraseMatch(active.map((a) => a.term));
    let kept: PositionSet | null | undefined;
    // The terms side by side: read only when a tier of more than one listing is to be ordered.
    const phraseOf = (tier: PositionSet) => (tier.size > 1 && phraseExpression ? (kept ??= this.matchSet(phraseExpression, true)) : null);
    const otherNames = exact?.size ? named.andNot(exact) : named;
    // Names holding the words as typed before names holding a synonym or a correction of them.
    const typed = this.asTyped(active, otherNames);
    for (const names of [typed, otherNames.andNot(typed)]) {
      const phrase = phraseOf(names);
      if (phrase && take(names.and(phrase), closeness)) return true;
      if (take(phrase ? names.andNot(phrase) : names, closeness)) return true;
    }
    if (named.size === direct.size) return false;
    const rest = direct.andNot(named);
    const keywords = rest.and(this.allIn(NAME_OR_KEYWORD_COLUMNS, active));
    for (const tier of [keywords, rest.andNot(keywords)]) {
      const phrase = phraseOf(tier);
      if (phrase && take(tier.and(phrase), 'browse')) return true;
      if (take(phrase ? tier.andNot(phrase) : tier, 'browse')) return true;
    }
    return false;
  }

  /**
   * The members with every term in the name. A Chinese form is in the indexed name exactly when the name contains
   * it, so for a few hundred members, Chinese terms are checked against the names in memory.
   */
  private nameTier(active: ActiveTerm[], members: PositionSet): PositionSet {
    if (!members.size) return members;
    const hanOnly = active.every((a) => a.term.forms.every((f) => f.kind === 'han'));
    // A few hundred names are read faster in memory than the terms' lists in the index; more are read from the
    // index once and kept.
    if (hanOnly && members.size <= IN_MEMORY_NAMES) {
      const alternatives = active.map((a) => a.term.forms.map((f) => (f as { text: string }).text));
      return members.filter((pos) => this.store.nameHoldsEach(pos, alternatives));
    }
    return members.and(this.allIn(NAME_COLUMNS, active));
  }

  /** The listings with every term in one of `columns`: one scan for all the terms, kept under its own expression. */
  private allIn(columns: Columns, active: ActiveTerm[]): PositionSet {
    const terms = active.map((a) => a.term);
    return this.matchSet(allTermsMatch(columns, terms), terms.length > 1 || terms.some(termIsCostly));
  }

  /** The name matches whose name holds each term as typed (its first form), not only a synonym or a correction. */
  private asTyped(active: ActiveTerm[], named: PositionSet): PositionSet {
    if (!named.size || active.every((a) => a.term.forms.length === 1)) return named;
    const typed = active.map((a) => ({ ...a, term: { ...a.term, forms: a.term.forms.slice(0, 1) } }));
    return this.nameTier(typed, named);
  }
}
