/**
 * The catalog view's protocol over stdio: `workunit/catalog` lists every unit
 * of the workspace with its four-element status and finding counts,
 * `workunit/catalogChanged` follows files created on disk and edits, and
 * `workunit/catalogReport` renders the Markdown report. Waits are on
 * notifications, never on sleeps.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CATALOG_CHANGED_NOTIFICATION, CATALOG_REPORT_REQUEST, CATALOG_REQUEST, type CatalogReportResult, type CatalogResult, type CatalogViewUnit } from '../../server/src/protocol';
import { FileChange, TestClient } from '../support/lspClient';
import { ALL_COMPLETE } from '../support/examples';

const EXAMPLE = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');

function unit(id: string, valueStream: string | undefined, name = `Unit ${id}`): string {
  const t = EXAMPLE.replace(/^id: .*$/m, `id: ${id}`).replace(/^name: .*$/m, `name: ${name}`);
  return valueStream === undefined ? t.replace(/^valueStream: .*\n/m, '') : t.replace(/^valueStream: .*$/m, `valueStream: ${valueStream}`);
}
/** The same unit without its learning block (the last top-level block of the example). */
function withoutLearning(text: string): string {
  const i = text.search(/^learning:/m);
  assert.ok(i > 0, 'the example has a learning block');
  const rest = text.slice(i + 1).search(/^\S/m);
  return text.slice(0, i) + (rest >= 0 ? text.slice(i + 1 + rest) : '');
}

