/**
 * Lists that grow by the hundred thousand without growing the collector's
 * work: numbers in typed arrays, strings as UTF-8 bytes one after another.
 * A catalog's 100,000 paths cost their bytes and 4 bytes each, not 100,000
 * objects for the garbage collector to trace (and to size the heap by) —
 * what keeps `workunit lint`'s memory flat as a catalog grows (issue 20).
 *
 * Both grow by fixed-size blocks, never by copying into a buffer twice the
 * size: a doubled buffer is up to half empty, and the old one stays
 * allocated beside it until the collector frees it — at 100,000 units, 8 MiB
 * of the lint's peak.
 */

/** Numbers per block of an IntList: 16 KiB. */
const INT_BLOCK = 4096;

/** Whole numbers (32-bit signed), appended and read by position. */
export class IntList {
  private readonly blocks: Int32Array[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(n: number): void {
    const at = this.count % INT_BLOCK;
    if (at === 0) this.blocks.push(new Int32Array(INT_BLOCK));
    this.blocks[this.blocks.length - 1][at] = n;
    this.count++;
  }

  get(i: number): number {
    return this.blocks[Math.floor(i / INT_BLOCK)][i % INT_BLOCK];
  }
}

/** Bytes per block of a StringList: 64 KiB. */
const BYTE_BLOCK = 64 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Strings, appended and read by position; each read decodes a new string.
 * A string lies whole in one block; one too long for a block (a path is at
 * most 4 KiB, an id rarely more than a line) gets a block of its own.
 */
export class StringList {
  private readonly blocks: Uint8Array[] = [];
  /** Per block: the position of its first string (a few dozen blocks for 100,000 paths). */
  private readonly firsts: number[] = [];
  /** Bytes used of the last block, and free in it (none in a block of one string). */
  private used = 0;
  private room = 0;
  /** Per string: where it ends in its block (it starts where the one before ends, or at 0 in a new block). */
  private readonly ends = new IntList();

  get size(): number {
    return this.ends.size;
  }

  push(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const most = 3 * s.length;
    if (this.blocks.length === 0 || most > this.room) {
      const size = Math.max(BYTE_BLOCK, most);
      this.blocks.push(new Uint8Array(size));
      this.firsts.push(this.size);
      this.used = 0;
      this.room = size;
    }
    const last = this.blocks.length - 1;
    const written = encoder.encodeInto(s, this.blocks[last].subarray(this.used)).written;
    this.used += written;
    this.room -= written;
    this.ends.push(this.used);
    if (most > BYTE_BLOCK) {
      // A block of its own: cut to the bytes written, and full.
      this.blocks[last] = this.blocks[last].slice(0, this.used);
      this.room = 0;
    }
  }

  get(i: number): string {
    const block = this.blockOf(i);
    const start = i === this.firsts[block] ? 0 : this.ends.get(i - 1);
    return decoder.decode(this.blocks[block].subarray(start, this.ends.get(i)));
  }

  /** The block string `i` is in: the last whose first string is at or before it. */
  private blockOf(i: number): number {
    let lo = 0;
    let hi = this.firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
