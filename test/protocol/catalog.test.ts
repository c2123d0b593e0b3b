/**
 * The workspace catalog over stdio: the server indexes the workspace folder
 * (with progress), keeps it current from file events and open documents,
 * publishes the catalog rules' findings in every open file they concern and
 * answers workspace symbols. Each test works in a temporary folder it
 * writes; waits are on notifications, never on sleeps.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SymbolKind, type PublishDiagnosticsParams, type WorkDoneProgressBegin } from 'vscode-languageserver-protocol';
import { FileChange, TestClient } from '../support/lspClient';

const EXAMPLE = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');

/** A complete unit (no finding above hint) with this id and value stream. */
function unit(id: string, valueStream = `${id}-stream`, name = `Unit ${id}`): string {
  return EXAMPLE.replace(/^id: .*$/m, `id: ${id}`).replace(/^valueStream: .*$/m, `valueStream: ${valueStream}`).replace(/^name: .*$/m, `name: ${name}`);
}

/** The range of the value of a top-level key, as LSP lines and columns. */
function valueRange(text: string, key: string) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith(`${key}: `));
  assert.ok(line >= 0, `no ${key}`);
  const start = key.length + 2;
  return { start: { line, character: start }, end: { line, character: lines[line].length } };
}

const has = (rule: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === rule);
const lacks = (rule: string) => (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.code === rule);

