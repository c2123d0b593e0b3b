/**
 * Per-step median durations in fixed memory: each step's durations counted
 * in buckets whose bounds grow by 0.5 % (1 ms up to about two years, the
 * longer ones in the last bucket), so the median is read within 0.25 % of
 * the exact one without keeping a value per event. A step's histogram is
 * made at its first duration.
 */
const GROWTH = 1.005;
const LOG_GROWTH = Math.log(GROWTH);
/** Bucket 0 holds durations under 1 ms (ties); bucket k ≥ 1 holds [GROWTH^(k−1), GROWTH^k) ms. */
const BUCKETS = 1 + Math.ceil(Math.log(2 * 366 * 24 * 3_600_000) / LOG_GROWTH);

export class StepDurations {
  private readonly counts: (Uint32Array | undefined)[];
  private readonly totals: Float64Array;

  constructor(steps: number) {
    this.counts = new Array<Uint32Array | undefined>(steps).fill(undefined);
    this.totals = new Float64Array(steps);
  }

  add(step: number, ms: number): void {
    const k = ms < 1 ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(ms) / LOG_GROWTH));
    let c = this.counts[step];
    if (!c) this.counts[step] = c = new Uint32Array(BUCKETS);
    c[k]!++;
    this.totals[step]!++;
  }

  /** The median in ms (the middle two averaged for an even count); null without durations. */
  median(step: number): number | null {
    const c = this.counts[step];
    const n = this.totals[step]!;
    if (!c || n === 0) return null;
    const value = (rank: number) => {
      let seen = 0;
      for (let k = 0; k < BUCKETS; k++) {
        seen += c[k]!;
        if (seen > rank) return k === 0 ? 0 : GROWTH ** (k - 0.5);
      }
      return GROWTH ** (BUCKETS - 1.5);
    };
    return n % 2 === 1 ? value((n - 1) / 2) : (value(n / 2 - 1) + value(n / 2)) / 2;
  }
}
