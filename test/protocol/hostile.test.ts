/**
 * Hostile inputs over LSP (issue 9), against the built server as an editor
 * drives it: each hostile text opened as a document gets one clear finding
 * (or, for the 1 MB lines, the findings of the clean unit it is: none), the
 * server stays the same process, forgets the document once it is closed,
 * and keeps answering another document meanwhile. Then a workspace full of
 * hostile files: the catalog scan completes, says in the log what it skips,
 * and workspace symbols and the catalog still answer.
 *
 * "Another document is not held up" is an order of events, not a stopwatch:
 * the server reads every message as it comes and analyses a document only
 * after the messages already received (unitDocuments.ts), so a request on
 * another document, sent right behind the hostile text, is answered before
 * the hostile document's diagnostics are published. A server that did the
 * hostile work as it received the text would answer after. How long the
 * hostile work takes is measured by `npm run bench`, never here.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, SymbolKind, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CATALOG_REQUEST, SERVER_STATUS_REQUEST, type CatalogResult, type ServerStatusResult } from '../../server/src/protocol';
import { bigUnit, cleanUnit, CLEAN_UNIT, hostileInputs, longFlowLine, MB, MILLION, writeHostileFolder } from '../support/hostile';
import { TestClient } from '../support/lspClient';
import { canRead, readableBundle, unprivileged, unprivilegedUser } from '../support/unprivileged';

const uriOf = (name: string) => pathToFileURL(resolve('hostile', name)).href;

describe('hostile documents over LSP', () => {
  let client: TestClient;
  let pid: number;
  let cleanSummary: string;
  let otherSymbols: string;
  const other = uriOf('other.workunit.yaml');
  const status = () => client.connection.sendRequest(SERVER_STATUS_REQUEST) as Promise<ServerStatusResult>;
  /** The diagnostics of a clean unit, as the server publishes them: codes, ranges, severities. */
  const summary = (p: PublishDiagnosticsParams) => JSON.stringify(p.diagnostics.map((d) => [d.code, d.range, d.severity]));
  const symbolsOf = async (uri: string) => JSON.stringify(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }));

  /**
   * Opens `text` as `uri` and, right behind it, asks for the other document's
   * outline. Resolves with the hostile document's diagnostics once both have
   * come, after checking their order and the outline.
   */
  async function openBehindOther(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const events: string[] = [];
    const hostile = client.open(uri, text).then((p) => (events.push('hostile diagnostics'), p));
    const symbols = symbolsOf(other).then((s) => (events.push('other outline'), s));
    const [p, s] = await Promise.all([hostile, symbols]);
    assert.deepEqual(events, ['other outline', 'hostile diagnostics'], 'the other document is answered before the hostile one is published');
    assert.equal(s, otherSymbols, 'the other document is answered right');
    return p;
  }

  before(async () => {
    client = new TestClient(['--stdio']);
    await client.initialize();
    // The other document: open throughout, with the diagnostics and outline of a clean unit.
    cleanSummary = summary(await client.open(other, CLEAN_UNIT));
    otherSymbols = await symbolsOf(other);
    assert.ok(JSON.parse(otherSymbols).length > 0);
    pid = (await status()).pid;
  });
  after(() => client.shutdown());

  for (const h of hostileInputs()) {
    it(`${h.name}: ${h.expect ? 'one yaml-syntax finding' : 'analysed, no finding'}; another document answered first; forgotten once closed`, async (t) => {
      const uri = uriOf(`${h.name}.workunit.yaml`);
      // Closed whatever happens, so one failure does not fail the tests after it.
      let closed = false;
      t.after(async () => {
        if (!closed) await client.close(uri).catch(() => undefined);
      });
      const p = await openBehindOther(uri, h.text());
      if (h.expect === null) assert.equal(summary(p), cleanSummary, 'the long line is just a long name or list');
      else {
        assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics).slice(0, 1000));
        const [d] = p.diagnostics;
        assert.equal(d.code, 'yaml-syntax');
        assert.equal(d.severity, DiagnosticSeverity.Error);
        assert.match(String(d.message), h.expect);
      }
      const open = await status();
      assert.equal(open.pid, pid, 'the same server process');
      assert.deepEqual([open.openDocuments, open.analysesHeld], [2, 2], 'the other document and this one');

      await client.close(uri);
      closed = true;
      const afterClose = await status();
      assert.deepEqual([afterClose.openDocuments, afterClose.analysesHeld], [1, 1], 'only the other document is held');
    });
  }

  it('a 5 MB unit is refused at its first line, without a parse: no outline', async () => {
    const uri = uriOf('refused.workunit.yaml');
    const p = await openBehindOther(uri, bigUnit(5 * MB));
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.start, d.range.end]), [['yaml-syntax', { line: 0, character: 0 }, { line: 0, character: 'workunit: 1'.length }]]);
    assert.match(String(p.diagnostics[0].message), /so it is not checked/);
    assert.equal(await symbolsOf(uri), 'null', 'no model, so no outline');
    await client.close(uri);
  });

  it('an edit that makes a unit hostile, and one that makes it clean again', async () => {
    const uri = uriOf('edited.workunit.yaml');
    assert.equal(summary(await client.open(uri, CLEAN_UNIT)), cleanSummary);
    const all = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };
    const deep = await client.change(uri, all, `${'['.repeat(10_000)}`);
    assert.match(String(deep.diagnostics[0]?.message), /nested more than 100 levels deep/);
    assert.equal(summary(await client.change(uri, all, CLEAN_UNIT)), cleanSummary);
    await client.close(uri);
  });

  it('a 1 MB flow sequence of 330,000 unknown metrics: refused for its item count; another document answered first', async () => {
    const uri = uriOf('flow-unknown.workunit.yaml');
    const p = await openBehindOther(uri, longFlowLine(MILLION, true));
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['yaml-syntax']);
    assert.match(String(p.diagnostics[0].message), /more than 50,000 items/);
    await client.close(uri);
  });

  it('is still the same process, holding the other document only, and diagnoses it exactly as at first', async () => {
    const s = await status();
    assert.equal(s.pid, pid);
    assert.equal(client.child.exitCode, null);
    assert.deepEqual([s.openDocuments, s.analysesHeld], [1, 1]);
    assert.equal(summary(await client.change(other, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '')), cleanSummary);
    assert.doesNotMatch(client.stderr, /RangeError|Maximum call stack/);
    assert.deepEqual(client.logs.filter((l) => /failed/i.test(l)), []);
  });
});

