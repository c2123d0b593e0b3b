/**
 * Where the desktop build runs: the package also has a `browser` entry (the
 * web worker build), and an editor that picked it here would pass most of
 * the suite while shipping the wrong server. In VS Code and in code-server
 * the extension must run in the Node extension host, with its language
 * server as a Node process of its own. (The web suite, test/web/, asserts
 * the opposite in VS Code for the web.)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkunitExtensionApi } from '../../client/src/extension';
import { EXTENSION_ID, openUnit } from './util';

export function registerNodeHostTests(): void {
  describe('Work Unit Studio on the desktop build', () => {
    it('runs in the Node extension host, and its server is a Node process of its own', async () => {
      assert.equal(typeof process === 'undefined' ? undefined : typeof process.versions?.node, 'string', 'no Node `process`: the extension runs in a web worker');
      await openUnit('invoice-matching.workunit.yaml');
      const api = await vscode.extensions.getExtension<WorkunitExtensionApi>(EXTENSION_ID)!.activate();
      const status = await api.serverStatus();
      assert.equal(status.host, 'node', 'the server runs in a web worker');
      assert.ok(status.pid > 0 && status.pid !== process.pid, `server pid ${status.pid}, extension host pid ${process.pid}`);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });
}
