/** Where each document sits in the attribute store: its rowid (see `doc-rowid.ts`) → its position. */

/**
 * Rowids below this are looked up in a dense array (4 bytes each, grown to the largest rowid seen: 16 MB at
 * most); the rare larger ones (a listing restored under a large id) in a map, so one such id costs no memory.
 */
const DENSE_ROWIDS = 1 << 22;

/** SQL that reads the rowids of a match set packed for `positionsOfPacked`: one blob instead of a row or a number each. */
export const ROWIDS_PACKED = "unhex(group_concat(printf('%012x', rowid), ''))";

/** Rowid → position; rowids are dense, so an array beats a map for all but the rare large ones. */
export class RowidIndex {
  private dense = new Int32Array(0).fill(-1);
  private readonly sparse = new Map<number, number>();

  get(rowid: number): number | undefined {
    if (rowid >= DENSE_ROWIDS) return this.sparse.get(rowid);
    const pos = rowid < this.dense.length ? this.dense[rowid]! : -1;
    return pos >= 0 ? pos : undefined;
  }

  set(rowid: number, pos: number): void {
    if (rowid >= DENSE_ROWIDS) {
      this.sparse.set(rowid, pos);
      return;
    }
    if (rowid >= this.dense.length) {
      const next = new Int32Array(Math.min(Math.max(rowid + 1, this.dense.length * 2, 1024), DENSE_ROWIDS)).fill(-1);
      next.set(this.dense);
      this.dense = next;
    }
    this.dense[rowid] = pos;
  }

  delete(rowid: number): void {
    if (rowid >= DENSE_ROWIDS) this.sparse.delete(rowid);
    else if (rowid < this.dense.length) this.dense[rowid] = -1;
  }

  clear(): void {
    this.dense.fill(-1);
    this.sparse.clear();
  }

  /**
   * Positions of packed rowids (6 bytes each, big-endian, as `ROWIDS_PACKED` reads them), in their order;
   * rowids not held are skipped. Decoding straight into positions keeps a match set of tens of thousands of
   * ids off the JavaScript heap (no array of rowids, no JSON).
   */
  positionsOfPacked(packed: Uint8Array | null): Int32Array {
    if (!packed) return new Int32Array(0);
    const out = new Int32Array(Math.floor(packed.length / 6));
    const dense = this.dense;
    let n = 0;
    for (let at = 0; at + 6 <= packed.length; at += 6) {
      // Big-endian: two high bytes (zero below 2^32), then four low ones.
      const high = (packed[at]! << 8) | packed[at + 1]!;
      const low = ((packed[at + 2]! << 24) | (packed[at + 3]! << 16) | (packed[at + 4]! << 8) | packed[at + 5]!) >>> 0;
      const rowid = high * 0x1_0000_0000 + low;
      const pos = rowid < dense.length ? dense[rowid]! : rowid >= DENSE_ROWIDS ? (this.sparse.get(rowid) ?? -1) : -1;
      if (pos >= 0) out[n++] = pos;
    }
    return out.subarray(0, n);
  }
}
