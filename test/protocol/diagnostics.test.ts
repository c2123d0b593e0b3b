/**
 * The built server, started over stdio, talking LSP: what an editor sees.
 * Run `npm run build` first (npm test does).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol';
import { summarize, TestClient } from '../support/lspClient';
import { withoutLearning } from '../support/examples';

const example = (name: string) => readFileSync(`examples/${name}.workunit.yaml`, 'utf8');
/** invoice-matching as drafted before its log was written down: no learning loop, so every element rule has something to say. */
const invoiceDraft = () => withoutLearning(example('invoice-matching'));
const uriOf = (path: string) => pathToFileURL(resolve(path)).href;

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    const init = await client.initialize();
    assert.equal(init.serverInfo?.name, 'workunit-language-server');
  });
  after(() => client.shutdown());

  it('publishes the findings of invoice-matching with code, range, severity, source and docs link', async () => {
    const uri = uriOf('examples/invoice-matching.workunit.yaml');
    const p = await client.open(uri, invoiceDraft());
    assert.deepEqual(summarize(p.diagnostics), [
      '3:5-3:21 missing-learning-loop 2',
      '9:14-9:37 outcome-is-activity 2',
      '10:16-10:26 unknown-metric 1',
      '14:3-14:11 unused-actor 4',
      '18:1-18:6 no-exception-rules 3',
      '22:9-22:14 machine-step-without-accountable 2',
      '25:9-25:16 decision-without-human 1',
      '25:9-25:16 step-without-owner 2',
      '32:11-32:18 unknown-step 1',
    ]);
    for (const d of p.diagnostics) {
      assert.equal(d.source, 'workunit');
      assert.equal(d.codeDescription?.href.endsWith(`/docs/rules/${d.code}.md`), true);
      assert.equal((d.data as { rule: string }).rule, d.code);
      assert.ok(typeof d.message === 'string' && d.message.length > 20);
    }
    assert.deepEqual(p.diagnostics.find((d) => d.code === 'unused-actor')?.tags, [DiagnosticTag.Unnecessary]);
    await client.close(uri);
  });

  it('publishes nothing above hint for the two complete examples', async () => {
    for (const name of ['onboarding-review', 'incident-triage']) {
      const uri = uriOf(`examples/${name}.workunit.yaml`);
      const p = await client.open(uri, example(name));
      assert.deepEqual(p.diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint), [], name);
      await client.close(uri);
    }
  });

  it('answers an incremental change with the set for the new version', async () => {
    const uri = uriOf('examples/invoice-matching.workunit.yaml');
    await client.open(uri, invoiceDraft());
    // `next: pay-run` → `next: end` (line 32, columns 10..17).
    const p = await client.change(uri, { start: { line: 31, character: 10 }, end: { line: 31, character: 17 } }, 'end');
    assert.equal(p.version, 2);
    assert.equal(p.diagnostics.some((d) => d.code === 'unknown-step'), false);
    assert.equal(p.diagnostics.length, 8);
    // Break a reference: `performer: erp` → `performer: erq` on line 21.
    const q = await client.change(uri, { start: { line: 20, character: 15 }, end: { line: 20, character: 18 } }, 'erq');
    const unknown = q.diagnostics.filter((d) => d.code === 'unknown-actor');
    assert.deepEqual(summarize(unknown), ['21:16-21:19 unknown-actor 1']);
    assert.match(String(unknown[0].message), /Did you mean `erp`\?/);
    await client.close(uri);
  });

  it('publishes only the newest version when changes arrive faster than analysis', async () => {
    const uri = uriOf('rapid.workunit.yaml');
    await client.open(uri, example('onboarding-review'));
    let last = 0;
    for (let i = 0; i < 30; i++) last = client.sendChangeOnly(uri, { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } }, 'x');
    const p = await client.nextDiagnostics(uri, (d) => d.version === last);
    assert.equal(p.version, last);
    const versions = client.published.filter((d) => d.uri === uri).map((d) => d.version ?? 0);
    // Never an older version after a newer one; superseded versions are dropped, not published one by one.
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.ok(versions.length < 10, `published ${versions.length} versions for a burst of 30 changes`);
    await client.close(uri);
  });

  it('applies workunit.rules from the editor settings, and reacts when they change', async () => {
    const uri = uriOf('examples/invoice-matching.workunit.yaml');
    await client.open(uri, invoiceDraft());
    client.settings = { rules: { 'unused-actor': 'off', 'no-exception-rules': 'error', 'not-a-rule': 'off' } };
    const waiting = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'unused-actor'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workunit: client.settings } });
    const p = await waiting;
    assert.equal(p.diagnostics.find((d) => d.code === 'no-exception-rules')?.severity, DiagnosticSeverity.Error);
    assert.equal(p.diagnostics.length, 8);
    client.settings = {};
    const back = client.nextDiagnostics(uri, (q) => q.diagnostics.some((d) => d.code === 'unused-actor'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workunit: {} } });
    assert.equal((await back).diagnostics.find((d) => d.code === 'no-exception-rules')?.severity, DiagnosticSeverity.Information);
    await client.close(uri);
  });

  it('checks a unit whatever its language id, and leaves other YAML alone', async () => {
    const other = uriOf('docker-compose.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: 'a: [' } });
    const uri = uriOf('as-yaml.workunit.yml');
    const p = await client.open(uri, invoiceDraft(), 'yaml');
    assert.equal(p.diagnostics.length, 9);
    assert.equal(client.published.some((d) => d.uri === other), false);
    await client.close(uri);
  });

  it('reports broken YAML as yaml-syntax, keeps answering, and recovers', async () => {
    const uri = uriOf('broken.workunit.yaml');
    const text = example('onboarding-review');
    const p = await client.open(uri, text.replace('measuredBy: [cycle-time, first-pass-rate]', 'measuredBy: [cycle-time, first-pass-rate'));
    assert.ok(p.diagnostics.length >= 1);
    assert.ok(p.diagnostics.every((d) => d.code === 'yaml-syntax' && d.severity === DiagnosticSeverity.Error));
    const fixed = await client.change(uri, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }, text);
    assert.deepEqual(fixed.diagnostics, []);
    for (const junk of ['\u0000\u0001\u0002binary', '&a [*a]', '- - - -\n  : :', '']) {
      const r = await client.change(uri, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }, junk);
      assert.ok(Array.isArray(r.diagnostics));
    }
    await client.close(uri);
  });

  it('reads workunit.config.yaml at the root of the workspace folder; the editor setting wins over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-config-'));
    writeFileSync(join(dir, 'workunit.config.yaml'), 'rules:\n  unused-actor: off\n  outcome-is-activity: error\n');
    const path = join(dir, 'invoice.workunit.yaml');
    writeFileSync(path, invoiceDraft());
    const uri = pathToFileURL(path).href;
    const c = new TestClient();
    try {
      await c.initialize(dir);
      const p = await c.open(uri, invoiceDraft());
      assert.equal(p.diagnostics.some((d) => d.code === 'unused-actor'), false);
      assert.equal(p.diagnostics.find((d) => d.code === 'outcome-is-activity')?.severity, DiagnosticSeverity.Error);
      c.settings = { rules: { 'outcome-is-activity': 'hint' } };
      const waiting = c.nextDiagnostics(uri, (q) => q.diagnostics.find((d) => d.code === 'outcome-is-activity')?.severity === DiagnosticSeverity.Hint);
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workunit: c.settings } });
      await waiting;
    } finally {
      await c.shutdown();
    }
  });

  it('reads no workunit.config.yaml above the workspace folder, nor for a file outside every folder; logs no config value', async () => {
    const above = mkdtempSync(join(tmpdir(), 'workunit-planted-'));
    // Planted above the workspace (as in a shared temporary folder): it must govern nothing.
    writeFileSync(join(above, 'workunit.config.yaml'), 'rules:\n  unused-actor: off\n  secret-rule-name: off\nsecretKey: hunter2\n');
    const workspace = join(above, 'workspace');
    mkdirSync(workspace);
    const inside = join(workspace, 'invoice.workunit.yaml');
    const outside = join(above, 'loose.workunit.yaml');
    writeFileSync(inside, invoiceDraft());
    writeFileSync(outside, invoiceDraft());
    const c = new TestClient();
    try {
      await c.initialize(workspace);
      const p = await c.open(pathToFileURL(inside).href, invoiceDraft());
      assert.equal(p.diagnostics.some((d) => d.code === 'unused-actor'), true, 'the config above the folder is not read');
      const q = await c.open(pathToFileURL(outside).href, invoiceDraft());
      assert.equal(q.diagnostics.some((d) => d.code === 'unused-actor'), true, 'a file outside every folder gets the defaults');
      // A config inside the folder with problems: the log names the file and the problem, never the keys or values.
      writeFileSync(join(workspace, 'workunit.config.yaml'), 'rules:\n  secret-rule-name: off\n  unused-actor: hunter2\nsecretKey: 1\n');
      await c.filesChanged([{ uri: pathToFileURL(join(workspace, 'workunit.config.yaml')).href, type: 2 }]);
      // Wait for the config to be read again, by its log line: a diagnostics publish may come first for
      // another reason (the catalog's scan), so it says nothing about the config.
      await c.logged(/workunit\.config\.yaml: a rule id that is not a rule of the format/);
      await c.logged(/workunit\.config\.yaml: a rule level that is not one of/);
      await c.logged(/workunit\.config\.yaml: a key other than `rules` and `ignore`/);
      const log = c.logs.join('\n');
      for (const secret of ['secret-rule-name', 'hunter2', 'secretKey']) assert.doesNotMatch(log, new RegExp(secret), `${secret} in the log`);
    } finally {
      await c.shutdown();
    }
  });
});

describe('workunit-language-server binary', () => {
  it('starts on stdio without a transport flag', async () => {
    const c = new TestClient([]);
    const init = await c.initialize();
    assert.equal(init.capabilities.textDocumentSync && typeof init.capabilities.textDocumentSync === 'object' && init.capabilities.textDocumentSync.change, 2);
    await c.shutdown();
  });
});
