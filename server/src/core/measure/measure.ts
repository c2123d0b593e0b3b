/**
 * Measuring a unit from its log, by the spec's definitions ("Measuring a
 * unit from its log"): one pass over the log's events with per-case state
 * of fixed size (cases.ts); a second pass only when some case's step events
 * came out of time order, which keeps just those cases' step events to sort
 * them. Memory grows with the number of cases (a few dozen bytes each) and
 * of distinct activity and resource names, never with the number of events.
 */
import { LogReadError } from '../catalog/fileSystem';
import { stepMode } from '../model/queries';
import type { Metric, StepMode, UnitModel } from '../model/types';
import { CaseTable, HAS_EXCEPTION, HAS_STEP, NOT_CONFORMING, OUT_OF_ORDER } from './cases';
import { readCsv } from './csv';
import { detached, ReadTally, type BadRecord, type EventSink, type LogProblem } from './events';
import { norm, UnitFlow } from './flow';
import { decodeLog, looksLikeXml, openBytes, type LogFileSystem, type LogSource } from './source';
import { parseDay } from './timestamp';
import { readXes } from './xes';
import { StepDurations } from './durations';

export interface MeasuredMetric {
  id: string | null;
  kind: string | null;
  /** The unit of `value`: `hours`…, `percent`, `per week`…; as written for a metric not measured from a log. */
  unit: string | null;
  /** Null when the metric is not measured from a log (or nothing to measure it over). */
  value: number | null;
  /** The 90th percentile, for a cycle time. */
  p90: number | null;
  baseline: number | null;
  target: number | null;
  /** At or beyond the target, in the direction from baseline to target; null: no target, or no value. */
  met: boolean | null;
  /** The cases the value is over (for a cycle time: those that reached the end); null when not measured. */
  cases: number | null;
}

export interface MeasuredStep {
  /** The step's id, `#n` (n from 1) for one without. */
  step: string;
  declared: StepMode;
  /** The step's events. */
  events: number;
  /** Shares of the events whose resource maps to an actor with a kind (0 each when there are none). */
  human: number;
  aiAgent: number;
  automation: number;
  drifted: boolean;
  /**
   * The median of its events' durations — each the time since the case's previous event — in hours; null without
   * one (the editor's reading, docs/format.md). Only where `measureUnit` was asked for `stepMedians`.
   */
  medianHours?: number | null;
}

export interface MeasuredChange {
  date: string;
  change: string | null;
  /** Each measured metric (by id) over the cases whose first event is before the start of `date` (UTC), and from then on. */
  before: Record<string, number | null>;
  after: Record<string, number | null>;
}

