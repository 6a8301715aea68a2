/**
 * Optional words: when fewer than a handful of listings hold every term of a query, the least informative terms
 * are left out until more appear, and the listings that hold fewer of the query's terms follow those that hold more.
 */
import type { SearchTerm } from '../analysis/query-analysis.js';
import type { PositionSet } from './position-set.js';
import type { TermSets } from './ranking.js';

/** Fewer listings than this with every term: terms are left out until more appear (Meilisearch's optional words). */
export const HANDFUL = 3;

/** The terms kept at one step, and the listings of the answer that come at that step. */
export interface Layer {
  active: number[];
  members: PositionSet;
}

function intersect(sets: PositionSet[]): PositionSet {
  return [...sets].sort((a, b) => a.size - b.size).reduce((all, set) => all.and(set));
}

/**
 * Words people add to a search for what they want done rather than what they look for (`合作`, `联系方式`, `apply`):
 * when not every word can be matched, these go first.
 */
const REQUEST_WORDS = new Set([
  '合作', '联系', '联系方式', '方式', '电话', '申请', '咨询', '查询', '推荐', '寻找', '找', '需要', '需求', '有关', '相关', '哪里', '哪些', '怎么', '如何', '对接',
  'apply', 'application', 'contact', 'contacts', 'find', 'looking', 'need', 'needs', 'want', 'search', 'about', 'help', 'near', 'cooperation', 'partner', 'partners', 'please',
]);

/** Lower is left out first: a term that matches nothing, then a request word, then the one matching the most listings. */
function informativeness(term: SearchTerm, sets: TermSets): number {
  if (sets.any.size === 0) return -Infinity;
  return REQUEST_WORDS.has(term.text) ? -1e9 : -sets.any.size;
}

/**
 * The layers of an answer. `exact`: the listings with every term without typo corrections, when corrections were
 * added to find more; they come first. Then the listings with every term; then, while fewer than a handful, terms
 * are left out: those that match nothing, then, least informative first (see `informativeness`), each whose leaving
 * out finds more listings, until a handful are found. Those follow, ordered by how many of the left-out terms they
 * still hold, the rarer terms first. `ignored`: the terms left out.
 */
export function relax(terms: SearchTerm[], sets: TermSets[], exact?: PositionSet): { layers: Layer[]; ignored: string[] } {
  const all = terms.flatMap((term, index) => {
    const termSets = sets[index];
    return termSets ? [{ index, term, termSets, any: termSets.any }] : [];
  });
  const indexes = all.map((t) => t.index);
  const full = intersect(all.map((t) => t.any));
  const layers: Layer[] = exact?.size && exact.size < full.size ? [{ active: indexes, members: exact }, { active: indexes, members: full.andNot(exact) }] : [{ active: indexes, members: full }];
  if (terms.length < 2 || full.size >= HANDFUL) return { layers, ignored: [] };
  const dropOrder = [...all].sort((a, b) => informativeness(a.term, a.termSets) - informativeness(b.term, b.termSets));
  // A term that matches nothing is always left out; another only when leaving it out finds more listings.
  let active = all.filter((t) => t.any.size > 0);
  if (!active.length) return { layers, ignored: [] };
  let current = intersect(active.map((t) => t.any));
  for (const drop of dropOrder) {
    if (current.size >= HANDFUL || active.length === 1 || !active.includes(drop)) continue;
    const next = active.filter((t) => t !== drop);
    const members = intersect(next.map((t) => t.any));
    if (members.size === current.size) continue;
    active = next;
    current = members;
  }
  if (current.size === full.size) return { layers, ignored: [] };
  const wider = current;
  const kept = active;
  const keptIndexes = kept.map((t) => t.index);
  // The left-out terms, rarest first: a listing's rank among the rest is the list of those it holds, read as bits.
  const left = dropOrder.filter((t) => !kept.includes(t)).reverse();
  const score = (pos: number) => {
    let held = 0;
    let bits = 0;
    left.forEach((t, k) => {
      if (t.any.has(pos)) {
        held++;
        bits |= 1 << (left.length - 1 - k);
      }
    });
    return held * 65536 + bits;
  };
  const rest = wider.andNot(full);
  const scores = new Map<number, number>();
  rest.positions().forEach((pos) => scores.set(pos, score(pos)));
  for (const value of [...new Set(scores.values())].sort((a, b) => b - a)) {
    layers.push({ active: keptIndexes, members: rest.filter((pos) => scores.get(pos) === value) });
  }
  return { layers, ignored: left.map((t) => t.term.text).reverse() };
}
