/**
 * Where `workunit lint` keeps each file's part of the output until the
 * catalog rules have run (their findings go into the files they name, as
 * they always have): in memory while it is small, then in temporary files
 * (one per list of the document), so that a catalog of any size costs the
 * same memory. Read back once, in the order written.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntList } from '../core/packed';

/** Past this many characters in memory, the parts go to disk. */
const IN_MEMORY_BYTES = 256 * 1024;
const READ_BLOCK = 1024 * 1024;
/** On disk, parts are written this many characters at a time: one write per file would cost a system call each. */
const WRITE_BLOCK = 64 * 1024;

export class Spill {
  /** Per list: each file's part, while in memory. */
  private readonly parts: string[][];
  /** Per list: each file's part's length in bytes, once on disk. */
  private readonly lengths: IntList[];
  private bytes = 0;
  private dir?: string;
  private fds?: number[];
  /** Per list, once on disk: the parts not yet written, and their length. */
  private pending: string[][] = [];
  private pendingChars: number[] = [];
  /** Removes the files if the process exits before `dispose` (`process.exit` on a closed pipe). */
  private readonly onExit = () => this.dispose();

  constructor(lists: number) {
    this.parts = Array.from({ length: lists }, () => []);
    this.lengths = Array.from({ length: lists }, () => new IntList());
  }

  /** The next file's parts, one per list. */
  add(parts: readonly string[]): void {
    if (this.fds) {
      parts.forEach((p, k) => this.write(k, p));
      return;
    }
    parts.forEach((p, k) => this.parts[k].push(p));
    for (const p of parts) this.bytes += p.length;
    if (this.bytes > IN_MEMORY_BYTES) this.toDisk();
  }

  /** Each file's part of list `k`, in order. */
  *read(k: number): Generator<string> {
    if (!this.fds) {
      yield* this.parts[k];
      return;
    }
    this.flush(k);
    const fd = this.fds[k];
    let buf = Buffer.alloc(READ_BLOCK);
    let start = 0;
    let end = 0;
    let position = 0;
    const lengths = this.lengths[k];
    for (let i = 0; i < lengths.size; i++) {
      const n = lengths.get(i);
      if (end - start < n) {
        // Keep what is left, and read on after it.
        if (n > buf.length) {
          const bigger = Buffer.alloc(n);
          buf.copy(bigger, 0, start, end);
          buf = bigger;
        } else buf.copy(buf, 0, start, end);
        end -= start;
        start = 0;
        while (end < n) {
          const got = readSync(fd, buf, end, buf.length - end, position);
          if (got === 0) throw new Error('The spilled output ends early.');
          end += got;
          position += got;
        }
      }
      yield buf.toString('utf8', start, start + n);
      start += n;
    }
  }

  /** Removes the temporary files. */
  dispose(): void {
    process.removeListener('exit', this.onExit);
    for (const fd of this.fds ?? []) closeSync(fd);
    this.fds = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private toDisk(): void {
    this.dir = mkdtempSync(join(tmpdir(), 'workunit-lint-'));
    process.once('exit', this.onExit);
    this.fds = this.parts.map((_, k) => openSync(join(this.dir!, `list-${k}`), 'w+'));
    this.pending = this.parts.map(() => []);
    this.pendingChars = this.parts.map(() => 0);
    this.parts.forEach((parts, k) => {
      for (const p of parts) this.write(k, p);
      parts.length = 0;
    });
  }

  private write(k: number, part: string): void {
    this.lengths[k].push(part === '' ? 0 : Buffer.byteLength(part));
    if (part === '') return;
    this.pending[k].push(part);
    this.pendingChars[k] += part.length;
    if (this.pendingChars[k] >= WRITE_BLOCK) this.flush(k);
  }

  private flush(k: number): void {
    if (this.pending[k].length === 0) return;
    writeSync(this.fds![k], this.pending[k].join(''));
    this.pending[k] = [];
    this.pendingChars[k] = 0;
  }
}
