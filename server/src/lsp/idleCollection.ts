/**
 * A full garbage collection when the server goes idle after analysing a big
 * document. Each analysis of a 2,000-step unit leaves tens of MB of garbage
 * (the parser's tokens, the previous version's model); V8 lets it pile up in
 * the old generation until a limit far above what the server keeps alive
 * (some 16 MB with such a unit open), so the process would hold three times
 * what it needs. Collecting once the editor has been quiet for a moment keeps
 * the footprint near the live size, and the pause (a few ms for a heap this
 * small) falls where nobody waits — browsers collect in idle time the same way.
 * Units under 128 KB (nearly all) never trigger it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How long the server must have had nothing to analyse. A collection shrinks
 * the heap, and the next analysis of a big document pays for growing it again
 * (measured at 2,000 steps: the next open 130 → 200 ms); after a second of
 * quiet the author has stopped typing, and one slower analysis is a fair price.
 */
const QUIET_MS = 1000;
/** Smaller documents leave too little garbage to be worth a collection (128 KB is about 1,000 steps). */
export const BIG_DOCUMENT_CHARS = 128 * 1024;

let collect: (() => void) | undefined;
let timer: NodeJS.Timeout | undefined;
let collections = 0;

/** How many idle collections this process has run (the status request reports it). */
export function idleCollections(): number {
  return collections;
}

/** Makes `gc` available to this process (as `node --expose-gc` would); without it, nothing is collected. */
export function enableIdleCollection(): void {
  if (collect) return;
  const global = (globalThis as { gc?: () => void }).gc;
  if (global) {
    collect = global;
    return;
  }
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') collect = gc as () => void;
  } catch {
    // A runtime that refuses the flag: the server runs as before, without idle collections.
  }
}

/** After a big analysis: collect once nothing else has happened for a moment (each call restarts the wait). */
export function collectWhenIdle(): void {
  if (!collect) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    if (!collect) return;
    collect();
    collections++;
  }, QUIET_MS);
  timer.unref();
}