describe('a workspace of hostile files', () => {
  let root: string;
  let client: TestClient;
  let fifo = false;
  const path = (name: string) => join(root, name);

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'workunit-hostile-ws-'));
    chmodSync(root, 0o755);
    ({ fifo } = writeHostileFolder(root));
    // The server runs as a user that mode 000 keeps out (as root: nobody), so the unreadable file is one.
    assert.equal(canRead(path('clean.workunit.yaml')), true, `${unprivilegedUser} reads the workspace`);
    assert.equal(canRead(path('unreadable.workunit.yaml')), false, `${unprivilegedUser} cannot read a file of mode 000 (does this runner ignore permissions?)`);
    client = new TestClient(['--stdio'], [], { serverBin: readableBundle('server.js'), ...unprivileged });
    await client.initialize(root, { workDoneProgress: true, unrelatedUser: unprivileged.uid !== undefined });
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it(`scans to the end as ${unprivilegedUser}, a log line for each thing it skips, and keeps answering`, async (t) => {
    // Opened as the scan starts: diagnosed right (how soon is the bench's to measure).
    const uri = pathToFileURL(path('clean.workunit.yaml')).href;
    const p = await client.open(uri, cleanUnit('clean-unit'));
    assert.equal(p.diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint).length, 0);
    await client.progressEnded(30_000);
    const done = client.logs.find((l) => /^Catalog: \d+ unit files/.test(l));
    assert.ok(done, client.logs.join('\n'));
    t.diagnostic(done);
    const expected = [
      /six-mb\.workunit\.yaml: \d+ bytes, more than the 1048576 a unit may have; skipped\.$/,
      /five-mb-unit\.workunit\.yaml: \d+ bytes, more than the 1048576 a unit may have; skipped\.$/,
      /dangling\.workunit\.yaml: a symbolic link that leads nowhere \(ENOENT\); skipped\.$/,
      /self\.workunit\.yaml: a symbolic link that leads nowhere \(ELOOP\); skipped\.$/,
      /loop: a folder already searched \(a symlink loop, or a second way to it\); skipped\.$/,
      /folder\.workunit\.yaml: a folder, not a unit file; searched as a folder\.$/,
      ...(fifo ? [/pipe\.workunit\.yaml: not a regular file \(a pipe, socket or device\); skipped\.$/] : []),
      /unreadable\.workunit\.yaml: cannot be read \(EACCES.*\); skipped\.$/,
    ];
    for (const re of expected) assert.ok(client.logs.some((l) => re.test(l)), `${re} in the log:\n${client.logs.join('\n')}`);
    const s = (await client.connection.sendRequest(SERVER_STATUS_REQUEST)) as ServerStatusResult;
    assert.equal(client.child.exitCode, null);
    assert.deepEqual([s.openDocuments, s.analysesHeld], [1, 1], 'the open document only: the scanned files are the catalog\'s');
    await client.close(uri);
  });

  it('answers workspace symbols and the catalog: the units that parse, none of the refused', async () => {
    // Units are module symbols, their id the container.
    const ids = new Set((await client.workspaceSymbols('')).filter((s) => s.kind === SymbolKind.Module).map((s) => s.containerName));
    for (const id of ['clean-unit', 'inside-unit', 'long-name']) assert.ok(ids.has(id), `${id} in ${[...ids].join(', ')}`);
    for (const id of ['six-mb', 'big-unit', 'unreadable-unit', 'long-flow']) assert.equal(ids.has(id), false, id);
    const units = ((await client.connection.sendRequest(CATALOG_REQUEST, {})) as CatalogResult).units;
    const files = units.map((u) => u.uri.split('/').pop());
    assert.ok(files.includes('inside.workunit.yaml') && files.includes('clean.workunit.yaml'), files.join(', '));
    for (const skipped of ['six-mb.workunit.yaml', 'five-mb-unit.workunit.yaml', 'self.workunit.yaml', 'dangling.workunit.yaml', 'pipe.workunit.yaml', 'unreadable.workunit.yaml']) {
      assert.equal(files.includes(skipped), false, skipped);
    }
  });
});
