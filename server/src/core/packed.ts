/**
 * Lists that grow by the hundred thousand without growing the collector's
 * work: numbers in typed arrays, strings as UTF-8 bytes one after another.
 * A catalog's 100,000 paths cost their bytes and 4 bytes each, not 100,000
 * objects for the garbage collector to trace (and to size the heap by) —
 * what keeps `workunit lint`'s memory flat as a catalog grows (issue 20).
 */

/** Whole numbers (32-bit signed), appended and read by position. */
export class IntList {
  private items = new Int32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(n: number): void {
    if (this.count === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.count++] = n;
  }

  get(i: number): number {
    return this.items[i];
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Strings, appended and read by position; each read decodes a new string. */
export class StringList {
  private bytes = new Uint8Array(64 * 1024);
  private used = 0;
  private readonly ends = new IntList();

  get size(): number {
    return this.ends.size;
  }

  push(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const room = this.used + 3 * s.length;
    if (room > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(room, this.bytes.length * 2));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.used += encoder.encodeInto(s, this.bytes.subarray(this.used)).written;
    this.ends.push(this.used);
  }

  get(i: number): string {
    return decoder.decode(this.bytes.subarray(i === 0 ? 0 : this.ends.get(i - 1), this.ends.get(i)));
  }
}
