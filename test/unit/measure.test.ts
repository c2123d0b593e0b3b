/**
 * Measuring a unit from its log (docs/format.md, "Measuring a unit from its
 * log"), over a small log written here by hand with every quirk of the issue
 * in it. The expected figures are worked out by hand in the comments, never
 * taken from the implementation's output.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/core/model/build';
import { parseText } from '../../server/src/core/parse/parse';
import { isMet, measureUnit, percentile, parseTimestamp, logSourceOf, measurementText, type LogFileSystem, type Measurement, type LogProblem } from '../../server/src/core/measure/index';
import { LogReadError } from '../../server/src/core/catalog/fileSystem';
import { WINDOW } from '../../server/src/core/measure/cases';
import { CSV, UNIT, XES } from '../support/measureLogs';



/**
 * The figures, by hand.
 * Cases: A, B, C, D, E (Z and the caseless row are bad) = 5.
 * Events that count: A 4, B 4, C 3 (the start event is left out), D 4, E 2 = 17.
 * Unmapped: Archive ×2 (D), misc ×1 (E) = 3.
 * Cycle times (all events, first to last) and whether the last mapped event ends the flow:
 *   A 08:00 → 12:00 = 4 h, last mapped pay (the last step) — reached the end;
 *   B 03-30 22:00Z → 03-31 03:00:00.123456Z = 5 h + 0.123456 s, last mapped decide (`reject: end`) — reached;
 *   C 08:00 → 10:00 = 2 h (sorted: intake, assess 09:30, decide), last decide — reached;
 *   D 00:00 → 05:00 = 5 h (the last event is unmapped but counts), last mapped pay — reached;
 *   E 20:00 → 21:00 = 1 h, last mapped withdrawn (`then: end`) — reached.
 * Sorted: 1, 2, 4, 5, 5+ε (ε = 0.123456 s). Median 4 h; p90: rank 0.9·4 = 3.6 → 5 + 0.6·ε.
 * Exception rate: B (fraud flagged), E (withdrawn) = 2 of 5 = 40 %.
 * Conformance: A intake→assess→decide→pay yes; B intake→assess→decide yes (the
 *   exception between is not a step); C sorted intake→assess→decide yes; D
 *   intake→pay no; E no step event, no. 3 of 5 = 60 %.
 * Throughput: first events A 03-01 08:00, E 03-01 20:00, D 03-02 00:00, C 03-03 08:00,
 *   B 03-30 22:00 (UTC): span 29 d 14 h; 5 cases / 29.5833 d.
 */
const EPS = 0.123456 / 3600; // hours
const SPAN_DAYS = 29 + 14 / 24;