describe('the workspace catalog', () => {
  let root: string;
  let client: TestClient;
  const path = (rel: string) => join(root, rel);
  const uri = (rel: string) => pathToFileURL(path(rel)).href;
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(path(rel)), { recursive: true });
    writeFileSync(path(rel), text);
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'workunit-catalog-'));
    write('workunit.config.yaml', 'ignore: [drafts/**]\n');
    for (let i = 1; i <= 10; i++) write(`big/unit-${String(i).padStart(2, '0')}.workunit.yaml`, unit(`big-${i}`, 'big-stream'));
    write(
      'library/claims.workunit.yml',
      unit('expense-claims', 'record-to-report', 'Expense claim approval').replace('  analyst:', '  claims-auditor: { kind: human, role: Auditor }\n  analyst:').replace('  - id: intake', '  - id: verify-receipts\n    name: Verify the receipts\n    performer: claims-auditor\n  - id: intake'),
    );
    write('drafts/draft.workunit.yaml', unit('drafted').replace('  - id: intake', '  - id: secret-draft-step\n    performer: crm\n  - id: intake'));
    write('node_modules/pkg/vendored.workunit.yaml', unit('drafted'));
    write('not-a-unit.workunit.yaml/inner.txt', 'a folder named like a unit');
    client = new TestClient();
    await client.initialize(root, { workDoneProgress: true, watchRegistration: true });
    await client.progressEnded();
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('indexes the folder with work-done progress, and registers file watching', () => {
    assert.equal(client.progressTokens.length >= 1, true, 'window/workDoneProgress/create');
    const token = client.progressTokens[0];
    const mine = client.progress.filter((p) => p.token === token).map((p) => p.value);
    assert.equal(mine[0].kind, 'begin');
    assert.match((mine[0] as WorkDoneProgressBegin).title, /work units/i);
    assert.equal(mine.at(-1)?.kind, 'end');
    assert.ok(mine.some((v) => v.kind === 'report' && /11 unit files/.test(v.message ?? '')), JSON.stringify(mine));
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (watch?.registerOptions as { watchers: { globPattern: string }[] } | undefined)?.watchers.map((w) => w.globPattern);
    assert.ok(globs?.includes('**/*.workunit.{yaml,yml}'), JSON.stringify(client.registrations));
  });

  it('reports duplicate-unit-id at the id value in both open files, and clears both when one is renamed', async () => {
    // Two documents the editor has open (not saved to disk yet).
    const a = uri('open/a.workunit.yaml');
    const b = uri('open/b.workunit.yaml');
    const text = unit('shared-id');
    assert.deepEqual((await client.open(a, text)).diagnostics, [], 'a complete unit, alone with its id');
    const aJoined = client.nextDiagnostics(a, has('duplicate-unit-id'));
    const bOpened = await client.open(b, text);
    for (const [p, other] of [[bOpened, 'open/a.workunit.yaml'], [await aJoined, 'open/b.workunit.yaml']] as const) {
      const dups = p.diagnostics.filter((d) => d.code === 'duplicate-unit-id');
      assert.equal(dups.length, 1, JSON.stringify(p.diagnostics));
      assert.deepEqual(dups[0].range, valueRange(text, 'id'));
      assert.equal(dups[0].severity, 1);
      assert.match(String(dups[0].message), new RegExp(`\\b${other.replace(/\./g, '\\.')}\\b`));
    }
    // Rename B's id by an incremental change: both clear.
    const aCleared = client.nextDiagnostics(a, lacks('duplicate-unit-id'));
    const bRenamed = await client.change(b, valueRange(text, 'id'), 'renamed-id');
    assert.deepEqual(bRenamed.diagnostics, []);
    assert.deepEqual((await aCleared).diagnostics, []);
    await client.close(a);
    await client.close(b);
  });

  it('applies levels and suppressions to catalog findings, and judges suppressions of catalog rules', async () => {
    const twin = uri('open/twin.workunit.yaml');
    const quiet = uri('open/quiet.workunit.yaml');
    const lonely = uri('open/lonely.workunit.yaml');
    await client.open(twin, unit('twin-id'));
    const silenced = unit('twin-id').replace('id: twin-id', '# workunit-disable-next-line duplicate-unit-id -- migrating\nid: twin-id');
    const q = await client.open(quiet, silenced);
    assert.deepEqual(q.diagnostics, [], 'silenced, and the suppression is used');
    // Nothing to silence: the catalog is known, so the suppression is judged unused.
    const l = await client.open(lonely, silenced.replace(/twin-id/g, 'lonely-id'));
    assert.deepEqual(l.diagnostics.map((d) => d.code), ['unused-suppression']);
    // A level from the editor settings.
    client.settings = { rules: { 'duplicate-unit-id': 'warning' } };
    const warned = client.nextDiagnostics(twin, (p) => p.diagnostics.some((d) => d.code === 'duplicate-unit-id' && d.severity === 2));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workunit: client.settings } });
    await warned;
    client.settings = {};
    const back = client.nextDiagnostics(twin, (p) => p.diagnostics.some((d) => d.code === 'duplicate-unit-id' && d.severity === 1));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workunit: {} } });
    await back;
    for (const u of [twin, quiet, lonely]) await client.close(u);
  });

  it('a file created on disk joins the catalog; deleted, it leaves', async () => {
    const text = unit('born-later');
    const open = await client.open(uri('open/c.workunit.yaml'), text);
    assert.deepEqual(open.diagnostics, []);
    const joined = client.nextDiagnostics(uri('open/c.workunit.yaml'), has('duplicate-unit-id'));
    write('later/d.workunit.yaml', text);
    await client.filesChanged([{ uri: uri('later/d.workunit.yaml'), type: FileChange.Created }]);
    const dup = (await joined).diagnostics.find((d) => d.code === 'duplicate-unit-id')!;
    assert.match(String(dup.message), /later\/d\.workunit\.yaml/);
    assert.deepEqual(dup.range, valueRange(text, 'id'));
    const left = client.nextDiagnostics(uri('open/c.workunit.yaml'), lacks('duplicate-unit-id'));
    rmSync(path('later/d.workunit.yaml'));
    await client.filesChanged([{ uri: uri('later/d.workunit.yaml'), type: FileChange.Deleted }]);
    assert.deepEqual((await left).diagnostics, []);
    await client.close(uri('open/c.workunit.yaml'));
  });

  it('a folder deleted or created on disk is one event: its units leave or join', async () => {
    const u = uri('open/folder-watch.workunit.yaml');
    await client.open(u, unit('in-a-folder'));
    const joined = client.nextDiagnostics(u, has('duplicate-unit-id'));
    write('moved/deep/x.workunit.yaml', unit('in-a-folder'));
    await client.filesChanged([{ uri: uri('moved'), type: FileChange.Created }]);
    assert.match(String((await joined).diagnostics.find((d) => d.code === 'duplicate-unit-id')!.message), /moved\/deep\/x\.workunit\.yaml/);
    const left = client.nextDiagnostics(u, lacks('duplicate-unit-id'));
    rmSync(path('moved'), { recursive: true });
    await client.filesChanged([{ uri: uri('moved'), type: FileChange.Deleted }]);
    assert.deepEqual((await left).diagnostics, []);
    await client.close(u);
  });

  it('a file changed on disk is read again (the same event twice is harmless)', async () => {
    const text = unit('edited-on-disk');
    await client.open(uri('open/e.workunit.yaml'), text);
    const joined = client.nextDiagnostics(uri('open/e.workunit.yaml'), has('duplicate-unit-id'));
    write('big/unit-01.workunit.yaml', unit('edited-on-disk', 'big-stream'));
    // As VS Code sends it: from its own watcher and from the server's registration.
    await client.filesChanged([{ uri: uri('big/unit-01.workunit.yaml'), type: FileChange.Changed }]);
    await client.filesChanged([{ uri: uri('big/unit-01.workunit.yaml'), type: FileChange.Changed }]);
    await joined;
    const left = client.nextDiagnostics(uri('open/e.workunit.yaml'), lacks('duplicate-unit-id'));
    write('big/unit-01.workunit.yaml', unit('big-1', 'big-stream'));
    await client.filesChanged([{ uri: uri('big/unit-01.workunit.yaml'), type: FileChange.Changed }]);
    assert.deepEqual((await left).diagnostics, []);
    await client.close(uri('open/e.workunit.yaml'));
  });

  it('eleven units in a value stream give value-stream-size at the valueStream value; ten do not', async () => {
    const text = unit('eleventh', 'big-stream');
    const u = uri('open/eleventh.workunit.yaml');
    const p = await client.open(u, text);
    const size = p.diagnostics.filter((d) => d.code === 'value-stream-size');
    assert.equal(size.length, 1, JSON.stringify(p.diagnostics));
    assert.deepEqual(size[0].range, valueRange(text, 'valueStream'));
    assert.equal(size[0].severity, 3);
    assert.match(String(size[0].message), /11 units/);
    // Out of the stream: ten remain, no finding.
    const moved = await client.change(u, valueRange(text, 'valueStream'), 'small-stream');
    assert.deepEqual(moved.diagnostics, []);
    // Back in: eleven again; then one of the ten is deleted on disk: ten, no finding.
    const back = await client.change(u, valueRange(text.replace('valueStream: big-stream', 'valueStream: small-stream'), 'valueStream'), 'big-stream');
    assert.ok(has('value-stream-size')(back));
    const ten = client.nextDiagnostics(u, lacks('value-stream-size'));
    rmSync(path('big/unit-10.workunit.yaml'));
    await client.filesChanged([{ uri: uri('big/unit-10.workunit.yaml'), type: FileChange.Deleted }]);
    assert.deepEqual((await ten).diagnostics, []);
    await client.close(u);
    write('big/unit-10.workunit.yaml', unit('big-10', 'big-stream'));
    await client.filesChanged([{ uri: uri('big/unit-10.workunit.yaml'), type: FileChange.Created }]);
  });

  it('an open document\'s text wins over the disk; closed, the disk speaks again', async () => {
    const other = uri('open/other.workunit.yaml');
    await client.open(other, unit('live-id'));
    // On disk big/unit-02 says big-2; in the editor it says live-id.
    const disk = unit('big-2', 'big-stream');
    const joined = client.nextDiagnostics(other, has('duplicate-unit-id'));
    await client.open(uri('big/unit-02.workunit.yaml'), disk.replace('id: big-2', 'id: live-id'));
    await joined;
    const left = client.nextDiagnostics(other, lacks('duplicate-unit-id'));
    await client.close(uri('big/unit-02.workunit.yaml'));
    assert.deepEqual((await left).diagnostics, []);
    await client.close(other);
  });

  it('finds units, actors and steps of files that are not open', async () => {
    const file = uri('library/claims.workunit.yml');
    const units = await client.workspaceSymbols('expense claim');
    const u = units.find((s) => s.kind === SymbolKind.Module);
    assert.equal(u?.name, 'Expense claim approval');
    assert.equal(u?.location.uri, file);
    assert.equal(u?.containerName, 'expense-claims');
    assert.deepEqual(u?.location.range.start, { line: 1, character: 4 });
    const byId = await client.workspaceSymbols('expense-claims');
    assert.ok(byId.some((s) => s.kind === SymbolKind.Module && s.location.uri === file), 'a unit is found by its id too');
    const actor = (await client.workspaceSymbols('Claims-Auditor')).filter((s) => s.kind === SymbolKind.Class);
    assert.deepEqual(
      actor.map((s) => [s.name, s.location.uri, s.containerName]),
      [['claims-auditor', file, 'expense-claims']],
    );
    const text = readFileSync(path('library/claims.workunit.yml'), 'utf8');
    const step = (await client.workspaceSymbols('VERIFY-rec')).filter((s) => s.kind === SymbolKind.Function);
    assert.deepEqual(
      step.map((s) => [s.name, s.location.uri, s.location.range.start.line]),
      [['verify-receipts', file, text.split('\n').findIndex((l) => l.includes('- id: verify-receipts'))]],
    );
    assert.equal(step[0].location.range.start.character, '  - id: '.length);
    // Every unit, and none from the ignored drafts or node_modules.
    const all = await client.workspaceSymbols('');
    assert.equal(all.filter((s) => s.kind === SymbolKind.Module).length, 11);
    assert.deepEqual(await client.workspaceSymbols('secret-draft'), []);
  });

  it('keeps drafts/** out by the ignore globs of workunit.config.yaml, and takes them in when the globs change', async () => {
    const u = uri('open/drafted.workunit.yaml');
    const p = await client.open(u, unit('drafted'));
    assert.deepEqual(p.diagnostics, [], 'drafts/draft.workunit.yaml (ignored) and node_modules share the id');
    const draft = await client.open(uri('drafts/open-draft.workunit.yaml'), unit('drafted'));
    assert.deepEqual(draft.diagnostics, [], 'an ignored file open in the editor is checked alone');
    await client.close(uri('drafts/open-draft.workunit.yaml'));
    // Without the globs, the drafts are in: the open unit shares its id with drafts/draft.workunit.yaml.
    const joined = client.nextDiagnostics(u, has('duplicate-unit-id'));
    write('workunit.config.yaml', 'rules: {}\n');
    await client.filesChanged([{ uri: uri('workunit.config.yaml'), type: FileChange.Changed }]);
    const dup = (await joined).diagnostics.filter((d) => d.code === 'duplicate-unit-id');
    assert.equal(dup.length, 1);
    assert.match(String(dup[0].message), /drafts\/draft\.workunit\.yaml/);
    assert.doesNotMatch(String(dup[0].message), /node_modules/);
    assert.ok((await client.workspaceSymbols('secret-draft')).length === 1);
    await client.close(u);
  });
});

