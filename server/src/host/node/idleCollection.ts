/**
 * A full garbage collection when the server goes idle after analysing a lot
 * of text. Parsing allocates some 500 bytes per character of YAML (measured:
 * `yaml.parseDocument` alone allocates 32 MB for a 62 KB, 500-step unit; the
 * rules add 3 MB), and what is still reachable when a young-generation
 * collection runs is promoted: V8 lets that garbage pile up in the old
 * generation until a limit far above what the server keeps alive, so the
 * process would hold several times what it needs. Collecting once the editor
 * has been quiet for a moment brings the footprint nearer the live size, and
 * the pause (a few ms for a heap this small) falls where nobody waits —
 * browsers collect in idle time the same way. What counts is the text analysed
 * since the last collection, not the size of one document: twenty medium units
 * opened at once leave as much garbage as one big one (measured, 20 units of
 * 500 steps open, 38 MB alive: 208 MB resident with a collection only after a
 * unit over 128 KB, 187 MB a second after the opens with this). Typing in a
 * 20-step unit reaches the mark every fifty edits or so, and collects at the
 * next pause.
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
/**
 * Less text analysed since the last collection leaves too little garbage to be
 * worth one (128 KB is one 1,000-step unit, or two analyses of a 500-step one).
 */
export const COLLECT_AFTER_CHARS = 128 * 1024;

let collect: (() => void) | undefined;
let timer: NodeJS.Timeout | undefined;
let collections = 0;
/** Characters analysed since the last collection was asked for. */
let analysedChars = 0;

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

/**
 * One full collection as the server starts, its code loaded. Until its first
 * full collection V8 lets the old generation grow to a limit it sizes for a
 * large heap, and the first burst of opens keeps every byte it promotes:
 * measured, 20 units of 500 steps opened at once left 207-212 MB resident
 * without it, 174-181 MB with it. (Bounding the old generation's growth too,
 * `--heap-growing-percent=50`, took that to 156-160 MB, but put full
 * collections on the requests' path: a 2,000-step unit's completion went
 * from 3 ms to 4-18 ms, its edits 10-20 % slower, in `npm run bench` and in
 * alternating runs. The author's wait comes first.)
 */
export function collectOnceStarted(): void {
  if (!collect) return;
  const gc = collect;
  setTimeout(() => gc(), 0).unref();
}

/** After each analysis: once enough text has been analysed, collect when nothing else has happened for a moment. */
export function analysed(chars: number): void {
  analysedChars += chars;
  if (analysedChars >= COLLECT_AFTER_CHARS) collectWhenIdle();
}

/** Collects once nothing else has happened for a moment (each call restarts the wait). */
function collectWhenIdle(): void {
  if (!collect) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    if (!collect) return;
    analysedChars = 0;
    collect();
    collections++;
  }, QUIET_MS);
  timer.unref();
}
