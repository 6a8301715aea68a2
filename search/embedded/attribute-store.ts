/**
 * The filter, facet and sort attributes of every indexed document, in memory: facet codes as columns and bitsets
 * (filters and counts in a fraction of a millisecond at 100,000 documents), sort keys as typed columns behind
 * stored orders.
 */
import type { FacetParam } from '../../server/collections/facets.js';
import { FacetIndex, type Selection } from './facet-index.js';
import { RowidIndex } from './rowid-index.js';
import { SortedOrder } from './sorted-order.js';
import { PositionSet, type Positions } from './position-set.js';
import type { SearchDocument } from '../core/documents.js';
import { nameOfSortKey } from '../analysis/pinyin.js';
import { nameKey } from '../analysis/analysis.js';

/** The attributes of one document, as the store keeps them. */
export type DocAttributes = { rowid: number; nameLength: number; nameEnLength: number } & Pick<
  SearchDocument,
  'facets' | 'available' | 'boost' | 'sortName' | 'sortNameEn' | 'updatedAt'
>;

/**
 * The stored orders: the default browse order, names in each language, latest update first, and closeness
 * (quality, then the shortest Chinese or English name, then the browse order): a query found in a short name is closer to
 * the whole of that name than the same query in a long one.
 */
export type OrderName = 'browse' | 'name-zh' | 'name-en' | 'updated' | 'closest-zh' | 'closest-en';
const ORDER_NAMES: OrderName[] = ['browse', 'name-zh', 'name-en', 'updated', 'closest-zh', 'closest-en'];


/** The `k` lowest ranks of `positions`, ascending: a max-heap of the `k` lowest seen, then a numeric sort. */
function lowest(positions: Positions, rank: Uint32Array, k: number): Uint32Array {
  const heap = new Uint32Array(k);
  let n = 0;
  for (const pos of positions) {
    const r = rank[pos]!;
    if (n < k) {
      // Sift up.
      let i = n++;
      while (i > 0 && heap[(i - 1) >> 1]! < r) {
        heap[i] = heap[(i - 1) >> 1]!;
        i = (i - 1) >> 1;
      }
      heap[i] = r;
    } else if (r < heap[0]!) {
      // Replace the largest, sift down.
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= k) break;
        const child = left + 1 < k && heap[left + 1]! > heap[left]! ? left + 1 : left;
        if (heap[child]! <= r) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = r;
    }
  }
  return heap.subarray(0, n).sort();
}

/** Every document's attributes, with filtering, facet counting and stored orders. */
export class AttributeStore {
  private capacity = 0;
  private used = 0;
  private readonly free: number[] = [];
  private readonly positions = new RowidIndex();
  private count = 0;
  private rowids = new Float64Array(0);
  private readonly facets = new FacetIndex();
  private boost = new Uint8Array(0);
  private updatedAt = new Float64Array(0);
  private nameLength = new Uint16Array(0);
  private nameEnLength = new Uint16Array(0);
  private sortName: string[] = [];
  private sortNameEn: string[] = [];
  /** The Chinese name (a slice of its sort key, so no copy). */
  private names: string[] = [];
  /**
   * The names' keys (see `nameKey`), made when an exact name is first looked for among names of their length: making
   * a key folds the name and reads it through OpenCC, several microseconds a name.
   */
  private nameKeys: (string | undefined)[] = [];
  private nameEnKeys: (string | undefined)[] = [];
  private readonly orders: Record<OrderName, SortedOrder>;

  constructor() {
    this.grow(1024);
    const every = () => Array.from(this.facets.all().positions());
    this.orders = Object.fromEntries(ORDER_NAMES.map((name) => [name, new SortedOrder(this.comparator(name), every)])) as Record<OrderName, SortedOrder>;
  }

  get size(): number {
    return this.count;
  }

  /** Every position is below this bound (the bound of a position set over the store). */
  get bound(): number {
    return this.used;
  }

  /** Adds or replaces a document's attributes. */
  set(doc: DocAttributes): void {
    let pos = this.positions.get(doc.rowid);
    if (pos === undefined) {
      pos = this.free.pop() ?? this.used++;
      if (pos >= this.capacity) this.grow(this.capacity * 2);
      this.positions.set(doc.rowid, pos);
      this.count++;
    } else {
      for (const name of ORDER_NAMES) this.orders[name].remove(pos);
    }
    this.rowids[pos] = doc.rowid;
    this.facets.set(pos, doc);
    this.boost[pos] = doc.boost;
    this.updatedAt[pos] = doc.updatedAt;
    this.nameLength[pos] = Math.min(doc.nameLength, 0xffff);
    this.nameEnLength[pos] = Math.min(doc.nameEnLength, 0xffff);
    this.sortName[pos] = doc.sortName;
    this.names[pos] = nameOfSortKey(doc.sortName);
    this.nameKeys[pos] = undefined;
    this.nameEnKeys[pos] = undefined;
    this.sortNameEn[pos] = doc.sortNameEn;
    for (const name of ORDER_NAMES) this.orders[name].insert(pos);
  }

  remove(rowid: number): void {
    const pos = this.positions.get(rowid);
    if (pos === undefined) return;
    for (const name of ORDER_NAMES) this.orders[name].remove(pos);
    this.positions.delete(rowid);
    this.count--;
    this.facets.unset(pos);
    this.free.push(pos);
  }

