/** `workunit measure`, run as a user runs it: the built binary (`node scripts/build.mjs` first), its output and exit codes. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { assertUsageError, runCli } from '../support/cli';
import { CSV, UNIT, XES } from '../support/measureLogs';

function catalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workunit-measure-'));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'claims.workunit.yaml'), UNIT);
  writeFileSync(join(dir, 'logs', 'claims.csv'), CSV);
  writeFileSync(join(dir, 'claims.xes.gz'), gzipSync(XES));
  return dir;
}

/** The figures test/unit/measure.test.ts works out by hand for this log (the CSV: two bad rows; the XES: one). */
function assertFigures(j: Record<string, unknown>, bad: number): void {
  assert.equal(j.unit, 'claims');
  assert.equal(j.cases, 5);
  assert.equal(j.events, 17);
  assert.equal(j.unmappedEvents, 3);
  assert.deepEqual(j.unmappedActivities, [
    { activity: 'Archive', events: 2 },
    { activity: 'misc', events: 1 },
  ]);
  const metrics = j.metrics as { id: string; value: number | null; met: boolean | null; cases: number | null }[];
  assert.deepEqual(
    metrics.map((m) => [m.id, m.met, m.cases]),
    [
      ['cycle', true, 5],
      ['exc', false, 5],
      ['tp', false, 5],
      ['quality', null, null],
      ['cycle-days', null, 5],
    ],
  );
  assert.equal(metrics[0]!.value, 4);
  assert.equal(metrics[3]!.value, null);
  assert.equal(j.exceptionRate, 40);
  assert.equal(j.conformance, 60);
  assert.ok(Math.abs((j.throughputPerWeek as number) - (5 / (29 + 14 / 24)) * 7) < 1e-9);
  assert.deepEqual(
    (j.boundary as { step: string; drifted: boolean }[]).map((b) => [b.step, b.drifted]),
    [
      ['intake', false],
      ['assess', true],
      ['decide', false],
      ['pay', false],
    ],
  );
  assert.equal((j.changes as unknown[]).length, 1);
  assert.equal((j.skipped as { bad: number }).bad, bad);
}