describe('the workspace catalog, other workspaces', () => {
  it('without progress or watch registration: still checks the catalog, creates no progress', async () => {
    const root = mkdtempSync(join(tmpdir(), 'workunit-catalog-plain-'));
    writeFileSync(join(root, 'x.workunit.yaml'), unit('twice'));
    const client = new TestClient();
    try {
      await client.initialize(root);
      const u = pathToFileURL(join(root, 'y.workunit.yaml')).href;
      const dup = client.nextDiagnostics(u, has('duplicate-unit-id'));
      await client.open(u, unit('twice'));
      const found = (await dup).diagnostics.find((d) => d.code === 'duplicate-unit-id')!;
      assert.match(String(found.message), /x\.workunit\.yaml/);
      assert.deepEqual(client.progressTokens, []);
      assert.deepEqual(client.progress, []);
      assert.equal(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), false);
    } finally {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('spans workspace folders, named by folder in findings, and follows folders added and removed', async () => {
    const one = mkdtempSync(join(tmpdir(), 'workunit-catalog-one-'));
    const two = mkdtempSync(join(tmpdir(), 'workunit-catalog-two-'));
    const three = mkdtempSync(join(tmpdir(), 'workunit-catalog-three-'));
    writeFileSync(join(two, 'there.workunit.yaml'), unit('across'));
    writeFileSync(join(three, 'later.workunit.yaml'), unit('across'));
    const client = new TestClient();
    try {
      await client.initialize(one, { workDoneProgress: true, extraFolders: [two] });
      await client.progressEnded();
      const u = pathToFileURL(join(one, 'here.workunit.yaml')).href;
      const p = await client.open(u, unit('across'));
      const dup = p.diagnostics.find((d) => d.code === 'duplicate-unit-id');
      assert.match(String(dup?.message), /folder-1\/there\.workunit\.yaml/);
      // Folder two leaves, folder three joins.
      const swapped = client.nextDiagnostics(u, (q) => q.diagnostics.some((d) => d.code === 'duplicate-unit-id' && /later\.workunit\.yaml/.test(String(d.message))));
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: pathToFileURL(three).href, name: 'three' }], removed: [{ uri: pathToFileURL(two).href, name: 'folder-1' }] },
      });
      const after = (await swapped).diagnostics.filter((d) => d.code === 'duplicate-unit-id');
      assert.equal(after.length, 1);
      assert.match(String(after[0].message), /three\/later\.workunit\.yaml/);
      assert.doesNotMatch(String(after[0].message), /there/);
    } finally {
      await client.shutdown();
      for (const d of [one, two, three]) rmSync(d, { recursive: true, force: true });
    }
  });

  it('checks no catalog for files outside the workspace folders', async () => {
    const root = mkdtempSync(join(tmpdir(), 'workunit-catalog-outside-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'workunit-catalog-elsewhere-'));
    writeFileSync(join(root, 'x.workunit.yaml'), unit('twice'));
    const client = new TestClient();
    try {
      await client.initialize(root, { workDoneProgress: true });
      await client.progressEnded();
      const p = await client.open(pathToFileURL(join(elsewhere, 'y.workunit.yaml')).href, unit('twice'));
      assert.deepEqual(p.diagnostics, []);
    } finally {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