function expectFull(r: Measurement, bad: number): void {
  assert.equal(r.unit, 'claims');
  assert.equal(r.cases, 5);
  assert.equal(r.events, 17);
  assert.equal(r.unmappedEvents, 3);
  assert.deepEqual(r.unmappedActivities, [
    { activity: 'Archive', events: 2 },
    { activity: 'misc', events: 1 },
  ]);
  assert.equal(r.skipped.notComplete, 1);
  assert.equal(r.skipped.bad, bad);
  const [cycle, exc, tp, quality, days] = r.metrics;
  assert.equal(cycle!.id, 'cycle');
  assert.equal(cycle!.unit, 'hours');
  assert.equal(cycle!.value, 4);
  close(cycle!.p90!, 5 + 0.6 * EPS);
  assert.equal(cycle!.cases, 5);
  assert.equal(cycle!.met, true); // 4 h, from 40 down to 24: at or below 24
  assert.deepEqual([cycle!.baseline, cycle!.target], [40, 24]);
  assert.deepEqual({ ...exc, value: Math.round(exc!.value! * 1e9) / 1e9 }, { id: 'exc', kind: 'exception-rate', unit: 'percent', value: 40, p90: null, baseline: 10, target: 5, met: false, cases: 5 });
  assert.equal(tp!.unit, 'per day');
  close(tp!.value!, 5 / SPAN_DAYS);
  assert.equal(tp!.met, false); // 0.17 a day, from 1 up to 2
  assert.deepEqual(quality, { id: 'quality', kind: 'quality', unit: 'percent', value: null, p90: null, baseline: 70, target: 90, met: null, cases: null });
  assert.equal(days!.unit, 'days');
  close(days!.value!, 4 / 24);
  assert.equal(days!.met, null); // no target
  close(r.exceptionRate!, 40);
  close(r.conformance!, 60);
  close(r.throughputPerWeek!, (5 / SPAN_DAYS) * 7);
  /*
   * Boundary (events whose resource maps to an actor with a kind):
   *   intake: A bot, B bot, C bot, D none → 4 events, 3 known, all automation; declared machine.
   *   assess: A gpt, B gpt, C alice (its start event left out) → 3 events, AI 2/3, human 1/3 > 1/10: drifted.
   *   decide: A alice, B " Bob " (trimmed, any case), C alice → 3 events, all human; declared human.
   *   pay: A bot, D none → 2 events, 1 known, automation.
   */
  assert.deepEqual(
    r.boundary.map((b) => ({ ...b, human: round(b.human), aiAgent: round(b.aiAgent), automation: round(b.automation) })),
    [
      { step: 'intake', declared: 'machine', events: 4, human: 0, aiAgent: 0, automation: 1, drifted: false },
      { step: 'assess', declared: 'machine', events: 3, human: round(1 / 3), aiAgent: round(2 / 3), automation: 0, drifted: true },
      { step: 'decide', declared: 'human', events: 3, human: 1, aiAgent: 0, automation: 0, drifted: false },
      { step: 'pay', declared: 'machine', events: 2, human: 0, aiAgent: 0, automation: 1, drifted: false },
    ],
  );
  /*
   * The change of 2024-03-02 splits at 2024-03-02T00:00Z by first event:
   *   before A (03-01 08:00), E (03-01 20:00); after D (03-02 00:00 — the start of the day is after), C, B.
   *   cycle: before 4 and 1 → 2.5 h; after 2, 5, 5+ε → 5 h.  cycle-days: 2.5/24, 5/24.
   *   exc: before E of 2 → 50 %; after B of 3 → 33.3 %.
   *   tp: before 2 cases over 12 h → 4 a day; after 3 over 03-02 00:00 → 03-30 22:00 = 28 d 22 h.
   * The entry whose date does not read is left out.
   */
  assert.equal(r.changes.length, 1);
  const ch = r.changes[0]!;
  assert.equal(ch.date, '2024-03-02');
  assert.equal(ch.change, 'Auto-assess');
  assert.deepEqual(Object.keys(ch.before), ['cycle', 'exc', 'tp', 'cycle-days']);
  close(ch.before.cycle!, 2.5);
  close(ch.after.cycle!, 5);
  close(ch.before['cycle-days']!, 2.5 / 24);
  close(ch.before.exc!, 50);
  close(ch.after.exc!, 100 / 3);
  close(ch.before.tp!, 4);
  close(ch.after.tp!, 3 / (28 + 22 / 24));
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);
const round = (n: number) => Math.round(n * 1e9) / 1e9;

/** A file system of bytes handed out in chunks of `chunk` bytes (a row, a quote, the BOM and a UTF-8 character split anywhere). */
export function bytesFs(files: Record<string, Uint8Array | string>, chunk = 1 << 16): LogFileSystem {
  const bytes = (f: string) => {
    const b = files[f];
    return typeof b === 'string' ? new TextEncoder().encode(b) : b;
  };
  return {
    async read(file) {
      const b = bytes(file);
      return b === undefined ? { missing: true } : { text: new TextDecoder().decode(b) };
    },
    async readBytes(file) {
      const b = bytes(file);
      if (b === undefined) return { missing: true };
      return {
        chunks: (async function* () {
          for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
        })(),
      };
    },
    display: (uri) => uri.replace('mem://host/', ''),
  };
}

