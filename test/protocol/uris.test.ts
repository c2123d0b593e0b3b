/**
 * No URI crashes the server. Each URI that names no plain local file — a
 * share on another host, an encoded slash, a bad or literal `%`, a space in
 * the host, `untitled:`, `vscode-vfs:`, garbage — is checked alone with the
 * default levels and no disk access (a `workunit.config.yaml` where a careless
 * decoding would look is not read). Then 1,000 random URIs (seed fixed per
 * commit, printed); the same process must answer afterwards.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { Hover } from 'vscode-languageserver-protocol';
import { summarize, TestClient } from '../support/lspClient';

/** A unit with an unused actor: `unused-actor` is on by default and off in the planted config. */
const UNIT = [
  'workunit: 1',
  'id: uri-probe',
  'name: URI probe',
  'owner: lead',
  'outcome:',
  '  statement: Cases closed within 2 days',
  'actors:',
  '  lead: { kind: human, role: Lead }',
  '  spare: { kind: human, role: Spare }',
  'steps:',
  '  - id: work',
  '    performer: lead',
  '',
].join('\n');

/** FC_SEED when set, else one seed per commit: the same cases for the same code. */
function seedOfThisCommit(): number {
  if (process.env.FC_SEED) return Number(process.env.FC_SEED);
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  return Number.parseInt(head.slice(0, 8), 16) | 0;
}

describe('URIs that name no local file', () => {
  let client: TestClient;
  let folder: string;
  let pid: number;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'workunit-uris-'));
    // Where a decoding that ignored the encoding would look: it must not be read for those URIs.
    writeFileSync(join(folder, 'workunit.config.yaml'), 'rules:\n  unused-actor: off\n');
    client = new TestClient();
    await client.initialize(folder);
    pid = ((await client.connection.sendRequest('workunit/serverStatus')) as { pid: number }).pid;
  });
  after(() => client.shutdown());

  it('a plain file in the folder reads its config; every other URI gets the defaults, and the server stays up', async () => {
    const base = pathToFileURL(folder).href;
    const plain = await client.open(`${base}/plain.workunit.yaml`, UNIT);
    assert.equal(plain.diagnostics.some((d) => d.code === 'unused-actor'), false, 'the config applies to a plain local file');
    const defaults = summarize((await client.open('file:///nowhere/outside/every/folder.workunit.yaml', UNIT)).diagnostics);
    assert.ok(defaults.some((d) => d.includes('unused-actor')));
    const hostile = [
      'file://remotehost/share/x.workunit.yaml',
      `file://remotehost${folder}/x.workunit.yaml`,
      `${base}/sub%2Fx.workunit.yaml`,
      `${base}%2Fx.workunit.yaml`,
      `${base}/100%.workunit.yaml`,
      `${base}/bad%zz.workunit.yaml`,
      `${base}/%E0%A4%A.workunit.yaml`,
      'file://host name/x.workunit.yaml',
      'file://[::1/x.workunit.yaml',
      'untitled:Untitled-1',
      'untitled:Untitled-2.workunit.yaml',
      'vscode-vfs://github/org/repo/x.workunit.yaml',
      'vscode-notebook-cell:/x.workunit.yaml#cell',
      'garbage',
      '',
      '%',
      ':::x.workunit.yaml',
      'file:',
      'file://',
      'file:x.workunit.yaml',
    ];
    for (const uri of hostile) {
      const p = await client.open(uri, UNIT, 'workunit');
      assert.deepEqual(summarize(p.diagnostics), defaults, uri);
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: 0 } }), null);
      await client.close(uri);
    }
    assert.equal(((await client.connection.sendRequest('workunit/serverStatus')) as { pid: number }).pid, pid);
  });

  it('1,000 random URIs: opened, asked about, closed; the same process answers afterwards', async () => {
    const seed = seedOfThisCommit();
    console.log(`random URIs: seed ${seed} (FC_SEED=${seed} to replay)`);
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('%', '%2F', '%2f', '%zz', '%00', '%E0%A4%A', '/', '//', '\\', ' ', '#', '?', '@', ':', '[', ']', '..', 'C:', 'localhost', '\u0000', '\ud800', '😀'),
    );
    const uris = fc.sample(
      fc.tuple(fc.constantFrom('file://', 'file:///', 'file:', 'untitled:', 'vscode-vfs://', 'http://', '', 'x-'), fc.array(piece, { maxLength: 6 }), fc.constantFrom('.workunit.yaml', '.workunit.yml', '', '.yaml')).map(([a, b, c]) => a + b.join('') + c),
      { numRuns: 1000, seed },
    );
    // Sent in a burst, as a misbehaving client would; each is analysed (language id `workunit`).
    for (const [i, uri] of uris.entries()) {
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'workunit', version: 1, text: i % 2 ? UNIT : 'workunit: 1\n' } });
      void client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).catch(() => undefined);
      void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: `${pathToFileURL(folder).href}/plain.workunit.yaml` }, position: { line: 1, character: 1 } })) as Hover | null;
    assert.ok(h, 'the server still answers');
    assert.equal(((await client.connection.sendRequest('workunit/serverStatus')) as { pid: number }).pid, pid, 'the same process');
    assert.equal(client.child.exitCode, null);
    assert.doesNotMatch(client.logs.join('\n'), /failed \(a bug in the server/, 'no handler failed');
  });
});
