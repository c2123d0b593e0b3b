/**
 * Per-case state, small and of fixed size, in typed arrays (no object per
 * case or per event): first and last timestamp over all events, the last
 * mapped event (which tells whether the case reached the end), whether an
 * exception was raised, and the conformance check run as the step events
 * come — the previous step is all it needs while they come in time order. A
 * case whose step events come out of order is marked; its conformance is
 * decided afterwards from its step events sorted (see measure.ts).
 */
import type { UnitFlow } from './flow';

export const HAS_EXCEPTION = 1;
export const HAS_STEP = 2;
export const NOT_CONFORMING = 4;
export const OUT_OF_ORDER = 8;

const INITIAL = 1024;

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

  constructor(private readonly flow: UnitFlow) {}

  /** The case's index, made on its first event. */
  caseOf(id: string, time: number): number {
    let c = this.index.get(id);
    if (c !== undefined) {
      if (time < this.first[c]!) this.first[c] = time;
      if (time > this.last[c]!) this.last[c] = time;
      return c;
    }
    c = this.count++;
    if (c === this.first.length) this.grow();
    this.index.set(id, c);
    this.first[c] = time;
    this.last[c] = time;
    this.lastMapped[c] = -Infinity;
    this.lastCode[c] = -1;
    this.lastStepTime[c] = -Infinity;
    this.prevStep[c] = -1;
    this.flags[c] = 0;
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
    if (time < this.lastStepTime[c]!) {
      this.flags[c]! |= OUT_OF_ORDER;
      return;
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

  /** Conformance of an out-of-order case, decided from its step events sorted by time (ties in file order). */
  settle(c: number, times: number[], steps: number[]): void {
    const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
    let ok = order.length > 0 && this.flow.startable[steps[order[0]!]!] === 1;
    for (let k = 1; ok && k < order.length; k++) ok = this.flow.mayFollow(steps[order[k - 1]!]!, steps[order[k]!]!);
    this.flags[c] = (this.flags[c]! & ~NOT_CONFORMING) | (ok ? 0 : NOT_CONFORMING);
  }
}

/** A copy of `a` with room for `n`. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}