const unit = buildModel(parseText(UNIT));
const UNIT_URI = 'mem://host/ws/claims.workunit.yaml';
const LOG_URI = 'mem://host/ws/logs/claims.csv';

async function measured(fs: LogFileSystem, uri = LOG_URI): Promise<Measurement> {
  const r = await measureUnit(unit, { uri, columns: { case: 'Claim', timestamp: 'When' } }, fs);
  if ('problem' in r) assert.fail(r.problem);
  return r;
}

describe('measure: a CSV log with every quirk', () => {
  it('finds the log learning.log names, relative to the unit file, with its columns', () => {
    assert.deepEqual(logSourceOf(unit, UNIT_URI), { uri: LOG_URI, columns: { case: 'Claim', timestamp: 'When' } });
  });
  for (const chunk of [1, 7, 64, 1 << 16]) {
    it(`gives the figures worked out by hand (chunks of ${chunk} bytes)`, async () => {
      expectFull(await measured(bytesFs({ [LOG_URI]: CSV }, chunk)), 2);
    });
  }
  it('reports the bad rows with their lines (a quoted line break counts)', async () => {
    const r = await measured(bytesFs({ [LOG_URI]: CSV }, 5));
    assert.deepEqual(r.skipped.badRows, [
      { line: 15, reason: 'the timestamp `yesterday` is not ISO 8601' },
      { line: 16, reason: 'no case' },
    ]);
  });
  it('reads CRLF line ends the same', async () => {
    expectFull(await measured(bytesFs({ [LOG_URI]: CSV.replace(/\n/g, '\r\n') }, 13)), 2);
  });
  it('reads the whole text where the host cannot stream bytes', async () => {
    const fs = bytesFs({ [LOG_URI]: CSV });
    expectFull(await measured({ read: fs.read, display: fs.display }), 2);
  });
  it('takes case:concept:name, concept:name, time:timestamp and org:resource where learning.log names no column', async () => {
    const xesNames = CSV.replace('Claim,ACTIVITY ,When,resource', 'case:concept:name,concept:name,time:timestamp,org:resource');
    const r = await measureUnit(unit, { uri: LOG_URI, columns: {} }, bytesFs({ [LOG_URI]: xesNames }));
    if ('problem' in r) assert.fail(r.problem);
    expectFull(r, 2);
  });
  it('a column learning.log names that the log lacks: one problem, naming the columns there are', async () => {
    const r = await measureUnit(unit, { uri: LOG_URI, columns: { case: 'case_id' } }, bytesFs({ [LOG_URI]: CSV }));
    assert.ok('problem' in r);
    assert.match((r as LogProblem).problem, /no column `case_id`.*Claim, ACTIVITY, When/);
  });
  it('a missing, an empty and a corrupt gzip log are problems, not crashes', async () => {
    const fs = bytesFs({ [LOG_URI]: '', 'mem://host/ws/bad.xes.gz': new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4, 5]) });
    assert.match(((await measureUnit(unit, { uri: 'mem://host/ws/nope.csv', columns: {} }, fs)) as LogProblem).problem, /cannot read the log ws\/nope\.csv: no such file/);
    assert.match(((await measureUnit(unit, { uri: LOG_URI, columns: {} }, fs)) as LogProblem).problem, /is empty/);
    assert.match(((await measureUnit(unit, { uri: 'mem://host/ws/bad.xes.gz', columns: {} }, fs)) as LogProblem).problem, /cannot read the log .*gzip/);
  });
  it('an error midway through the read is a problem', async () => {
    const fs: LogFileSystem = {
      read: async () => ({ missing: true }),
      readBytes: async () => ({
        chunks: (async function* () {
          yield new TextEncoder().encode('case,activity,timestamp\n');
          throw new LogReadError('EIO');
        })(),
      }),
      display: (u) => u,
    };
    assert.deepEqual(await measureUnit(unit, { uri: 'x.csv', columns: {} }, fs), { problem: 'cannot read the log x.csv: EIO' });
  });
  it('says it all in the text report', async () => {
    const text = measurementText(await measured(bytesFs({ [LOG_URI]: CSV })));
    assert.match(text, /^claims: 5 cases, 17 events from ws\/logs\/claims\.csv \(CSV\)/);
    assert.match(text, /cycle +measured 4 h \(p90 5 h\) over 5 cases — baseline 40, target 24 met/);
    assert.match(text, /quality +not measured from a log/);
    assert.match(text, /assess .*DRIFTED/);
    assert.match(text, /tp +measured 0\.169 per day/);
    assert.match(text, /Auto-assess: cycle 2\.5 → 5, exc 50 → 33\.3, tp 4 → 0\.104/);
    assert.match(text, /Unmapped: 3 events .* Archive \(2\), misc \(1\)/);
    assert.match(text, /1 event whose lifecycle:transition is not complete/);
    assert.match(text, /line 15: the timestamp `yesterday` is not ISO 8601/);
  });
});


