/**
 * An XES log (IEEE 1849), streamed through saxes: each trace's
 * `concept:name` is the case; each event's `concept:name`, `time:timestamp`,
 * `org:resource` and `lifecycle:transition` are read from the event's own
 * attributes (nested ones, globals, classifiers and extensions are
 * ignored, as is every other key). A trace's events are held until the trace
 * closes (its name may come after them), so memory is one trace at a time.
 * An event without a name or a readable timestamp, an event of a trace
 * without a name, and each XML error are bad (counted, with their line).
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

const EVENT_KEYS: Record<string, keyof Omit<PendingEvent, 'line'>> = {
  'concept:name': 'activity',
  'time:timestamp': 'timestamp',
  'org:resource': 'resource',
  'lifecycle:transition': 'lifecycle',
};

/** The local name: `xes:trace` → `trace`. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

export async function readXes(text: AsyncIterable<string>, sink: EventSink, tally: ReadTally): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const stack: string[] = [];
  let traceName: string | undefined;
  let traceLine = 0;
  let events: PendingEvent[] = [];
  let current: PendingEvent | undefined;

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = local(tag.name);
    const parent = stack.at(-1);
    stack.push(name);
    if (name === 'trace' && stack.length === 2) {
      traceName = undefined;
      traceLine = parser.line;
      events = [];
    } else if (name === 'event' && parent === 'trace' && stack.length === 3) {
      current = { line: parser.line };
    } else if (parent === 'event' && current && stack.length === 4) {
      const field = EVENT_KEYS[String(tag.attributes.key ?? '')];
      if (field) current[field] = String(tag.attributes.value ?? '');
    } else if (parent === 'trace' && stack.length === 3 && tag.attributes.key === 'concept:name') {
      traceName = String(tag.attributes.value ?? '');
    }
  });
  parser.on('closetag', () => {
    const name = stack.pop();
    if (name === 'event' && stack.length === 2 && current) {
      events.push(current);
      current = undefined;
    } else if (name === 'trace' && stack.length === 1) {
      flushTrace();
    }
  });
  parser.on('error', (e: Error) => tally.badRecord(parser.line, `not well-formed XML: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`));

  function flushTrace(): void {
    const caseId = traceName?.trim() ?? '';
    for (const e of events) {
      if (caseId === '') {
        tally.badRecord(e.line, `an event of the trace at line ${traceLine}, which has no concept:name`);
        continue;
      }
      if (e.activity === undefined || e.activity.trim() === '') {
        tally.badRecord(e.line, 'an event without concept:name');
        continue;
      }
      const time = e.timestamp === undefined ? undefined : parseTimestamp(e.timestamp);
      if (time === undefined) {
        tally.badRecord(e.line, e.timestamp === undefined ? 'an event without time:timestamp' : `the timestamp \`${e.timestamp}\` is not ISO 8601`);
        continue;
      }
      if (tally.leftOut(e.lifecycle)) continue;
      tally.events++;
      sink.event(caseId, e.activity, time, e.resource?.trim() ?? '');
    }
    events = [];
  }

  for await (const chunk of text) parser.write(chunk);
  parser.close();
  // A log cut off inside a trace: its whole events count, the one cut off is bad.
  if (current) tally.badRecord(current.line, 'an event cut off at the end of the log');
  if (stack.includes('trace')) flushTrace();
}
