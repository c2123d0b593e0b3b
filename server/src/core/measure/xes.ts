/**
 * An XES log (IEEE 1849), streamed through saxes: each trace's
 * `concept:name` is the case; each event's `concept:name`, `time:timestamp`,
 * `org:resource` and `lifecycle:transition` are read from the event's own
 * attributes (nested ones, globals, classifiers and extensions are
 * ignored, as is every other key). An event is handed on when it closes; in
 * a trace whose name comes after its events, they wait for it (memory: one
 * trace at a time). An event without a name or a readable timestamp, an
 * event of a trace without a name, and each XML error are bad (counted, with
 * their line).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ReadTally, type EventSink } from './events';
import { parseTimestamp } from './timestamp';

interface PendingEvent {
  line: number;
  activity?: string;
  timestamp?: string;
  resource?: string;
  lifecycle?: string;
}

/** The local name: `xes:trace` → `trace`. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export async function readXes(text: AsyncIterable<string>, sink: EventSink, tally: ReadTally): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  /** Element depth: 1 the log, 2 a trace, 3 an event (or a trace's attribute), 4 an event's attribute. */
  let depth = 0;
  let inTrace = false;
  let inEvent = false;
  let traceName: string | undefined;
  let traceLine = 0;
  /** Events of the current trace that came before its name. */
  let waiting: PendingEvent[] = [];
  /** The open event's fields. */
  let e: PendingEvent = { line: 0 };

  const emit = (caseId: string, ev: PendingEvent) => {
    if (caseId === '') return tally.badRecord(ev.line, `an event of the trace at line ${traceLine}, which has no concept:name`);
    if (ev.activity === undefined || ev.activity.trim() === '') return tally.badRecord(ev.line, 'an event without concept:name');
    const time = ev.timestamp === undefined ? undefined : parseTimestamp(ev.timestamp);
    if (time === undefined) return tally.badRecord(ev.line, ev.timestamp === undefined ? 'an event without time:timestamp' : `the timestamp \`${ev.timestamp}\` is not ISO 8601`);
    if (tally.leftOut(ev.lifecycle)) return;
    tally.events++;
    sink.event(caseId, ev.activity, time, ev.resource?.trim() ?? '');
  };
  const closeTrace = () => {
    const caseId = traceName?.trim() ?? '';
    for (const ev of waiting) emit(caseId, ev);
    waiting = [];
    inTrace = false;
  };

  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    if (depth === 4 && inEvent) {
      const key = tag.attributes.key;
      if (key === 'concept:name') e.activity = tag.attributes.value ?? '';
      else if (key === 'time:timestamp') e.timestamp = tag.attributes.value ?? '';
      else if (key === 'org:resource') e.resource = tag.attributes.value ?? '';
      else if (key === 'lifecycle:transition') e.lifecycle = tag.attributes.value ?? '';
      return;
    }
    if (depth === 3 && inTrace) {
      if (local(tag.name) === 'event') {
        inEvent = true;
        e = { line: parser.line };
      } else if (tag.attributes.key === 'concept:name') {
        traceName = tag.attributes.value ?? '';
        const caseId = traceName.trim();
        for (const ev of waiting) emit(caseId, ev);
        waiting = [];
      }
      return;
    }
    if (depth === 2 && local(tag.name) === 'trace') {
      inTrace = true;
      traceName = undefined;
      traceLine = parser.line;
    }
  });
  parser.on('closetag', () => {
    if (depth === 3 && inEvent) {
      inEvent = false;
      if (traceName === undefined) waiting.push(e);
      else emit(traceName.trim(), e);
    } else if (depth === 2 && inTrace) closeTrace();
    depth--;
  });
  parser.on('error', (err: Error) => tally.badRecord(parser.line, `not well-formed XML: ${err.message.replace(/^[^:]*:\d+:\d+: /, '')}`));

  for await (const chunk of text) parser.write(chunk);
  parser.close();
  // A log cut off inside a trace: its whole events count, the one cut off is bad.
  if (inEvent) tally.badRecord(e.line, 'an event cut off at the end of the log');
  if (inTrace) closeTrace();
}
