/**
 * A CSV log, streamed: papaparse's core parser (`Papa.Parser`, pure
 * JavaScript, the same in Node and a web worker) over the text chunk by
 * chunk, the way papaparse's own streamers feed it: each chunk is parsed
 * after what was left of the previous one, the last (maybe partial) row held
 * back until more text comes. Memory: one chunk and one row at a time.
 *
 * The first row is the header. Column names are matched trimmed and without
 * regard to case; a column `learning.log` names must be there; where it
 * names none, the default (`case`, `activity`, `timestamp`, `resource`) is
 * used, else the XES-style name (`case:concept:name`, `concept:name`,
 * `time:timestamp`, `org:resource`). A `lifecycle:transition` (or
 * `lifecycle`) column is honoured. Other columns are ignored. Empty lines
 * are skipped; a row with too few fields for the case, activity and
 * timestamp, no case, no activity or a timestamp that does not read is bad
 * (counted, with its line); one cut short before its resource has none.
 */
import Papa from 'papaparse';
import { ReadTally, type EventSink, type LogColumns, type LogProblem } from './events';
import { parseTimestamp } from './timestamp';

export type ColumnChoice = { [K in keyof LogColumns]?: string };

const FALLBACK: LogColumns = { case: 'case:concept:name', activity: 'concept:name', timestamp: 'time:timestamp', resource: 'org:resource' };
const DEFAULT: LogColumns = { case: 'case', activity: 'activity', timestamp: 'timestamp', resource: 'resource' };
const LIFECYCLE = ['lifecycle:transition', 'lifecycle'];

interface ColumnIndexes {
  case: number;
  activity: number;
  timestamp: number;
  /** -1: no resource column. */
  resource: number;
  /** -1: no lifecycle column. */
  lifecycle: number;
  /** The number of fields a row needs to hold the case, activity and timestamp (resource and lifecycle may be cut short). */
  needed: number;
}

/** Longer than any real row: past it, a row is a quote that never closes. */
const MAX_ROW = 1024 * 1024;

const norm = (s: string) => s.trim().toLowerCase();

/** White space at either end (or a CR left by a CRLF line end)? Then trimmed; most fields have none, and no copy is made. */
export function trimmed(s: string): string {
  return s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 ? s : s.trim();
}

function isBlank(s: string): boolean {
  return s.length === 0 || trimmed(s) === '';
}

function columnIndexes(header: string[], chosen: ColumnChoice): ColumnIndexes | LogProblem {
  const names = header.map((h, i) => norm(i === 0 ? h.replace(/^\ufeff/, '') : h));
  const find = (role: keyof LogColumns): number | LogProblem => {
    const explicit = chosen[role];
    if (explicit !== undefined) {
      const i = names.indexOf(norm(explicit));
      return i >= 0 ? i : { problem: `the log has no column \`${explicit}\` (learning.log's \`${role}\`); its columns: ${header.map((h) => h.trim()).join(', ')}` };
    }
    const i = names.indexOf(DEFAULT[role]);
    const j = i >= 0 ? i : names.indexOf(FALLBACK[role]);
    if (j >= 0 || role === 'resource') return j;
    return { problem: `the log has no column \`${DEFAULT[role]}\` (nor \`${FALLBACK[role]}\`); name it in learning.log's \`${role}\` — its columns: ${header.map((h) => h.trim()).join(', ')}` };
  };
  const out: Partial<ColumnIndexes> = {};
  for (const role of ['case', 'activity', 'timestamp', 'resource'] as const) {
    const i = find(role);
    if (typeof i !== 'number') return i;
    out[role] = i;
  }
  out.lifecycle = LIFECYCLE.map((l) => names.indexOf(l)).find((i) => i >= 0) ?? -1;
  out.needed = Math.max(out.case!, out.activity!, out.timestamp!) + 1;
  return out as ColumnIndexes;
}

/** Counts line breaks up to a position, moving forward only (one pass over each chunk at most). */
class LineCounter {
  private text = '';
  private pos = 0;
  /** Line (0-based) at `pos`. */
  private line = 0;

