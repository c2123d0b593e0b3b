/**
 * The workspace edge: the catalog scan follows no symbolic link that leaves
 * the workspace folder, and a client that never answers
 * `workspace/configuration` still gets diagnostics (after a few seconds,
 * with a log line), from the file-based levels.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../support/lspClient';

const ONBOARDING = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');

describe('the workspace edge', () => {
  it('the scan does not follow links that leave the workspace folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'workunit-outside-'));
    writeFileSync(join(outside, 'secret.workunit.yaml'), ONBOARDING.replace('id: onboarding-review', 'id: outside-secret'));
    mkdirSync(join(outside, 'more'));
    writeFileSync(join(outside, 'more', 'deeper.workunit.yaml'), ONBOARDING.replace('id: onboarding-review', 'id: outside-deeper'));
    const folder = mkdtempSync(join(tmpdir(), 'workunit-inside-'));
    writeFileSync(join(folder, 'own.workunit.yaml'), ONBOARDING);
    symlinkSync(join(outside, 'secret.workunit.yaml'), join(folder, 'linked.workunit.yaml'));
    symlinkSync(join(outside, 'more'), join(folder, 'linked-folder'));
    // A link that stays inside is followed.
    mkdirSync(join(folder, 'real'));
    writeFileSync(join(folder, 'real', 'inner.workunit.yaml'), ONBOARDING.replace('id: onboarding-review', 'id: inner-unit'));
    symlinkSync(join(folder, 'real', 'inner.workunit.yaml'), join(folder, 'alias.workunit.yaml'));
    const client = new TestClient();
    try {
      await client.initialize(folder);
      const { units } = (await client.connection.sendRequest('workunit/catalog', {})) as { units: { id?: string; uri: string }[] };
      const ids = units.map((u) => u.id).sort();
      assert.ok(ids.includes('inner-unit') && ids.includes('onboarding-review'), ids.join(', '));
      assert.ok(!ids.includes('outside-secret') && !ids.includes('outside-deeper'), ids.join(', '));
      const symbols = await client.workspaceSymbols('outside');
      assert.deepEqual(symbols, []);
      const log = client.logs.join('\n');
      assert.match(log, /linked\.workunit\.yaml: a symbolic link that leads out of the workspace folder; skipped\./);
      assert.match(log, /linked-folder: a symbolic link that leads out of the workspace folder; skipped\./);
    } finally {
      await client.shutdown();
    }
  });

  it('a client that never answers workspace/configuration gets diagnostics from the file-based levels, and a log line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'workunit-silent-'));
    writeFileSync(join(folder, 'workunit.config.yaml'), 'rules:\n  unused-actor: error\n');
    const text = ONBOARDING.replace('actors:\n', 'actors:\n  spare: { kind: human, role: Spare }\n');
    const client = new TestClient();
    client.connection.onRequest('workspace/configuration', () => new Promise(() => {}));
    try {
      await client.initialize(folder);
      const p = await client.open(pathToFileURL(join(folder, 'x.workunit.yaml')).href, text);
      assert.equal(p.diagnostics.find((d) => d.code === 'unused-actor')?.severity, 1, 'the config file still applies');
      assert.match(client.logs.join('\n'), /did not answer workspace\/configuration within \d+ s/);
    } finally {
      await client.shutdown();
    }
  });
});