describe('measure: an XES log, plain and gzipped', () => {
  const XES_URI = 'mem://host/ws/logs/claims.xes';
  for (const [name, bytes] of [
    ['plain', new TextEncoder().encode(XES)],
    ['gzipped', new Uint8Array(gzipSync(XES))],
  ] as const) {
    for (const chunk of [3, 1 << 16]) {
      it(`${name}, in chunks of ${chunk} bytes: the same figures as the CSV; the event without a timestamp is bad, with its line`, async () => {
        const r = await measured(bytesFs({ [XES_URI]: bytes }, chunk), XES_URI);
        assert.equal(r.format, 'xes');
        expectFull(r, 1);
        assert.deepEqual(r.skipped.badRows, [{ line: 35, reason: 'an event without time:timestamp' }]);
      });
    }
  }
  it('XML that is not well-formed: counted with its line, never a crash', async () => {
    const broken = XES.replace('<event><string key="concept:name" value="misc"/>', '<event><string key="concept:name" value="misc"></event>');
    const r = await measured(bytesFs({ [XES_URI]: broken }), XES_URI);
    assert.ok(r.skipped.bad >= 2);
    assert.ok(r.skipped.badRows.some((b) => /not well-formed XML/.test(b.reason)));
  });
});

describe('measure: the definitions, one by one', () => {
  it('reads timestamps: T or space, any fraction digits, offsets, no zone = UTC; rejects days that do not exist', () => {
    assert.equal(parseTimestamp('2024-03-31T03:30:00+02:00'), Date.UTC(2024, 2, 31, 1, 30));
    assert.equal(parseTimestamp('2024-10-27 02:30:00+01:00'), Date.UTC(2024, 9, 27, 1, 30));
    assert.equal(parseTimestamp('2024-01-01T00:00:00.5'), Date.UTC(2024, 0, 1) + 500);
    assert.equal(parseTimestamp('2024-01-01T00:00:00.123456789Z'), Date.UTC(2024, 0, 1) + 123.456789);
    assert.equal(parseTimestamp('2024-01-01T00:00:00-0530'), Date.UTC(2024, 0, 1, 5, 30));
    assert.equal(parseTimestamp('2024-01-01T00:00'), Date.UTC(2024, 0, 1));
    for (const bad of ['2024-02-30T00:00:00Z', '2023-02-29 10:00', '2024-13-01T00:00', 'yesterday', '', '2024-01-01']) assert.equal(parseTimestamp(bad), undefined, bad);
  });
  it('percentile: linear interpolation between closest ranks', () => {
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(percentile([10], 0.9), 10);
    close(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)!, 9.1); // rank 8.1
    assert.equal(percentile([], 0.5), null);
  });
  it('met: at or beyond the target in the direction from baseline to target', () => {
    assert.equal(isMet(24, 40, 24, 'cycle-time'), true);
    assert.equal(isMet(24.1, 40, 24, 'cycle-time'), false);
    assert.equal(isMet(90, 70, 90, 'quality'), true);
    assert.equal(isMet(89, 70, 90, 'quality'), false);
    assert.equal(isMet(3, undefined, 2, 'throughput'), true); // no baseline: throughput up, times and rates down
    assert.equal(isMet(3, undefined, 2, 'cycle-time'), false);
    assert.equal(isMet(3, 5, undefined, 'cycle-time'), null);
    assert.equal(isMet(null, 5, 2, 'cycle-time'), null);
  });
  it('mapping: activity, else id, else name; first claimant wins, steps before exceptions; an actor with resources is not its id', async () => {
    const u = buildModel(
      parseText(`workunit: 1
id: m
name: M
actors:
  ann: { kind: human, resources: [robot] }
  robot: { kind: automation }
steps:
  - id: a
    name: Shared
    performer: robot
  - id: b
    activity: [a, Other]
    performer: robot
  - id: c
    name: x
    performer: robot
exceptions:
  - id: other
  - id: x
learning:
  metrics: [{ id: ct, kind: cycle-time }]
`),
    );
    // "a" → step a (its id, first); "Other" → step b (before the exception named other);
    // "x" → exception x by its id (an id claims before a step's name); "shared" → step a by name.
    // resource robot → ann, a human: robot's own id is claimed by ann's resources first.
    const log = 'case,activity,timestamp,resource\n1,a,2024-01-01T00:00Z,robot\n1,Other,2024-01-01T01:00Z,robot\n1,X,2024-01-01T02:00Z,\n1,shared,2024-01-01T03:00Z,\n';
    const r = (await measureUnit(u, { uri: 'l.csv', columns: {} }, bytesFs({ 'l.csv': log }))) as Measurement;
    assert.deepEqual(
      r.boundary.map((b) => [b.step, b.events, b.human, b.drifted]),
      [
        ['a', 2, 1, true],
        ['b', 1, 1, true],
        ['c', 0, 0, false],
      ],
    );
    assert.equal(r.exceptionRate, 100);
    assert.equal(r.unmappedEvents, 0);
    // a (first step) → b (falls through) → a (not the flow): not conforming.
    assert.equal(r.conformance, 0);
    // The last mapped event is step a, which leads to b, not the end: no case reached the end.
    assert.deepEqual([r.metrics[0]!.value, r.metrics[0]!.cases, r.metrics[0]!.unit], [null, 0, 'hours']);
    assert.equal(r.throughputPerWeek, null); // one case: no span
  });
  it('conformance: a step an exception routes to may open a case; the same step again is fine', async () => {
    const u = buildModel(parseText('workunit: 1\nid: m\nname: M\nsteps:\n  - id: a\n  - id: b\n  - id: c\nexceptions:\n  - id: e\n    at: a\n    then: c\n'));
    const log = ['case,activity,timestamp', '1,c,2024-01-01T00:00Z', '2,a,2024-01-01T00:00Z', '2,a,2024-01-01T01:00Z', '2,c,2024-01-01T02:00Z', '3,b,2024-01-01T00:00Z', '4,a,2024-01-01T03:00Z', '4,b,2024-01-01T03:00Z', '5,b,2024-01-01T03:00Z', '5,a,2024-01-01T03:00Z'].join('\n');
    // 1: c (routed to by e) yes; 2: a a c (a→c by e's route) yes; 3: b first no; 4: a b (ties in file order) yes; 5: b a (ties in file order) no.
    const r = (await measureUnit(u, { uri: 'l.csv', columns: {} }, bytesFs({ 'l.csv': log }))) as Measurement;
    assert.equal(r.conformance, 60);
  });
  it('many cases (past any initial capacity), interleaved: the median and p90 of an independent calculation', async () => {
    const u = buildModel(parseText('workunit: 1\nid: m\nname: M\nsteps:\n  - id: a\n  - id: b\nlearning:\n  metrics: [{ id: ct, kind: cycle-time, unit: minutes }]\n'));
    const n = 2501;
    // Case i takes (i * 7919) % 1000 minutes; every case's first event comes before any second event.
    const minutes = Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    const t0 = Date.UTC(2024, 0, 1);
    const rows = ['case,activity,timestamp'];
    for (let i = 0; i < n; i++) rows.push(`c${i},a,${new Date(t0 + i * 1000).toISOString()}`);
    for (let i = 0; i < n; i++) rows.push(`c${i},b,${new Date(t0 + i * 1000 + minutes[i]! * 60_000).toISOString()}`);
    const r = (await measureUnit(u, { uri: 'l.csv', columns: {} }, bytesFs({ 'l.csv': rows.join('\n') }, 4096))) as Measurement;
    const sorted = [...minutes].sort((x, y) => x - y);
    // n = 2501: the median is the 1251st value (rank 1250); p90 at rank 2250 exactly.
    assert.equal(r.metrics[0]!.value, sorted[1250]);
    assert.equal(r.metrics[0]!.p90, sorted[2250]);
    assert.equal(r.cases, n);
    assert.equal(r.conformance, 100);
  });
  it('a case whose events come out of order long after its others (past the kept window): settled by a second pass', async () => {
    const u = buildModel(parseText('workunit: 1\nid: m\nname: M\nsteps:\n  - id: a\n  - id: b\nlearning:\n  metrics: [{ id: ct, kind: cycle-time }]\n'));
    const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();
    const n = WINDOW + 10;
    const rows = ['case,activity,timestamp', `x,a,${at(10)}`, `x,b,${at(20)}`, `y,b,${at(10)}`, `z,a,${at(10)}`];
    for (let i = 0; i < n; i++) rows.push(`c${i},a,${at(i)}`, `c${i},b,${at(i + 1)}`);
    // Late rows, earlier in time: x gets a before its a b (a a b: conforms); y gets a before its b (a b: conforms,
    // though b came first in the file); z gets b before its a (b a: does not).
    rows.push(`x,a,${at(5)}`, `y,a,${at(5)}`, `z,b,${at(5)}`);
    const r = (await measureUnit(u, { uri: 'l.csv', columns: {} }, bytesFs({ 'l.csv': rows.join('\n') }))) as Measurement;
    assert.equal(r.cases, n + 3);
    close(r.conformance!, (100 * (n + 2)) / (n + 3));
    // Cycle times: x 15 min, y 5, z 5, the others 1 each: the median is 1 min.
    close(r.metrics[0]!.value!, 1 / 60);
  });
  it('a log of a header only: no cases, every figure null, and the report still reads', async () => {
    const r = (await measureUnit(unit, { uri: 'l.csv', columns: { case: 'Claim', timestamp: 'When' } }, bytesFs({ 'l.csv': 'Claim,activity,When\n' }))) as Measurement;
    assert.deepEqual([r.cases, r.events, r.exceptionRate, r.conformance, r.throughputPerWeek], [0, 0, null, null, null]);
    assert.deepEqual(
      r.metrics.map((m) => [m.value, m.met]),
      [
        [null, null],
        [null, null],
        [null, null],
        [null, null],
        [null, null],
      ],
    );
    assert.deepEqual(r.changes[0]!.before, { cycle: null, exc: null, tp: null, 'cycle-days': null });
    assert.match(measurementText(r), /^claims: 0 cases, 0 events/);
    assert.match(measurementText(r), /cycle +no figure: no case reached the end/);
  });
  it('a row too short for its timestamp is bad, with its line; one cut short before its resource, or a wider one, is read', async () => {
    const log = 'case,activity,timestamp,resource\n1,a,2024-01-01T00:00Z\n2,a\n3,a,2024-01-01T00:00Z,x,extra,fields\n';
    const r = (await measureUnit(unit, { uri: 'l.csv', columns: {} }, bytesFs({ 'l.csv': log }))) as Measurement;
    assert.equal(r.events, 2);
    assert.deepEqual(r.skipped.badRows, [{ line: 3, reason: '2 fields: too few for the case, activity and timestamp columns' }]);
  });
});

