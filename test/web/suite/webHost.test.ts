/**
 * Where the web suite runs: the extension in the web-worker extension host
 * (no Node: no `process`, `require` knows only `vscode`), and its language
 * server in a web worker of its own, reading the workspace through the
 * client — the `vscode-test-web://` folder is a virtual file system, as
 * github.dev's is (the catalog suite's tree comes from that scan).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkunitExtensionApi } from '../../../client/src/extension';
import { EXTENSION_ID, openUnit, waitForDiagnostics } from '../../e2e/util';

declare const importScripts: unknown;
declare const document: unknown;
export function registerWebHostTests(): void {
  describe('Work Unit Studio in VS Code for the web', () => {
    it('runs in the web-worker extension host, not in Node', () => {
      assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
      assert.equal(typeof process, 'undefined', 'a Node `process` in the extension host');
      assert.equal(typeof importScripts, 'function', 'not a worker');
      assert.equal(typeof document, 'undefined', 'a page, not a worker');
    });

    it('activates on a unit file, and its server runs in a web worker over the virtual workspace', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the runner opens a copy of examples/');
      assert.notEqual(folder.uri.scheme, 'file');
      const editor = await openUnit('invoice-matching.workunit.yaml');
      const api = await vscode.extensions.getExtension<WorkunitExtensionApi>(EXTENSION_ID)!.activate();
      const status = await api.serverStatus();
      assert.equal(status.host, 'webworker');
      await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'the findings of invoice-matching');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });
}