describe('the catalog view protocol', () => {
  let root: string;
  let client: TestClient;
  const path = (rel: string) => join(root, rel);
  const uri = (rel: string) => pathToFileURL(path(rel)).href;
  let changes = 0;
  let changeWaiters: (() => void)[] = [];
  const nextChange = (timeoutMs = 15000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${CATALOG_CHANGED_NOTIFICATION} within ${timeoutMs} ms`)), timeoutMs);
      changeWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const catalog = async () => ((await client.connection.sendRequest(CATALOG_REQUEST, {})) as CatalogResult).units;
  const byId = (units: CatalogViewUnit[], id: string) => units.find((u) => u.id === id);

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'workunit-catalog-view-'));
    writeFileSync(path('complete.workunit.yaml'), unit('complete-unit', 'alpha-stream', 'Complete unit'));
    writeFileSync(path('plateau.workunit.yaml'), withoutLearning(unit('plateau-unit', 'beta-stream')));
    writeFileSync(path('loose.workunit.yml'), unit('loose-unit', undefined));
    client = new TestClient();
    client.connection.onNotification(CATALOG_CHANGED_NOTIFICATION, () => {
      changes++;
      for (const w of changeWaiters.splice(0)) w();
    });
    await client.initialize(root, { workDoneProgress: true, watchRegistration: true });
    await client.progressEnded();
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists every unit with its elements and finding counts (after the first scan)', async () => {
    const units = await catalog();
    assert.deepEqual(units.map((u) => u.id).sort(), ['complete-unit', 'loose-unit', 'plateau-unit']);
    const complete = byId(units, 'complete-unit')!;
    assert.equal(complete.uri, uri('complete.workunit.yaml'));
    assert.equal(complete.name, 'Complete unit');
    assert.equal(complete.valueStream, 'alpha-stream');
    assert.deepEqual(complete.elements, { ...ALL_COMPLETE, states: { ...ALL_COMPLETE.states }, lines: [...ALL_COMPLETE.lines] });
    assert.deepEqual(complete.findings, { error: 0, warning: 0, info: 0 });
    const plateau = byId(units, 'plateau-unit')!;
    assert.equal(plateau.elements.learning, false);
    assert.equal(plateau.elements.count, 3);
    assert.equal(plateau.elements.label, '3 of 4 — no learning loop: the unit will plateau');
    assert.equal(plateau.elements.states.learning, 'missing');
    assert.equal(plateau.elements.lines[3], '✗ 4. learning loop: missing');
    assert.ok(plateau.findings.warning >= 1, JSON.stringify(plateau.findings));
    assert.equal(byId(units, 'loose-unit')!.valueStream, undefined);
  });

  it('answers from an open document’s current text, and says when its summary changes', async () => {
    const u = uri('complete.workunit.yaml');
    const text = unit('complete-unit', 'alpha-stream', 'Complete unit');
    await client.open(u, text);
    const changed = nextChange();
    await client.change(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
    const i = text.search(/^learning:/m);
    const line = text.slice(0, i).split('\n').length - 1;
    const lines = text.split('\n').length - 1;
    await client.change(u, { start: { line, character: 0 }, end: { line: lines, character: 0 } }, '');
    await changed;
    const complete = byId(await catalog(), 'complete-unit')!;
    assert.equal(complete.elements.learning, false);
    assert.equal(complete.elements.count, 3);
    await client.close(u);
  });

  it('sends catalogChanged when a unit file is created on disk, and lists it', async () => {
    const before = changes;
    writeFileSync(path('fresh.workunit.yaml'), unit('fresh-unit', 'alpha-stream'));
    const changed = nextChange();
    await client.filesChanged([{ uri: uri('fresh.workunit.yaml'), type: FileChange.Created }]);
    await changed;
    assert.ok(changes > before);
    const fresh = byId(await catalog(), 'fresh-unit');
    assert.ok(fresh, 'the new unit is listed');
    assert.equal(fresh.elements.count, 4);
    assert.equal(fresh.uri, uri('fresh.workunit.yaml'));
  });

  it('sends no catalogChanged for a watched-file event that changes nothing', async () => {
    // A re-read of identical text is no change; a creation afterwards is the next notification.
    const before = changes;
    await client.filesChanged([{ uri: uri('fresh.workunit.yaml'), type: FileChange.Changed }]);
    writeFileSync(path('other.workunit.yaml'), unit('other-unit', 'gamma-stream'));
    const changed = nextChange();
    await client.filesChanged([{ uri: uri('other.workunit.yaml'), type: FileChange.Created }]);
    await changed;
    assert.equal(changes, before + 1);
  });

  it('renders the Markdown catalog report with a heading per value stream', async () => {
    const { markdown } = (await client.connection.sendRequest(CATALOG_REPORT_REQUEST, {})) as CatalogReportResult;
    assert.match(markdown, /^#+ .*alpha-stream/m);
    assert.match(markdown, /^#+ .*beta-stream/m);
    assert.match(markdown, /plateau-unit/);
    assert.match(markdown, /\(no value stream\)/);
  });
});

describe('the catalog report measures every unit that names a log, as `workunit catalog` does', () => {
  let root: string;
  let client: TestClient;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'workunit-catalog-report-'));
    cpSync('examples', join(root, 'examples'), { recursive: true });
    client = new TestClient();
    await client.initialize(root, { workDoneProgress: true, watchRegistration: true });
    await client.progressEnded();
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the figures of closed and open units, the log named by its place in the workspace, and why a log cannot be read', async () => {
    // One unit open (its own measurement is used once in), the others read from disk.
    const open = pathToFileURL(join(root, 'examples', 'incident-triage.workunit.yaml')).href;
    await client.open(open, readFileSync('examples/incident-triage.workunit.yaml', 'utf8'));
    writeFileSync(join(root, 'examples', 'lost.workunit.yaml'), readFileSync('examples/onboarding-review.workunit.yaml', 'utf8').replace(/^id: .*$/m, 'id: lost-log').replace('logs/onboarding-review.csv', 'logs/missing.csv'));
    await client.filesChanged([{ uri: pathToFileURL(join(root, 'examples', 'lost.workunit.yaml')).href, type: FileChange.Created }]);
    const { markdown } = (await client.connection.sendRequest(CATALOG_REPORT_REQUEST, {})) as CatalogReportResult;
    // The same figures `workunit catalog examples` prints for the examples (README, "The learning loop, measured").
    assert.match(markdown, /320 cases, 1274 events from `examples\/logs\/onboarding-review\.csv`/);
    assert.match(markdown, /`cycle-time` \| measured 29 h \\\(p90 57\\\.5 h\\\) over 314 cases/);
    assert.match(markdown, /420 cases, 1705 events from `examples\/logs\/incident-triage\.csv`/);
    assert.match(markdown, /260 cases, 1130 events from `examples\/logs\/invoice-matching\.csv`/);
    assert.match(markdown, /### `lost-log`[^#]*cannot be measured — cannot read the log .*missing/);
    await client.close(open);
  });
});
