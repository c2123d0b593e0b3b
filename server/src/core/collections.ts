/**
 * Array helpers safe for any length. `a.push(...b)` and `Math.max(...b)`
 * pass every element as an argument, and past some 100,000 elements the
 * call overflows the stack — a hostile file (a 1 MB flow list of references)
 * reaches that easily. These loop instead.
 */

/** Appends every item of `items` to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `-Infinity` for none (as `Math.max()`). */
export function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The smallest of `values`, or `Infinity` for none (as `Math.min()`). */
export function minOf(values: readonly number[]): number {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return min;
}
