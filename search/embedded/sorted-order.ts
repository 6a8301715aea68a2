/**
 * Positions kept sorted by a comparator, updated in place on each change (a binary search and one array move)
 * so that a write does not cost the next search a full sort of every document.
 */

/** After this many changes at once, one full sort is cheaper than moving the array for each. */
const MAX_INCREMENTAL = 1000;

/** Positions in one order, kept sorted as documents change. */
export class SortedOrder {
  private positions: number[] = [];
  private rankOf: Uint32Array | null = null;
  private valid = false;
  private pendingChanges = 0;

  /** `compare` must be a total order (ties broken by a unique key). */
  constructor(
    private readonly compare: (a: number, b: number) => number,
    private readonly allPositions: () => number[],
  ) {}

  /** Forgets the order; the next use sorts every position once. */
  invalidate(): void {
    this.valid = false;
    this.rankOf = null;
  }

  /** Call before a position's sort key changes or it is removed. */
  remove(pos: number): void {
    if (!this.valid) return;
    if (++this.pendingChanges > MAX_INCREMENTAL) return this.invalidate();
    const i = this.indexOf(pos);
    if (i >= 0) this.positions.splice(i, 1);
    this.rankOf = null;
  }

  /** Call after a position was added or its sort key changed. */
  insert(pos: number): void {
    if (!this.valid) return;
    if (++this.pendingChanges > MAX_INCREMENTAL) return this.invalidate();
    this.positions.splice(this.lowerBound(pos), 0, pos);
    this.rankOf = null;
  }

  /** Every position, in order. */
  sorted(): readonly number[] {
    if (!this.valid) {
      this.positions = this.allPositions().sort(this.compare);
      this.valid = true;
    }
    this.pendingChanges = 0;
    return this.positions;
  }

  /** The rank of each position in the order. */
  ranks(capacity: number): Uint32Array {
    const sorted = this.sorted();
    if (!this.rankOf || this.rankOf.length < capacity) {
      this.rankOf = new Uint32Array(capacity);
      for (let i = 0; i < sorted.length; i++) this.rankOf[sorted[i]!] = i;
    }
    return this.rankOf;
  }

  private lowerBound(pos: number): number {
    let lo = 0;
    let hi = this.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(this.positions[mid]!, pos) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(pos: number): number {
    const i = this.lowerBound(pos);
    return this.positions[i] === pos ? i : -1;
  }
}
