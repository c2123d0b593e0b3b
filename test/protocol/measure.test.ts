/**
 * The learning loop in the editor, over stdio: an open unit's log is
 * measured off the requests' path, and its figures come back as code lenses,
 * a hover table and diagnostics — checked against `measureUnit` run here and
 * against small logs whose figures are worked out by hand.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver';
import { buildModel } from '../../server/src/core/model/build';
import { parseText } from '../../server/src/core/parse/parse';
import { isLogProblem, logSourceOf, measureUnit, type Measurement } from '../../server/src/core/measure';
import { nodeFileSystem } from '../../server/src/host/node/fileSystem';
import { MEASURED_NOTIFICATION, type DiagramResult, type MeasuredParams } from '../../server/src/protocol';
import { FileChange, richCapabilities, TestClient } from '../support/lspClient';
import { REFUNDS_CSV, REFUNDS_UNIT } from '../support/measuredUnit';

/** Collects `workunit/measured` notifications, and waits for the next one that matches. */
function measuredEvents(client: TestClient) {
  const seen: MeasuredParams[] = [];
  let waiters: { match: (p: MeasuredParams) => boolean; resolve: () => void }[] = [];
  client.connection.onNotification(MEASURED_NOTIFICATION, (p: MeasuredParams) => {
    seen.push(p);
    waiters = waiters.filter((w) => (w.match(p) ? (w.resolve(), false) : true));
  });
  return {
    seen,
    next: (uri: string, state: MeasuredParams['state']) =>
      new Promise<void>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no ${state} for ${uri}; log: ${client.logs.join(' | ')}`)), 30_000);
        waiters.push({ match: (p) => p.uri === uri && p.state === state, resolve: () => (clearTimeout(timer), res()) });
      }),
  };
}

/** "1,203" → 1203. */
const num = (s: string) => Number(s.replace(/,/g, ''));
/** The figure as shown: whole from 100 up, one decimal from 1, two significant digits below. */
const shown = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.abs(n) >= 1 ? Math.round(n * 10) / 10 : Number(n.toPrecision(2)));

describe('measuring in the editor: onboarding-review and its log', () => {
  let client: TestClient;
  let events: ReturnType<typeof measuredEvents>;
  const file = resolve('examples/onboarding-review.workunit.yaml');
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  let expected: Measurement;

  before(async () => {
    const unit = buildModel(parseText(text));
    const r = await measureUnit(unit, logSourceOf(unit, uri)!, nodeFileSystem);
    assert.ok(!isLogProblem(r));
    expected = r;
    client = new TestClient();
    events = measuredEvents(client);
    await client.initialize();
    const done = events.next(uri, 'done');
    await client.open(uri, text);
    await done;
  });
  after(() => client.shutdown());

  it('a code lens on each measured metric, on its id line, with the figures measureUnit gives', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    const lines = text.split('\n');
    const measured = lenses.filter((l) => l.command?.title.startsWith('measured'));
    const want = expected.metrics.filter((m) => m.cases !== null);
    assert.equal(measured.length, want.length);
    for (const m of want) {
      const lens = measured.find((l) => lines[l.range.start.line]!.includes(`id: ${m.id}`));
      assert.ok(lens, `no lens on ${m.id}'s line`);
      const title = lens.command!.title;
      const parts = /^measured ([\d.,]+) (\S+)(?: \(p90 ([\d.,]+) \S+\))? over ([\d,]+) cases? — (target ([\d.,]+) \S+ (met|not met)|no target)$/.exec(title);
      assert.ok(parts, title);
      assert.equal(num(parts[1]!), shown(m.value!), title);
      if (m.p90 !== null) assert.equal(num(parts[3]!), shown(m.p90), title);
      assert.equal(num(parts[4]!), m.cases);
      if (m.target === null) assert.equal(parts[5], 'no target');
      else {
        assert.equal(num(parts[6]!), m.target);
        // Met: at or beyond the target from the baseline's side (lower is better here: the targets are below the baselines).
        assert.equal(parts[7], m.value! <= m.target ? 'met' : 'not met');
      }
    }
    // This client cannot have watchers registered: none was asked for.
    assert.ok(!client.registrations.some((r) => JSON.stringify(r.registerOptions ?? {}).includes('onboarding-review.csv')));
    // Thousands separated.
    assert.ok(want.every((m) => m.cases! < 1000 || /\d,\d{3} cases/.test(measured.map((l) => l.command!.title).join(' '))));
  });

  it('a hover on a measured metric\'s id: the figures and a before/after table per dated change', async () => {
    const line = text.split('\n').findIndex((l) => l.includes('- id: cycle-time'));
    const character = text.split('\n')[line]!.indexOf('cycle-time') + 2;
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as Hover;
    const md = (h.contents as MarkupContent).value;
    // The figures first, and the log as the unit names it (its learning.log path), not the host's full path.
    assert.ok(md.startsWith('**Measured** from `logs/onboarding-review.csv`: '), md.slice(0, 120));
    assert.match(md, /\| metric \| measured \| p90 \| cases \| baseline \| target \|/);
    const m = expected.metrics.find((x) => x.id === 'cycle-time')!;
    assert.match(md, new RegExp(`\\| ${m.cases!.toLocaleString('en-US')} \\|`));
    assert.match(md, /\| date \| change \| `cycle-time` before \| `cycle-time` after \|/);
    for (const c of expected.changes) {
      // The change's text escaped as Markdown: `kyc-screen-v3` keeps its hyphens, a `.` or `:` is escaped.
      assert.ok(md.includes(`| ${c.date} |`), md);
      assert.ok(md.includes(c.change!.replace(/[\\`*_{}[\]()<>#.!|~&:@=$^]/g, '\\$&')), md);
    }
  });

  it('the diagram carries each step\'s event count and median, and marks drifted steps', async () => {
    const r = (await client.connection.sendRequest('workunit/diagram', { uri })) as DiagramResult;
    const nodes = r.diagram!.nodes;
    assert.equal(nodes.length, expected.boundary.length);
    for (const [i, b] of expected.boundary.entries()) {
      const n = nodes.find((x) => x.index === i)!;
      assert.equal(n.measured?.events, b.events, b.step);
      assert.equal(n.measured?.drift !== undefined, b.drifted, b.step);
      assert.match(n.texts.measured!.lines.join(' '), new RegExp(`^${b.events.toLocaleString('en-US')}\u00A0events?`), 'a figure and its unit joined by a no-break space');
    }
  });

  it('the hover on `learning.log` shows every measured metric', async () => {
    const line = text.split('\n').findIndex((l) => l.trim() === 'log:');
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } })) as Hover;
    const md = (h.contents as MarkupContent).value;
    for (const m of expected.metrics.filter((x) => x.cases !== null)) assert.ok(md.includes(`\`${m.id}\``), m.id!);
  });
});

describe('measuring in the editor: diagnostics from a log made here', () => {
  let client: TestClient;
  const dir = mkdtempSync(join(tmpdir(), 'workunit-measure-'));
  const unitFile = join(dir, 'refunds.workunit.yaml');
  const uri = pathToFileURL(unitFile).href;
  const UNIT = REFUNDS_UNIT;
  const CSV = REFUNDS_CSV;
  const rulesAt = (p: { diagnostics: { code?: string | number; range: { start: { line: number } } }[] }) =>
    p.diagnostics
      .filter((d) => ['log-unreadable', 'step-without-events', 'unmapped-activities', 'boundary-drift', 'metric-worse-than-baseline'].includes(String(d.code)))
      .map((d) => `${d.code}@${UNIT.split('\n')[d.range.start.line]!.trim()}`)
      .sort();

  before(async () => {
    writeFileSync(join(dir, 'log.csv'), CSV);
    writeFileSync(unitFile, UNIT);
    client = new TestClient();
    await client.initialize(null, { watchRegistration: true });
  });
  after(() => client.shutdown());

  it('a suppression of a measured rule is judged only once the log is measured', async () => {
    const u = pathToFileURL(join(dir, 'suppressed.workunit.yaml')).href;
    const text = UNIT.replace('  - id: decide', '  # workunit-disable-next-line boundary-drift -- nothing drifts here\n  - id: decide');
    const later = client.nextDiagnostics(u, (p) => p.diagnostics.some((d) => d.code === 'boundary-drift'));
    const first = await client.open(u, text);
    assert.equal(first.diagnostics.filter((d) => d.code === 'unused-suppression').length, 0, 'judged before the log was measured');
    assert.equal((await later).diagnostics.filter((d) => d.code === 'unused-suppression').length, 1);
    await client.close(u);
  });

  it('each measured rule fires at its range once the log is measured', async () => {
    const measured = client.nextDiagnostics(uri, (p) => rulesAt(p).length > 0);
    await client.open(uri, UNIT);
    assert.deepEqual(rulesAt(await measured), [
      'boundary-drift@- id: check',
      'metric-worse-than-baseline@- id: decision-time',
      'step-without-events@- id: archive',
      'unmapped-activities@log:',
    ]);
  });

  it('the log is watched; when it changes on disk, the unit is measured again', async () => {
    assert.ok(client.registrations.some((r) => JSON.stringify(r.registerOptions).includes('log.csv')), 'no watcher for the log');
    writeFileSync(join(dir, 'log.csv'), CSV.replace('r1,check,2026-01-05T08:00:00Z,agent', 'r1,check,2026-01-05T08:00:00Z,bot').replace(/Phone the customer,(.*),agent/g, 'archive,$1,bot'));
    const again = client.nextDiagnostics(uri, (p) => !rulesAt(p).includes('boundary-drift@- id: check'));
    await client.filesChanged([{ uri: pathToFileURL(join(dir, 'log.csv')).href, type: FileChange.Changed }]);
    assert.deepEqual(rulesAt(await again), ['metric-worse-than-baseline@- id: decision-time']);
  });

  it('a plain-text client gets the hover as plain text', async () => {
    const plain = new TestClient();
    try {
      const caps = richCapabilities();
      caps.textDocument!.hover = { contentFormat: ['plaintext'] };
      await plain.initialize(null, { capabilities: caps });
      const measuredOnce = new Promise<void>((res) => plain.connection.onNotification(MEASURED_NOTIFICATION, (p: MeasuredParams) => {
          if (p.state === 'done') res();
        }));
      await plain.open(uri, UNIT);
      await measuredOnce;
      const line = UNIT.split('\n').findIndex((l) => l.includes('- id: decision-time'));
      const h = (await plain.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 10 } })) as Hover;
      const c = h.contents as MarkupContent;
      assert.equal(c.kind, 'plaintext');
      assert.match(c.value, /decision-time \| 4 h \|/);
      assert.doesNotMatch(c.value, /`|\*\*/);
    } finally {
      await plain.shutdown();
    }
  });

  it('a log that does not exist is log-unreadable on the path, and no crash', async () => {
    const line = UNIT.split('\n').findIndex((l) => l.includes('path: log.csv'));
    const unreadable = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'log-unreadable'));
    await client.change(uri, { start: { line, character: 10 }, end: { line, character: 17 } }, 'nope.csv');
    const p = await unreadable;
    const d = p.diagnostics.find((x) => x.code === 'log-unreadable')!;
    assert.equal(d.range.start.line, line);
    assert.match(String(d.message), /no such file/);
    assert.equal(d.severity, 2);
    // The hover on the path says why there are no figures.
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 12 } })) as Hover;
    assert.match((h.contents as MarkupContent).value, /^\*\*Not measured\*\*: cannot read the log .*nope\\\.csv\\: no such file$/);
  });
});

describe('measuring in the editor: typing stays answered while a big log is measured', () => {
  let client: TestClient;
  let events: ReturnType<typeof measuredEvents>;
  const dir = mkdtempSync(join(tmpdir(), 'workunit-measure-big-'));
  const unitFile = join(dir, 'big.workunit.yaml');
  const uri = pathToFileURL(unitFile).href;
  const UNIT = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8').replace(/path: .*$/m, 'path: big.csv');

  before(async () => {
    // 200,000 rows: 50,000 cases of four steps.
    const rows = ['case_id,activity,completed_at,user'];
    const t0 = Date.UTC(2026, 0, 1);
    for (let c = 0; c < 50_000; c++) {
      const start = t0 + c * 600_000;
      for (const [k, a] of ['intake', 'screen', 'decide', 'notify'].entries()) rows.push(`C${c},${a},${new Date(start + k * 3_600_000).toISOString()},someone`);
    }
    writeFileSync(join(dir, 'big.csv'), `${rows.join('\n')}\n`);
    writeFileSync(unitFile, UNIT);
    client = new TestClient();
    events = measuredEvents(client);
    await client.initialize();
  });
  after(() => client.shutdown());

  it('a completion asked while the log is measured is answered before the measuring ends', async () => {
    const measuring = events.next(uri, 'measuring');
    const done = events.next(uri, 'done');
    await client.open(uri, UNIT);
    await measuring;
    const order: string[] = [];
    void done.then(() => order.push('measured'));
    const line = UNIT.split('\n').findIndex((l) => l.includes('performer:'));
    await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: UNIT.split('\n')[line]!.length } });
    order.push('completion');
    await done;
    assert.deepEqual(order, ['completion', 'measured']);
  });
});