  /** The next chunk of text starts: `consumed` characters of the previous text were parsed. */
  reset(text: string, consumedLines: number): void {
    this.text = text;
    this.pos = 0;
    this.line = consumedLines;
  }

  /** Line (0-based) at `position`, which is never before the last one asked. */
  lineAt(position: number): number {
    let i = this.text.indexOf('\n', this.pos);
    while (i !== -1 && i < position) {
      this.line++;
      i = this.text.indexOf('\n', i + 1);
    }
    this.pos = position;
    return this.line;
  }
}

export async function readCsv(text: AsyncIterable<string>, chosen: ColumnChoice, sink: EventSink, tally: ReadTally): Promise<LogProblem | undefined> {
  let cols: ColumnIndexes | undefined;
  let problem: LogProblem | undefined;
  let rest = '';
  const lines = new LineCounter();
  let linesBefore = 0;
  /** Where the current row starts in the text being parsed. */
  let rowStart = 0;

  /** The row's line, counted only for a row that needs it. */
  const lineOf = (start: number) => lines.lineAt(start) + 1;

  const onRow = (row: string[], start: number, malformed: boolean) => {
    if (row.length === 1 && isBlank(row[0]!)) return; // an empty line
    if (!cols) {
      const c = columnIndexes(row, chosen);
      if ('problem' in c) problem = c;
      else cols = c;
      return;
    }
    if (malformed) return tally.badRecord(lineOf(start), 'a quoted field is not closed properly');
    if (row.length < cols.needed) return tally.badRecord(lineOf(start), `${row.length} field${row.length === 1 ? '' : 's'}: too few for the case, activity and timestamp columns`);
    const caseId = trimmed(row[cols.case]!);
    if (caseId === '') return tally.badRecord(lineOf(start), 'no case');
    const activity = row[cols.activity]!;
    if (isBlank(activity)) return tally.badRecord(lineOf(start), 'no activity');
    const ts = row[cols.timestamp]!;
    const time = parseTimestamp(ts);
    if (time === undefined) return tally.badRecord(lineOf(start), isBlank(ts) ? 'no timestamp' : `the timestamp \`${ts.trim()}\` is not ISO 8601`);
    if (cols.lifecycle >= 0 && tally.leftOut(row[cols.lifecycle])) return;
    tally.events++;
    sink.event(caseId, activity, time, cols.resource >= 0 ? trimmed(row[cols.resource] ?? '') : '');
  };

  const parseText = (input: string, last: boolean): number => {
    lines.reset(input, linesBefore);
    rowStart = 0;
    const parser = new Papa.Parser({
      delimiter: ',',
      newline: '\n',
      step: (r: Papa.ParseStepResult<string[]>) => {
        if (problem) return parser.abort();
        const rows = r.data as unknown as string[][];
        for (let k = 0; k < rows.length; k++) onRow(rows[k]!, rowStart, r.errors.length > 0);
        rowStart = r.meta.cursor;
      },
    });
    const res = parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
    const consumed = res.meta.cursor;
    linesBefore = lines.lineAt(consumed);
    return consumed;
  };

  /** After a row too long to be one: dropping text up to the next line break. */
  let skipping = false;
  for await (let chunk of text) {
    if (skipping) {
      const nl = chunk.indexOf('\n');
      if (nl < 0) continue;
      chunk = chunk.slice(nl + 1);
      linesBefore++;
      skipping = false;
    }
    const input = rest + chunk;
    const consumed = parseText(input, false);
    rest = input.slice(consumed);
    if (problem) return problem;
    if (rest.length > MAX_ROW) {
      // A row this long is a quote that never closes (or no CSV at all): report it once, go on after its last line break.
      tally.badRecord(linesBefore + 1, `a row of more than ${MAX_ROW / 1024 / 1024} MiB (a quote that never closes?)`);
      const nl = rest.lastIndexOf('\n');
      lines.reset(rest, linesBefore);
      linesBefore = lines.lineAt(nl + 1);
      skipping = nl < 0;
      rest = nl < 0 ? '' : rest.slice(nl + 1);
    }
  }
  if (rest !== '') parseText(rest, true);
  if (problem) return problem;
  if (!cols) return { problem: 'the log is empty (no header row)' };
  return undefined;
}
