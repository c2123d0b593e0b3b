import { lastAtOrBefore } from './sorted';

/**
 * Lists that grow by the hundred thousand without growing the collector's
 * work: numbers in typed arrays, strings as UTF-8 bytes one after another.
 * A catalog's 100,000 paths cost their bytes and 4 bytes each, not 100,000
 * objects for the garbage collector to trace (and to size the heap by) —
 * what keeps `workunit lint`'s memory flat as a catalog grows (issue 20).
 *
 * Both grow by fixed-size blocks, never by copying into a buffer twice the
 * size: a doubled buffer is up to half empty, and the old one stays
 * allocated beside it until the collector frees it (a lint of 100,000 units:
 * 16–21 MiB of buffers at the end of its check, 10 MiB by blocks).
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
  /** Bytes used of the last block (all of a block of one string, which is cut to size). */
  private used = 0;
  /** Per string: where it ends in its block (it starts where the one before ends, or at 0 in a new block). */
  private readonly ends = new IntList();

  get size(): number {
    return this.ends.size;
  }

  push(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const most = 3 * s.length;
    if (this.blocks.length === 0 || this.used + most > this.blocks[this.blocks.length - 1].length) {
      this.blocks.push(new Uint8Array(Math.max(BYTE_BLOCK, most)));
      this.firsts.push(this.size);
      this.used = 0;
    }
    const last = this.blocks.length - 1;
    this.used += encoder.encodeInto(s, this.blocks[last].subarray(this.used)).written;
    this.ends.push(this.used);
    // A block of its own is cut to the bytes written: full, so the next string starts a new one.
    if (most > BYTE_BLOCK) this.blocks[last] = this.blocks[last].slice(0, this.used);
  }

  get(i: number): string {
    const block = lastAtOrBefore(this.firsts, i);
    const start = i === this.firsts[block] ? 0 : this.ends.get(i - 1);
    return decoder.decode(this.blocks[block].subarray(start, this.ends.get(i)));
  }
}

/**
 * File paths, appended and read by position: each path's folder is kept
 * once for the paths that follow it in the same folder, as a walk gives
 * them. A catalog's files share long folder names: the 100,000 paths of the
 * bench's catalog (`/tmp/workunit-bench-catalog-XXXXXX/stream-0000/unit-00004.workunit.yaml`…)
 * take 7.2 MiB in a StringList, 3.6 MiB here.
 * A path is cut after its last `/` or `\`, and read back as it was given.
 */
export class PathList {
  private readonly folders = new StringList();
  /** Per path: its folder's position in `folders`. */
  private readonly folderOf = new IntList();
  private readonly names = new StringList();
  private lastFolder: string | undefined;

  get size(): number {
    return this.names.size;
  }

  push(path: string): void {
    const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
    const folder = path.slice(0, cut);
    if (folder !== this.lastFolder) {
      this.folders.push(folder);
      this.lastFolder = folder;
    }
    this.folderOf.push(this.folders.size - 1);
    this.names.push(path.slice(cut));
  }

  get(i: number): string {
    return this.folders.get(this.folderOf.get(i)) + this.names.get(i);
  }
}
