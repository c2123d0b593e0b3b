/**
 * The server's measuring schedule (lsp/measurements.ts) with a host made
 * here: debounced, cached by log, size, mtime and the unit's measureKey — an
 * edit the figures do not depend on reads no log — measured again when the
 * log changes on disk, and superseded runs aborted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { LevelResolver } from '../../server/src/core/config/levels';
import type { Measurement } from '../../server/src/core/measure/measure';
import { buildModel } from '../../server/src/core/model/build';
import type { UnitModel } from '../../server/src/core/model/types';
import { parseText } from '../../server/src/core/parse/parse';
import type { ServerHost } from '../../server/src/host/host';
import { readClientSupport } from '../../server/src/lsp/clientSupport';
import { LogMeasurements } from '../../server/src/lsp/measurements';
import { REFUNDS_UNIT } from '../support/measuredUnit';

const URI = 'file:///w/refunds.workunit.yaml';
const LOG = 'file:///w/log.csv';

function setup() {
  const timers: (() => void)[] = [];
  const measured: string[] = [];
  const notes: string[] = [];
  const registered: unknown[] = [];
  let stat = { kind: 'file' as const, size: 100, mtime: 1 };
  let pending: ((r: Measurement) => void)[] = [];
  const host = {
    keyOf: (u: string) => u,
    fs: { stat: async () => stat },
    scheduler: { now: () => 0, soon: (fn: () => void) => timers.push(fn), after: (_: number, fn: () => void) => timers.push(fn) },
    measurer: {
      measure: (text: string, _uri: string, signal: AbortSignal) =>
        new Promise<Measurement | undefined>((res) => {
          measured.push(text);
          signal.addEventListener('abort', () => res(undefined));
          pending.push(res);
        }),
    },
  } as unknown as ServerHost;
  const connection = {
    sendNotification: async (_: string, p: { state: string }) => void notes.push(p.state),
    sendRequest: async () => null,
    client: { register: async (_: unknown, o: unknown) => void registered.push(o) },
    console: { warn() {}, error() {} },
  } as unknown as Connection;
  let unit: UnitModel = buildModel(parseText(REFUNDS_UNIT));
  const republished: string[] = [];
  const support = readClientSupport({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } });
  const m = new LogMeasurements(connection, host, () => support, () => ({ unitOf: () => unit, republish: (uris) => republished.push(...uris) }));
  const tick = async () => {
    for (let i = 0; i < 5; i++) {
      for (const fn of timers.splice(0)) fn();
      await new Promise((r) => setImmediate(r));
    }
  };
  const finish = () => {
    for (const res of pending.splice(0)) res(FAKE);
  };
  return {
    m, measured, notes, registered, republished, tick, finish,
    setUnit: (text: string) => (unit = buildModel(parseText(text))),
    unit: () => unit,
    touch: () => (stat = { ...stat, mtime: stat.mtime + 1 }),
  };
}

const FAKE = { unit: 'refunds', cases: 0, events: 0, unmappedEvents: 0, unmappedActivities: [], metrics: [], exceptionRate: null, conformance: null, throughputPerWeek: null, boundary: [], changes: [], log: 'log.csv', format: 'csv', skipped: { notComplete: 0, bad: 0, badRows: [] } } as unknown as Measurement;

describe('LogMeasurements', () => {
  it('measures once the changes pause, then keeps the measurement for edits that change no figure', async () => {
    const s = setup();
    s.m.changed(URI);
    s.m.changed(URI);
    assert.equal(s.m.findingsFor(URI, s.unit(), new LevelResolver()), undefined, 'not measured yet: undefined, not []');
    await s.tick();
    assert.equal(s.measured.length, 1, 'two changes, one measuring');
    s.finish();
    await s.tick();
    assert.deepEqual(s.notes, ['measuring', 'done']);
    assert.deepEqual(s.republished, [URI]);
    // The fake measurement has no event: log-unreadable says so.
    assert.deepEqual(s.m.findingsFor(URI, s.unit(), new LevelResolver())?.map((f) => f.rule), ['log-unreadable']);
    // The watcher: the log's folder and name.
    assert.deepEqual(s.registered, [{ watchers: [{ globPattern: { baseUri: 'file:///w', pattern: 'log.csv' } }] }]);

    // An edit of the statement: the same key, no read.
    s.setUnit(REFUNDS_UNIT.replace('within 24 hours', 'within a day'));
    s.m.changed(URI);
    await s.tick();
    assert.equal(s.measured.length, 1);
    assert.ok(s.m.resultFor(URI, s.unit()));

    // An edit of the mapping: the old measurement no longer holds, a new one is read.
    s.setUnit(REFUNDS_UNIT.replace('baseline: 2', 'baseline: 3'));
    assert.equal(s.m.resultFor(URI, s.unit()), undefined);
    s.m.changed(URI);
    await s.tick();
    assert.equal(s.measured.length, 2);
    s.finish();
    await s.tick();
    // Back to the first mapping: from the cache, no read.
    s.setUnit(REFUNDS_UNIT);
    s.m.changed(URI);
    await s.tick();
    assert.equal(s.measured.length, 2);
    assert.ok(s.m.resultFor(URI, s.unit()));
  });

  it('measures again when the log changes on disk, and a newer run aborts the older', async () => {
    const s = setup();
    s.m.changed(URI);
    await s.tick();
    s.finish();
    await s.tick();
    s.touch();
    s.m.filesChanged([{ uri: LOG, type: 2 }]);
    await s.tick();
    assert.equal(s.measured.length, 2);
    // While it runs, the log changes again: the running one is aborted, a third reads the log.
    s.touch();
    s.m.filesChanged([{ uri: LOG, type: 2 }]);
    await s.tick();
    assert.equal(s.measured.length, 3);
    s.finish();
    await s.tick();
    assert.deepEqual(s.notes, ['measuring', 'done', 'measuring', 'measuring', 'done']);
    // A file that is not the log changes nothing.
    s.m.filesChanged([{ uri: 'file:///w/other.csv', type: 2 }]);
    await s.tick();
    assert.equal(s.measured.length, 3);
  });

  it('an edit that changes no figure while the log is read lets the reading finish; a file event drops what was kept of that log', async () => {
    const s = setup();
    s.m.changed(URI);
    await s.tick();
    assert.equal(s.measured.length, 1);
    // Typing in the statement while a big log is read: the same key, the same job.
    s.setUnit(REFUNDS_UNIT.replace('within 24 hours', 'within a day'));
    s.m.changed(URI);
    await s.tick();
    assert.equal(s.measured.length, 1);
    s.finish();
    await s.tick();
    assert.deepEqual(s.notes, ['measuring', 'done']);
    // The log is rewritten within the clock's resolution (same size and mtime): the event alone makes it read again.
    s.m.filesChanged([{ uri: LOG, type: 2 }]);
    await s.tick();
    assert.equal(s.measured.length, 2);
  });

  it('a unit without a log has nothing to measure: [] (its measured suppressions are judged)', () => {
    const s = setup();
    const unit = buildModel(parseText(REFUNDS_UNIT.replace(/^ {2}log:\n {4}path: log.csv\n/m, '')));
    assert.deepEqual(s.m.findingsFor(URI, unit, new LevelResolver()), []);
  });
});