  clear(): void {
    this.positions.clear();
    this.count = 0;
    this.free.length = 0;
    this.used = 0;
    this.facets.clear();
    for (const name of ORDER_NAMES) this.orders[name].invalidate();
  }

  rowidAt(pos: number): number {
    return this.rowids[pos]!;
  }

  /** Positions of a packed match set (see `RowidIndex.positionsOfPacked`). */
  positionsOfPacked(packed: Uint8Array | null): Positions {
    return this.positions.positionsOfPacked(packed);
  }

  /**
   * The `candidates` (every document when null) that pass the filters, and the disjunctive facet counts (empty
   * without `countFacets`).
   */
  select(candidates: PositionSet | null, filters: Partial<Record<FacetParam, string[]>>, available: boolean, countFacets = true): Selection {
    return this.facets.select(candidates, filters, available, countFacets);
  }

  /**
   * One page of `members` in a stored order. When the page is likely to be found early in the order (members are
   * many and the page is short), the order is walked until the page is full; otherwise the members' ranks are read
   * and the lowest kept (members gathered at the end of the order, such as one collection in the browse order, or
   * a few thousand members).
   */
  pageInOrder(members: Positions | PositionSet, order: OrderName, offset: number, limit: number): number[] {
    const stored = this.orders[order];
    const size = members instanceof PositionSet ? members.size : members.length;
    const wanted = Math.min(offset + limit, size);
    if (wanted <= 0) return [];
    if (size > 2000 && (wanted * this.count) / size < size / 4) {
      const set = members instanceof PositionSet ? members : PositionSet.of(members, this.used);
      const page: number[] = [];
      let seen = 0;
      for (const pos of stored.sorted()) {
        if (!set.has(pos)) continue;
        if (seen++ >= offset) page.push(pos);
        if (page.length === limit) break;
      }
      return page;
    }
    const list = members instanceof PositionSet ? members.positions() : members;
    const sorted = stored.sorted();
    return Array.from(lowest(list, stored.ranks(this.capacity), wanted).subarray(offset), (r) => sorted[r]!);
  }

  /** True when the Chinese name contains every one of `texts`. */
  nameHoldsAll(pos: number, texts: string[]): boolean {
    const name = this.names[pos]!;
    return texts.every((text) => name.includes(text));
  }

  /** True when the Chinese name contains, for each list of `alternatives`, at least one of them. */
  nameHoldsEach(pos: number, alternatives: string[][]): boolean {
    const name = this.names[pos]!;
    return alternatives.every((texts) => texts.some((text) => name.includes(text)));
  }

  /**
   * The members whose Chinese or English name is `key` (see `nameKey`). Only names of about the key's length are
   * compared, so a broad name tier costs one comparison of lengths per member.
   */
  withNameKey(members: PositionSet, key: string): PositionSet {
    // A key drops spaces and punctuation only: a name with the same key is at least as long, and not much longer.
    const longest = Math.ceil(key.length * 1.3) + 4;
    return members.filter((pos) => {
      const zh = this.nameLength[pos]!;
      if (zh >= key.length && zh <= longest && (this.nameKeys[pos] ??= nameKey(this.names[pos]!)) === key) return true;
      const en = this.nameEnLength[pos]!;
      if (en < key.length || en > longest) return false;
      const sortKey = this.sortNameEn[pos]!;
      return (this.nameEnKeys[pos] ??= nameKey(sortKey.slice(sortKey.indexOf('\u0001') + 1))) === key;
    });
  }

  private comparator(order: OrderName): (a: number, b: number) => number {
    const byId = (a: number, b: number) => this.facets.collectionAt(a) - this.facets.collectionAt(b) || this.rowids[a]! - this.rowids[b]!;
    const byText = (keys: () => string[]) => (a: number, b: number) => {
      const ka = keys()[a]!;
      const kb = keys()[b]!;
      return ka < kb ? -1 : ka > kb ? 1 : byId(a, b);
    };
    if (order === 'name-zh') return byText(() => this.sortName);
    if (order === 'name-en') return byText(() => this.sortNameEn);
    if (order === 'updated') return (a, b) => this.updatedAt[b]! - this.updatedAt[a]! || byId(a, b);
    const name = byText(() => this.sortName);
    const browse = (a: number, b: number) => this.boost[a]! - this.boost[b]! || this.facets.collectionAt(a) - this.facets.collectionAt(b) || name(a, b);
    // Quality before closeness: a national platform of the report before a sample with a shorter name.
    if (order === 'closest-zh') return (a, b) => this.boost[a]! - this.boost[b]! || this.nameLength[a]! - this.nameLength[b]! || browse(a, b);
    if (order === 'closest-en') return (a, b) => this.boost[a]! - this.boost[b]! || this.nameEnLength[a]! - this.nameEnLength[b]! || browse(a, b);
    return browse;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(old: T, make: (n: number) => T) => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.rowids = copy(this.rowids, (n) => new Float64Array(n));
    this.facets.grow(capacity);
    this.boost = copy(this.boost, (n) => new Uint8Array(n));
    this.updatedAt = copy(this.updatedAt, (n) => new Float64Array(n));
    this.nameLength = copy(this.nameLength, (n) => new Uint16Array(n));
    this.nameEnLength = copy(this.nameEnLength, (n) => new Uint16Array(n));
    this.capacity = capacity;
  }
}