export interface Measurement {
  /** The unit's id. */
  unit: string | null;
  cases: number;
  /** Events that count (bad ones and lifecycle events other than `complete` left out). */
  events: number;
  unmappedEvents: number;
  /** Most events first. */
  unmappedActivities: { activity: string; events: number }[];
  /** One per `learning.metrics` item, in the same order (`metrics[i]` is `unit.learning.metrics.items[i]`). */
  metrics: MeasuredMetric[];
  /** Percent of cases; null without cases. */
  exceptionRate: number | null;
  conformance: number | null;
  throughputPerWeek: number | null;
  /** One per step, in the same order (`boundary[i]` is `unit.steps.items[i]`). */
  boundary: MeasuredStep[];
  /** One per `learning.changes` entry whose date reads, in file order. */
  changes: MeasuredChange[];
  /** The log, as the file system names it. */
  log: string;
  format: 'csv' | 'xes';
  /** What did not count, said rather than dropped. */
  skipped: {
    /** Events whose `lifecycle:transition` is not `complete` (only complete events count). */
    notComplete: number;
    /** Bad rows or events; the first few with their line in `badRows`. */
    bad: number;
    badRows: BadRecord[];
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const CYCLE_UNITS: [RegExp, string, number][] = [
  [/^(m|mins?|minutes?)$/, 'minutes', 60_000],
  [/^(h|hrs?|hours?)$/, 'hours', HOUR],
  [/^(d|days?)$/, 'days', DAY],
  [/^(w|wks?|weeks?)$/, 'weeks', WEEK],
];

/** A cycle-time metric's unit: minutes, hours, days or weeks; hours when none (or another) is given. */
function cycleUnit(unit: string | undefined): [string, number] {
  const u = norm(unit ?? '');
  const hit = CYCLE_UNITS.find(([re]) => re.test(u));
  return hit ? [hit[1], hit[2]] : ['hours', HOUR];
}

/** A throughput metric's unit: per day, week or month (30 days); per week when none is recognised. */
function throughputUnit(unit: string | undefined): [string, number] {
  const u = norm(unit ?? '');
  if (/\bday|daily/.test(u)) return ['per day', DAY];
  if (/\bmonth/.test(u)) return ['per month', 30 * DAY];
  return ['per week', WEEK];
}

/** Linear interpolation between closest ranks (rank (n−1)·p, 0-based) over sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** `met`: at or beyond the target in the direction from baseline to target; lower is better for a time or a rate when there is no direction. */
export function isMet(value: number | null, baseline: number | undefined, target: number | undefined, kind: string | undefined): boolean | null {
  if (value === null || target === undefined) return null;
  const up = baseline !== undefined && baseline !== target ? target > baseline : kind === 'throughput';
  return up ? value >= target : value <= target;
}

/** The figures of a set of cases. */
interface Figures {
  cases: number;
  /** Cycle times (ms) of the cases that reached the end, sorted. */
  cycleTimes: Float64Array;
  exceptionRate: number | null;
  conformance: number | null;
  /** Cases per millisecond between the first and the last case's first event; null for a span of zero. */
  throughput: number | null;
}

class Measurer implements EventSink {
  readonly cases: CaseTable;
  unmapped = 0;
  private readonly unmappedNames = new Map<string, { activity: string; events: number }>();
  /** Per step: events, then by kind of actor (human, ai-agent, automation, none). */
  readonly stepEvents: Uint32Array;
  readonly stepKinds: Uint32Array;
  readonly durations: StepDurations | undefined;

  constructor(readonly flow: UnitFlow, withMedians = false) {
    this.cases = new CaseTable(flow);
    this.stepEvents = new Uint32Array(flow.steps);
    this.stepKinds = new Uint32Array(flow.steps * 4);
    this.durations = withMedians ? new StepDurations(flow.steps) : undefined;
    this.codeOf = memo((a) => flow.codeOf(a));
    this.kindOf = memo((r) => flow.kindOf(r));
  }

  /** The element an activity names, by its raw spelling (the same names come again and again). */
  readonly codeOf: (activity: string) => number;
  /** The kind code of a resource's actor, by its raw spelling. */
  readonly kindOf: (resource: string) => number;

  event(caseId: string, activity: string, time: number, resource: string): void {
    const c = this.cases.caseOf(caseId, time);
    const code = this.codeOf(activity);
    if (code < 0) {
      this.unmapped++;
      const key = norm(activity);
      const u = this.unmappedNames.get(key);
      if (u) u.events++;
      else this.unmappedNames.set(detached(key), { activity: detached(activity.trim()), events: 1 });
      return;
    }
    if (code < this.flow.steps) {
      this.stepEvents[code]!++;
      this.stepKinds[code * 4 + this.kindOf(resource)]!++;
      // An event out of order in the file (before the case's latest) has no duration here.
      const since = time - this.cases.previous;
      if (this.durations && since >= 0) this.durations.add(code, since);
    }
    this.cases.mapped(c, code, time);
  }

  unmappedActivities(): { activity: string; events: number }[] {
    return [...this.unmappedNames.values()].sort((a, b) => b.events - a.events || (a.activity < b.activity ? -1 : a.activity > b.activity ? 1 : 0));
  }

  figures(include: (c: number) => boolean): Figures {
    const t = this.cases;
    const cycle: number[] = [];
    let cases = 0;
    let exceptions = 0;
    let conforming = 0;
    let minFirst = Infinity;
    let maxFirst = -Infinity;
    for (let c = 0; c < t.count; c++) {
      if (!include(c)) continue;
      cases++;
      const flags = t.flags[c]!;
      if (flags & HAS_EXCEPTION) exceptions++;
      if (flags & HAS_STEP && !(flags & NOT_CONFORMING)) conforming++;
      const code = t.lastCode[c]!;
      if (code >= 0 && this.flow.ends[code]) cycle.push(t.last[c]! - t.first[c]!);
      if (t.first[c]! < minFirst) minFirst = t.first[c]!;
      if (t.first[c]! > maxFirst) maxFirst = t.first[c]!;
    }
    const cycleTimes = Float64Array.from(cycle).sort();
    return {
      cases,
      cycleTimes,
      exceptionRate: cases === 0 ? null : (100 * exceptions) / cases,
      conformance: cases === 0 ? null : (100 * conforming) / cases,
      throughput: cases === 0 || maxFirst === minFirst ? null : cases / (maxFirst - minFirst),
    };
  }
}

/** `compute` remembered by its argument (the argument copied off its chunk: see `detached`). */
function memo(compute: (key: string) => number): (key: string) => number {
  const map = new Map<string, number>();
  return (key) => {
    let v = map.get(key);
    if (v === undefined) {
      v = compute(key);
      map.set(detached(key), v);
    }
    return v;
  };
}

/** A metric's figure over a set of cases; undefined for a kind not measured from a log. */
function metricFigure(m: Metric, f: Figures): Pick<MeasuredMetric, 'unit' | 'value' | 'p90' | 'cases'> | undefined {
  if (m.kind === 'cycle-time') {
    const [unit, ms] = cycleUnit(m.unit);
    const median = percentile(f.cycleTimes, 0.5);
    const p90 = percentile(f.cycleTimes, 0.9);
    return { unit, value: median === null ? null : median / ms, p90: p90 === null ? null : p90 / ms, cases: f.cycleTimes.length };
  }
  if (m.kind === 'exception-rate') return { unit: 'percent', value: f.exceptionRate, p90: null, cases: f.cases };
  if (m.kind === 'throughput') {
    const [unit, ms] = throughputUnit(m.unit);
    return { unit, value: f.throughput === null ? null : f.throughput * ms, p90: null, cases: f.cases };
  }
  return undefined;
}

function boundaryOf(unit: UnitModel, m: Measurer): MeasuredStep[] {
  return (unit.steps?.items ?? []).map((s, i) => {
    const k = m.stepKinds.subarray(i * 4, i * 4 + 4);
    const known = k[0]! + k[1]! + k[2]!;
    const share = (n: number) => (known === 0 ? 0 : n / known);
    const declared = stepMode(unit, s);
    const machine = share(k[1]! + k[2]!);
    const human = share(k[0]!);
    return {
      step: s.id ?? `#${i + 1}`,
      declared,
      events: m.stepEvents[i]!,
      human,
      aiAgent: share(k[1]!),
      automation: share(k[2]!),
      drifted: (declared === 'machine' && human > 0.1) || (declared === 'human' && machine > 0.1),
      ...(m.durations ? { medianHours: hours(m.durations.median(i)) } : {}),
    };
  });
}

const hours = (ms: number | null) => (ms === null ? null : ms / HOUR);

/** Reads the log once, every event to `sink`. */
async function readLog(source: LogSource, fs: LogFileSystem, sink: EventSink, tally: ReadTally): Promise<'csv' | 'xes' | LogProblem> {
  const bytes = await openBytes(fs, source.uri);
  if ('problem' in bytes) return bytes;
  const text = decodeLog(bytes)[Symbol.asyncIterator]();
  const first = await text.next();
  if (first.done) return { problem: `the log ${fs.display(source.uri)} is empty` };
  const all: AsyncIterable<string> = {
    async *[Symbol.asyncIterator]() {
      yield first.value;
      for (let next = await text.next(); !next.done; next = await text.next()) yield next.value;
    },
  };
  if (looksLikeXml(first.value)) {
    await readXes(all, sink, tally);
    return 'xes';
  }
  const problem = await readCsv(all, source.columns, sink, tally);
  return problem ? { problem: `the log ${fs.display(source.uri)}: ${problem.problem}` } : 'csv';
}

/**
 * Measures `unit` from the log `source` (see `logSourceOf`), reading it
 * through `fs`. A log that cannot be read, or lacks a needed column, is a
 * `LogProblem`; a bad row or event is counted in the measurement.
 */
export async function measureUnit(unit: UnitModel, source: LogSource, fs: LogFileSystem, options: { stepMedians?: boolean } = {}): Promise<Measurement | LogProblem> {
  const flow = new UnitFlow(unit);
  const m = new Measurer(flow, options.stepMedians);
  const tally = new ReadTally();
  const format = await readOrProblem(() => readLog(source, fs, m, tally), fs, source);
  if (typeof format !== 'string') return format;

  const t = m.cases;
  const outOfOrder = new Map<number, { times: number[]; steps: number[] }>();
  for (let c = 0; c < t.count; c++) if (t.flags[c]! & OUT_OF_ORDER) outOfOrder.set(c, { times: [], steps: [] });
  if (outOfOrder.size > 0) {
    const again = await readOrProblem(
      () =>
        readLog(
          source,
          fs,
          {
            event(caseId, activity, time) {
              const seq = outOfOrder.get(t.index.get(caseId) ?? -1);
              const code = m.codeOf(activity);
              if (seq && code >= 0 && code < flow.steps) {
                seq.times.push(time);
                seq.steps.push(code);
              }
            },
          },
          new ReadTally(),
        ),
      fs,
      source,
    );
    if (typeof again !== 'string') return again;
    for (const [c, seq] of outOfOrder) t.settle(c, seq.times, seq.steps);
  }

  const all = m.figures(() => true);
  const metrics: MeasuredMetric[] = (unit.learning?.metrics?.items ?? []).map((metric) => {
    const f = metricFigure(metric, all);
    const value = f?.value ?? null;
    return {
      id: metric.id ?? null,
      kind: metric.kind ?? null,
      unit: f?.unit ?? metric.unit ?? null,
      value,
      p90: f?.p90 ?? null,
      baseline: metric.baseline ?? null,
      target: metric.target ?? null,
      met: isMet(value, metric.baseline, metric.target, metric.kind),
      cases: f?.cases ?? null,
    };
  });

  const changes: MeasuredChange[] = [];
  for (const ch of unit.learning?.changes?.items ?? []) {
    const start = ch.date ? parseDay(ch.date.value) : undefined;
    if (start === undefined) continue;
    const side = (before: boolean) => {
      const f = m.figures((c) => t.first[c]! < start === before);
      const out: Record<string, number | null> = {};
      for (const metric of unit.learning?.metrics?.items ?? []) {
        const v = metricFigure(metric, f);
        if (v && metric.id !== undefined && !(metric.id in out)) out[metric.id] = v.value;
      }
      return out;
    };
    changes.push({ date: ch.date!.value.trim(), change: ch.change ?? null, before: side(true), after: side(false) });
  }

  return {
    unit: unit.id?.value ?? null,
    cases: t.count,
    events: tally.events,
    unmappedEvents: m.unmapped,
    unmappedActivities: m.unmappedActivities(),
    metrics,
    exceptionRate: all.exceptionRate,
    conformance: all.conformance,
    throughputPerWeek: all.throughput === null ? null : all.throughput * WEEK,
    boundary: boundaryOf(unit, m),
    changes,
    log: fs.display(source.uri),
    format,
    skipped: { notComplete: tally.notComplete, bad: tally.bad, badRows: tally.badSamples },
  };
}

/** A read that fails midway (an I/O error, corrupt gzip data) is the log's problem, said as such. */
async function readOrProblem<T>(read: () => Promise<T>, fs: LogFileSystem, source: LogSource): Promise<T | LogProblem> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof LogReadError) return { problem: `cannot read the log ${fs.display(source.uri)}: ${e.message}` };
    throw e;
  }
}
