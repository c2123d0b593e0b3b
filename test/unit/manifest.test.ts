/** The extension manifest is complete, and the package ships the bundles and nothing else. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RESTART_SERVER_COMMAND } from '../../client/src/serverRecovery';
import { SHOW_SERVER_STATUS_COMMAND } from '../../client/src/serverStatus';
import { ALL_RULES } from '../../server/src/core/rules/registry';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

describe('extension manifest', () => {
  it('declares what the Marketplace and VS Code need', () => {
    for (const key of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon', 'main', 'browser']) assert.ok(manifest[key], key);
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
    assert.ok(manifest.repository?.url);
    assert.ok(manifest.categories.includes('Programming Languages') && manifest.categories.includes('Linters'));
    // The language, and restoring a preview panel after a reload (not inferred from contributes).
    assert.deepEqual(manifest.activationEvents, ['onLanguage:workunit', 'onWebviewPanel:workunit.preview']);
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  it('registers the language, grammar and schema for both file endings', () => {
    const lang = manifest.contributes.languages.find((l: { id: string }) => l.id === 'workunit');
    assert.deepEqual(lang.extensions, ['.workunit.yaml', '.workunit.yml']);
    assert.equal(manifest.contributes.grammars[0].scopeName, 'source.workunit');
    assert.deepEqual(manifest.contributes.yamlValidation[0].fileMatch, ['*.workunit.yaml', '*.workunit.yml']);
  });

  it('contributes the restart command the crash-recovery message points to', () => {
    const cmd = manifest.contributes.commands.find((c: { command: string }) => c.command === RESTART_SERVER_COMMAND);
    assert.deepEqual(cmd && { title: cmd.title, category: cmd.category }, { title: 'Restart Language Server', category: 'Work Unit Studio' });
  });

  it('contributes Show Server Status, the user of workunit/serverStatus', () => {
    const cmd = manifest.contributes.commands.find((c: { command: string }) => c.command === SHOW_SERVER_STATUS_COMMAND);
    assert.deepEqual(cmd && { title: cmd.title, category: cmd.category }, { title: 'Show Server Status', category: 'Work Unit Studio' });
  });

  it('documents every contributed setting, and workunit.rules accepts every level', () => {
    const props = manifest.contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>;
    for (const [key, p] of Object.entries(props)) assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${key} has no description`);
    assert.deepEqual((props['workunit.rules'] as { additionalProperties: { enum: string[] } }).additionalProperties.enum, ['error', 'warning', 'info', 'hint', 'off']);
    assert.ok(ALL_RULES.length > 0);
  });

  it('packages only the allow-listed files: bundles, manifest assets, docs — no sources, tests or node_modules', () => {
    const r = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.trim().split('\n').map((l) => l.trim()).sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/extension.js',
      // The worker thread that measures a unit's log (started beside the server).
      'dist/measureWorker.js',
      'dist/scanWorker.js',
      'dist/server.js',
      'dist/web/extension.js',
      'dist/web/server.js',
      'dist/webview.js',
      'images/icon.png',
      'language-configuration.json',
      'media/preview.css',
      'package.json',
      'schemas/workunit.schema.json',
      'syntaxes/workunit.tmLanguage.json',
    ]);
  });
});