describe('workunit measure', () => {
  const dir = catalog();
  const file = join(dir, 'claims.workunit.yaml');

  it('--format json: the figures, in the shape the issue lists, from the log learning.log names (relative to the unit)', () => {
    const r = runCli(['measure', file, '--format', 'json'], tmpdir());
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const j = JSON.parse(r.out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(j), ['unit', 'cases', 'events', 'unmappedEvents', 'unmappedActivities', 'metrics', 'exceptionRate', 'conformance', 'throughputPerWeek', 'boundary', 'changes', 'log', 'format', 'skipped']);
    assert.deepEqual(Object.keys((j.metrics as object[])[0]!), ['id', 'kind', 'unit', 'value', 'p90', 'baseline', 'target', 'met', 'cases']);
    assert.deepEqual(Object.keys((j.boundary as object[])[0]!), ['step', 'declared', 'events', 'human', 'aiAgent', 'automation', 'drifted']);
    assert.deepEqual(Object.keys((j.changes as object[])[0]!), ['date', 'change', 'before', 'after']);
    assertFigures(j, 2);
    assert.equal(j.format, 'csv');
    assert.equal(j.log, relative(tmpdir(), join(dir, 'logs', 'claims.csv')), 'named relative to the current folder');
  });

  it('--log overrides learning.log, relative to the current folder: gzipped XES gives the same figures', () => {
    const r = runCli(['measure', file, '--log', 'claims.xes.gz', '--format=json'], dir);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    assert.equal(j.format, 'xes');
    assertFigures(j, 1);
  });

  it('text: a short report', () => {
    const r = runCli(['measure', file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^claims: 5 cases, 17 events from .*claims\.csv \(CSV\)\n/);
    assert.match(r.out, /cycle +measured 4 h \(p90 5 h\) over 5 cases — baseline 40, target 24 met/);
    assert.match(r.out, /Bad rows or events: 2/);
  });

  it('a log that cannot be read: one line on stderr, exit 1', () => {
    const r = runCli(['measure', file, '--log', 'nowhere.csv'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(r.err, 'workunit: cannot read the log nowhere.csv: no such file\n', 'named as typed, relative to the current folder');
    const folder = runCli(['measure', file, '--log', 'logs'], dir);
    assert.equal(folder.code, 1);
    assert.match(folder.err, /^workunit: cannot read the log .*logs: a folder, not a file\n$/);
    const noColumn = join(dir, 'odd.csv');
    writeFileSync(noColumn, 'a,b\n1,2\n');
    const odd = runCli(['measure', file, '--log', noColumn]);
    assert.equal(odd.code, 1);
    assert.match(odd.err, /^workunit: the log .*odd\.csv: the log has no column `Claim`/);
    assert.equal(odd.err.trim().split('\n').length, 1);
  });

  it('usage errors exit 2: no file, two files, an unknown format or option, a unit that names no log', () => {
    assertUsageError(runCli(['measure']), 'no file');
    assertUsageError(runCli(['measure', file, file]), 'two files');
    assertUsageError(runCli(['measure', file, '--format', 'xml']), 'format');
    assertUsageError(runCli(['measure', file, '--bogus']), 'option');
    assertUsageError(runCli(['measure', join(dir, 'none.workunit.yaml')]), 'missing file');
    const bare = join(dir, 'bare.workunit.yaml');
    writeFileSync(bare, 'workunit: 1\nid: bare\nname: Bare\n');
    const r = runCli(['measure', bare]);
    assertUsageError(r, 'no log');
    assert.match(r.err, /names no log .*--log PATH/);
  });

  it('a unit that is not valid YAML: exit 1, one line', () => {
    const broken = join(dir, 'broken.workunit.yaml');
    writeFileSync(broken, 'workunit: 1\nid: [\n');
    const r = runCli(['measure', broken]);
    assert.equal(r.code, 1);
    assert.match(r.err, /cannot measure: .*\(yaml-syntax\)\n$/);
  });
});

describe('workunit catalog: the measured figures of every unit with a log', () => {
  const dir = catalog();
  // A unit whose names from the files are markup, and one whose log is not there.
  writeFileSync(
    join(dir, 'odd.workunit.yaml'),
    'workunit: 1\nid: odd\nname: Odd\nsteps:\n  - id: s\n    activity: "<b>s</b>"\nlearning:\n  log: { path: "odd|<i>.csv" }\n  metrics:\n    - { id: ct, kind: cycle-time, target: 1 }\n',
  );
  writeFileSync(join(dir, 'odd|<i>.csv'), 'case,activity,timestamp\n1,<b>s</b>,2024-01-01T00:00Z\n1,*x* | <script>,2024-01-01T02:00Z\n');
  writeFileSync(join(dir, 'lost.workunit.yaml'), 'workunit: 1\nid: lost\nname: Lost\nlearning:\n  log: { path: gone.csv }\n');

  it('json: each unit carries its measurement, or the problem with its log', () => {
    const r = runCli(['catalog', dir, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const units = (JSON.parse(r.out) as { valueStreams: { units: { id: string; measured?: Record<string, unknown> }[] }[] }).valueStreams.flatMap((v) => v.units);
    const by = (id: string) => units.find((u) => u.id === id)!;
    assertFigures(by('claims').measured!, 2);
    assert.match(String(by('lost').measured!.problem), /cannot read the log .*gone\.csv: no such file/);
    // odd: one case of 2 h; it ends at an unmapped event, its last mapped event (s) is the last step: reached the end.
    assert.equal((by('odd').measured!.metrics as { value: number }[])[0]!.value, 2);
  });
  it('md and html: the figures, with what comes from the files escaped', () => {
    const md = runCli(['catalog'], dir);
    assert.equal(md.code, 0, md.err);
    assert.match(md.out, /\*\*Measured from its log\*\*: 5 cases, 17 events from `logs\/claims\.csv`/);
    assert.match(md.out, /\| `cycle` \| measured 4 h \\\(p90 5 h\\\) over 5 cases — baseline 40, target 24 met \|/);
    assert.match(md.out, /`cycle` 2\\\.5 → 5, `exc` 50 → 33\\\.3/);
    assert.match(md.out, /\| `assess` \| machine \| 3 \| 33% \/ 67% \/ 0% \| drifted \|/);
    assert.match(md.out, /cannot be measured — cannot read the log/);
    // Rendered, the names from the files are text: no element, no emphasis.
    const rendered = new MarkdownIt({ linkify: true }).render(md.out);
    assert.doesNotMatch(rendered, /<script>|<i>|<em>/);
    assert.match(rendered, /<code>\*x\* \| &lt;script&gt;<\/code>/);
    const html = runCli(['catalog', dir, '--format', 'html']);
    assert.equal(html.code, 0, html.err);
    assert.match(html.out, /<h4>Measured from its log<\/h4>/);
    assert.match(html.out, /&lt;script&gt;/);
    assert.doesNotMatch(html.out, /<script>|<i>/);
  });
});
