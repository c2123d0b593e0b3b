/** Placing a cursor in test texts. */
import assert from 'node:assert/strict';

export const CURSOR = '$$CURSOR$$';

export interface NeedleOptions {
  /** Search only after the first occurrence of this text. */
  after?: string;
  /** Which occurrence of the needle (0-based). */
  nth?: number;
  /** How far into the needle the cursor goes (default 1). */
  shift?: number;
}

/** An offset inside the `nth` occurrence of `needle` after `after`. */
export function offsetIn(text: string, needle: string, opts: NeedleOptions = {}): number {
  let from = opts.after ? text.indexOf(opts.after) : 0;
  assert.ok(from >= 0, `no ${opts.after}`);
  let i = -1;
  for (let n = 0; n <= (opts.nth ?? 0); n++) {
    i = text.indexOf(needle, from);
    assert.ok(i >= 0, `no ${needle}`);
    from = i + 1;
  }
  return i + (opts.shift ?? 1);
}