describe('measure: each quirk of real logs, on its own', () => {
  // Two steps, a then b (the last: it ends the flow); cycle time in minutes.
  const ab = buildModel(parseText('workunit: 1\nid: ab\nname: AB\nsteps:\n  - id: a\n  - id: b\nlearning:\n  metrics: [{ id: ct, kind: cycle-time, unit: minutes }]\n'));
  const run = async (log: string | Uint8Array, uri = 'l.csv') => {
    const r = await measureUnit(ab, { uri, columns: {} }, bytesFs({ [uri]: log }, 5));
    if ('problem' in r) assert.fail(r.problem);
    return r;
  };
  const H = 'case,activity,timestamp\n';

  it('mixed zone offsets across a daylight-saving change', async () => {
    // 01:30 +02:00 is 23:30Z the day before; 02:30 +01:00 (after clocks went back) is 01:30Z: 120 minutes, not 60.
    const r = await run(`${H}1,a,2024-10-27T01:30:00+02:00\n1,b,2024-10-27T02:30:00+01:00\n`);
    assert.equal(r.metrics[0]!.value, 120);
  });
  it('fractional seconds, any number of digits', async () => {
    // 00:00:00.25 → 00:01:30.7500 is 90.5 s; 00:00:00.000000001 → 00:00:30.1 is 30.099999999 s.
    const r = await run(`${H}1,a,2024-01-01T00:00:00.25Z\n1,b,2024-01-01T00:01:30.7500Z\n2,a,2024-01-01T00:00:00.000000001Z\n2,b,2024-01-01T00:00:30.1Z\n`);
    close(r.metrics[0]!.value!, (90.5 + 30.099999999) / 2 / 60);
  });
  it('XES-style column names: case:concept:name, concept:name, time:timestamp, org:resource', async () => {
    const r = await run('case:concept:name,concept:name,time:timestamp,org:resource\n1,a,2024-01-01T00:00Z,x\n1,b,2024-01-01T00:10Z,x\n');
    assert.deepEqual([r.cases, r.events, r.metrics[0]!.value], [1, 2, 10]);
  });
  it('lifecycle:transition start/complete pairs: only complete events count, and the others are counted', async () => {
    // Counted: a at 00:10, b at 00:30 → 20 minutes (the start at 00:00 would make it 30).
    const csv = `case,activity,timestamp,lifecycle:transition\n1,a,2024-01-01T00:00Z,start\n1,a,2024-01-01T00:10Z,complete\n1,b,2024-01-01T00:20Z,START\n1,b,2024-01-01T00:30Z,Complete\n`;
    const r = await run(csv);
    assert.deepEqual([r.events, r.skipped.notComplete, r.metrics[0]!.value], [2, 2, 20]);
    const xes = `<log><trace><string key="concept:name" value="1"/>${[
      ['a', '00:00', 'start'],
      ['a', '00:10', 'complete'],
      ['b', '00:20', 'start'],
      ['b', '00:30', 'complete'],
    ]
      .map(([a, t, l]) => `<event><string key="concept:name" value="${a}"/><date key="time:timestamp" value="2024-01-01T${t}:00Z"/><string key="lifecycle:transition" value="${l}"/></event>`)
      .join('')}</trace></log>`;
    const x = await run(xes, 'l.xes');
    assert.deepEqual([x.events, x.skipped.notComplete, x.metrics[0]!.value], [2, 2, 20]);
  });
  it('events out of order in the file', async () => {
    // b (00:30) comes before a (00:00) in the file: sorted a → b, the flow; b is last, so the case reached the end.
    const r = await run(`${H}1,b,2024-01-01T00:30Z\n1,a,2024-01-01T00:00Z\n`);
    assert.deepEqual([r.conformance, r.metrics[0]!.value, r.metrics[0]!.cases], [100, 30, 1]);
  });
  it('quoted commas and line breaks in CSV fields (and the lines counted after them)', async () => {
    const csv = `case,activity,timestamp,note\n"1","a",2024-01-01T00:00Z,"one, two"\n1,b,2024-01-01T00:05Z,"three\nlines\nhere"\n1,b,never,x\n`;
    const r = await run(csv);
    assert.deepEqual([r.events, r.metrics[0]!.value], [2, 5]);
    assert.deepEqual(r.skipped.badRows, [{ line: 6, reason: 'the timestamp `never` is not ISO 8601' }]);
  });
  it('a quoted activity with a comma maps to the step that names it', async () => {
    const u = buildModel(parseText('workunit: 1\nid: q\nname: Q\nsteps:\n  - id: a\n    activity: "Check, then sign"\n'));
    const r = (await measureUnit(u, { uri: 'l.csv', columns: {} }, bytesFs({ 'l.csv': `${H}1,"Check, then sign",2024-01-01T00:00Z\n` }))) as Measurement;
    assert.deepEqual([r.unmappedEvents, r.boundary[0]!.events], [0, 1]);
  });
  it('a byte-order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${H}1,a,2024-01-01T00:00Z\n1,b,2024-01-01T00:01Z\n`)]);
    const r = await run(bytes);
    assert.deepEqual([r.events, r.metrics[0]!.value], [2, 1]);
  });
  it('empty trailing lines (and blank ones in between)', async () => {
    const r = await run(`${H}1,a,2024-01-01T00:00Z\n\n1,b,2024-01-01T00:01Z\n\n\n   \n`);
    assert.deepEqual([r.events, r.skipped.bad], [2, 0]);
  });
  it('unknown columns and XES attributes are ignored', async () => {
    const r = await run('id,when_logged,case,x,activity,y,timestamp,z\n9,yesterday,1,?,a,,2024-01-01T00:00Z,\n9,,1,,b,!,2024-01-01T00:01Z,\n');
    assert.deepEqual([r.events, r.skipped.bad, r.metrics[0]!.value], [2, 0, 1]);
    const xes = `<log><string key="creator" value="x"/><trace><int key="cost" value="3"/><string key="concept:name" value="1"/>
      <event><string key="concept:name" value="a"/><float key="cost" value="1.5"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/><container key="c"><string key="concept:name" value="nested"/></container></event>
      <event><boolean key="ok" value="true"/><string key="concept:name" value="b"/><date key="time:timestamp" value="2024-01-01T00:01:00Z"/><id key="identity:id" value="x"/></event></trace></log>`;
    const x = await run(xes, 'l.xes');
    assert.deepEqual([x.events, x.skipped.bad, x.unmappedEvents, x.metrics[0]!.value], [2, 0, 0, 1]);
  });
  it('a quote that never closes: one bad row from its line to the end, never a crash', async () => {
    const r = await run(`${H}1,a,2024-01-01T00:00Z\n2,"a,2024-01-01T00:00Z\n3,b,2024-01-01T00:00Z\n`);
    assert.deepEqual([r.events, r.skipped.badRows], [1, [{ line: 3, reason: 'a quoted field is not closed properly' }]]);
  });
  it('a line of megabytes: reported once, and the rows after it are read', async () => {
    const log = `${H}1,a,2024-01-01T00:00Z\n${'x'.repeat(3_000_000)}\n1,b,2024-01-01T00:05Z\n`;
    const r = await measureUnit(ab, { uri: 'l.csv', columns: {} }, bytesFs({ 'l.csv': log }, 65536));
    if ('problem' in r) assert.fail(r.problem);
    assert.deepEqual([r.events, r.metrics[0]!.value, r.skipped.badRows], [2, 5, [{ line: 3, reason: 'a row of more than 1 MiB (a quote that never closes?)' }]]);
  });
  it('an XES log cut off inside a trace: its whole events count, the one cut off is bad, the XML errors are said', async () => {
    const xes = '<log><trace><string key="concept:name" value="1"/>\n<event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>\n<event><string key="concept:name" value="b"/>';
    const r = await run(xes, 'l.xes');
    assert.equal(r.events, 1);
    assert.ok(r.skipped.badRows.some((b) => b.line === 3 && b.reason === 'an event cut off at the end of the log'));
    assert.ok(r.skipped.badRows.some((b) => /not well-formed XML: .*unclosed tag/.test(b.reason)));
  });
});
