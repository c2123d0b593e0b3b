/**
 * `workunit measure` on the examples (their logs are examples/logs/): the
 * figures equal an independent computation over the same CSV
 * (test/support/referenceMeasure.ts), and the same events written as XES,
 * gzipped, give the same figures.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../support/cli';
import { EXAMPLES } from '../support/examples';
import { csvEvents, referenceMeasure, toXes } from '../support/referenceMeasure';

/** Equal, numbers within a relative 1e-9 (sums and divisions in another order). */
function assertClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${actual} ≠ ${expected}`);
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: ${JSON.stringify(actual)} is not an object`);
    for (const [k, v] of Object.entries(expected)) assertClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    if (Array.isArray(expected)) assert.equal((actual as unknown[]).length, expected.length, `${path}: length`);
  } else assert.equal(actual, expected, path);
}

describe('workunit measure on the examples', () => {
  const units = readdirSync(EXAMPLES).filter((f) => f.endsWith('.workunit.yaml')).sort();
  it('every example names a log', () => assert.equal(units.length, 3));
  for (const name of units) {
    const file = join(EXAMPLES, name);
    const text = readFileSync(file, 'utf8');
    const log = (parse(text) as { learning: { log: { path: string; case?: string; activity?: string; timestamp?: string; resource?: string } } }).learning.log;
    const events = csvEvents(readFileSync(join(EXAMPLES, log.path), 'utf8'), log);
    const expected = referenceMeasure(text, events);

    it(`${name}: --format json gives the figures of an independent computation over its CSV`, () => {
      const r = runCli(['measure', file, '--format', 'json']);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out) as Record<string, unknown>;
      assert.ok(expected.cases > 100, `${expected.cases} cases`);
      assertClose(j, expected);
      assert.deepEqual(j.skipped, { notComplete: 0, bad: 0, badRows: [] });
    });

    it(`${name}: the same events as gzipped XES give the same figures`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'workunit-examples-xes-'));
      const xes = join(dir, `${name}.xes.gz`);
      writeFileSync(xes, gzipSync(toXes(events)));
      const r = runCli(['measure', file, '--log', xes, '--format', 'json']);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out) as Record<string, unknown>;
      assert.equal(j.format, 'xes');
      assertClose(j, expected);
    });
  }
});
