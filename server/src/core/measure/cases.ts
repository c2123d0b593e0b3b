/**
 * Per-case state, small and of fixed size, in typed arrays (no object per
 * case or per event): first and last timestamp over all events, the last
 * mapped event (which tells whether the case reached the end), whether an
 * exception was raised, and the conformance check run as the step events
 * come — the previous step is all it needs while they come in time order.
 *
 * Step events out of order: the step events of the last WINDOW cases made
 * are kept (a ring of short arrays), so a case among them is settled at once
 * from its sorted events; an older case is marked, and decided afterwards
 * from its step events sorted (a second pass over the log, measure.ts). Logs
 * sorted by case or by time keep a case's events close together, so the
 * second pass is for the odd log; memory stays WINDOW cases' events.
 */
import { detached } from './events';
import type { UnitFlow } from './flow';

export const HAS_EXCEPTION = 1;
export const HAS_STEP = 2;
export const NOT_CONFORMING = 4;
export const OUT_OF_ORDER = 8;

const INITIAL = 1024;
/** How many of the most recent cases keep their step events (see above). */
export const WINDOW = 4096;

export class CaseTable {
  readonly index = new Map<string, number>();
  count = 0;
  first = new Float64Array(INITIAL);
  last = new Float64Array(INITIAL);
  /** Time of the last mapped event (ties: the later in the file). */
  lastMapped = new Float64Array(INITIAL);
  /** Its element code, -1 for none. */
  lastCode = new Int32Array(INITIAL);
  lastStepTime = new Float64Array(INITIAL);
  /** The previous step event's step, -1 for none. */
  prevStep = new Int32Array(INITIAL);
  flags = new Uint8Array(INITIAL);
  /** The ring of recent cases' step events, sorted by time (ties in file order): slot c % WINDOW belongs to case `owner[slot]`. */
  private readonly owner = new Int32Array(WINDOW).fill(-1);
  private readonly times: number[][] = Array.from({ length: WINDOW }, () => []);
  private readonly steps: number[][] = Array.from({ length: WINDOW }, () => []);
  /** The last case seen: logs keep a case's events together, so most lookups end here. */
  private lastId: string | undefined;
  private lastCase = -1;

  constructor(private readonly flow: UnitFlow) {}

  /** The case's latest timestamp before the event last given to `caseOf` (NaN for a new case): a step's duration. */
  previous = NaN;

  /** The case's index, made on its first event. */
  caseOf(id: string, time: number): number {
    let c = id === this.lastId ? this.lastCase : this.index.get(id);
    if (c !== undefined) {
      this.lastId = id;
      this.lastCase = c;
      this.previous = this.last[c]!;
      if (time < this.first[c]!) this.first[c] = time;
      if (time > this.last[c]!) this.last[c] = time;
      return c;
    }
    c = this.count++;
    this.previous = NaN;
    if (c === this.first.length) this.grow();
    this.index.set(detached(id), c);
    this.first[c] = time;
    this.last[c] = time;
    this.lastMapped[c] = -Infinity;
    this.lastCode[c] = -1;
    this.lastStepTime[c] = -Infinity;
    this.prevStep[c] = -1;
    this.flags[c] = 0;
    const slot = c % WINDOW;
    this.owner[slot] = c;
    if (this.times[slot]!.length > 0) {
      this.times[slot]!.length = 0;
      this.steps[slot]!.length = 0;
    }
    this.lastId = id;
    this.lastCase = c;
    return c;
  }

  /** A mapped event of case `c`: element `code` at `time`. */
  mapped(c: number, code: number, time: number): void {
    if (time >= this.lastMapped[c]!) {
      this.lastMapped[c] = time;
      this.lastCode[c] = code;
    }
    if (code >= this.flow.steps) {
      this.flags[c]! |= HAS_EXCEPTION;
      return;
    }
    const flags = (this.flags[c]! |= HAS_STEP);
    if (flags & OUT_OF_ORDER) return;
    const slot = c % WINDOW;
    const kept = this.owner[slot] === c;
    if (time < this.lastStepTime[c]!) {
      if (!kept) {
        this.flags[c]! |= OUT_OF_ORDER;
        return;
      }
      // Into its place among the kept events (after those of the same time), then the case again from its first step.
      const times = this.times[slot]!;
      const steps = this.steps[slot]!;
      let at = times.length;
      while (at > 0 && times[at - 1]! > time) at--;
      times.splice(at, 0, time);
      steps.splice(at, 0, code);
      this.settleSorted(c, steps);
      return;
    }
    if (kept) {
      this.times[slot]!.push(time);
      this.steps[slot]!.push(code);
    }
    this.lastStepTime[c] = time;
    const prev = this.prevStep[c]!;
    if (prev < 0 ? !this.flow.startable[code] : !this.flow.mayFollow(prev, code)) this.flags[c]! |= NOT_CONFORMING;
    this.prevStep[c] = code;
  }

  private grow(): void {
    const n = this.first.length * 2;
    this.first = grown(this.first, n);
    this.last = grown(this.last, n);
    this.lastMapped = grown(this.lastMapped, n);
    this.lastStepTime = grown(this.lastStepTime, n);
    this.lastCode = grown(this.lastCode, n);
    this.prevStep = grown(this.prevStep, n);
    this.flags = grown(this.flags, n);
  }

  /** Conformance of a case marked out of order, decided from all its step events (in file order) sorted by time, ties in file order. */
  settle(c: number, times: number[], steps: number[]): void {
    const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
    this.settleSorted(
      c,
      order.map((i) => steps[i]!),
    );
  }

  /** A case's conformance from its step events in time order; the incremental check goes on from the last. */
  private settleSorted(c: number, steps: number[]): void {
    let ok = steps.length > 0 && this.flow.startable[steps[0]!] === 1;
    for (let k = 1; ok && k < steps.length; k++) ok = this.flow.mayFollow(steps[k - 1]!, steps[k]!);
    this.flags[c] = (this.flags[c]! & ~NOT_CONFORMING) | (ok ? 0 : NOT_CONFORMING);
    this.prevStep[c] = steps[steps.length - 1] ?? -1;
  }
}

/** A copy of `a` with room for `n`. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}
