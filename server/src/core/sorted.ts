/** Searches in numbers sorted ascending (line starts, the first string of each block of a packed list). */

/** The last position whose number is at or before `x` (0 when none is: the caller's first item starts at or before anything asked). */
export function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
