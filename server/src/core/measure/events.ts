/**
 * What a log reader hands on: one call per event that counts, in file order,
 * with no object per event; and the tally of what did not count — events
 * left out because their `lifecycle:transition` is not `complete`, and bad
 * rows or events, each with its line (the first few kept, all counted).
 */

export interface EventSink {
  /** An event that counts. `resource` is '' when the log names none. */
  event(caseId: string, activity: string, time: number, resource: string): void;
}

/** Column names of a CSV log (the spec's defaults: these four words). */
export interface LogColumns {
  case: string;
  activity: string;
  timestamp: string;
  resource: string;
}

export interface BadRecord {
  /** 1-based line in the log where the row or event starts. */
  line: number;
  reason: string;
}

/** How many bad rows or events are kept with their line (all are counted). */
export const BAD_SAMPLES = 20;

export class ReadTally {
  /** Events that counted. */
  events = 0;
  /** Events left out: `lifecycle:transition` other than `complete`. */
  notComplete = 0;
  bad = 0;
  readonly badSamples: BadRecord[] = [];

  badRecord(line: number, reason: string): void {
    this.bad++;
    if (this.badSamples.length < BAD_SAMPLES) this.badSamples.push({ line, reason });
  }

  /** A lifecycle value that leaves the event out (anything written other than `complete`). */
  leftOut(lifecycle: string | undefined): boolean {
    if (lifecycle === undefined || lifecycle === '' || lifecycle === 'complete') return false;
    const l = lifecycle.trim();
    if (l === '' || l.toLowerCase() === 'complete') return false;
    this.notComplete++;
    return true;
  }
}

/** A log that cannot be measured at all: unreadable, empty, or without a needed column. */
export interface LogProblem {
  problem: string;
}

export function isLogProblem(x: object): x is LogProblem {
  return 'problem' in x;
}

/**
 * A copy of `s` that keeps nothing else alive. A field cut from a chunk of
 * the log can be a slice that holds the whole chunk in memory (V8 does so for
 * slices of 13 characters or more): a name kept for the whole log (a case id,
 * an activity or resource in a cache) is copied first, else memory would
 * grow with the log.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
