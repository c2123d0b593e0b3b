/**
 * The boundary preview in VS Code for the web: it opens beside the unit with
 * the diagram the worker server laid out. (The desktop suite's preview test
 * goes on to edit and click; in this headless Chromium a webview that
 * reloads cannot register its service worker — third-party storage is
 * blocked in Playwright's contexts — so the panel's page does not come back
 * to draw the edit. It runs in code-server, where webviews load.)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkunitExtensionApi } from '../../../client/src/extension';
import { EXTENSION_ID, openUnit, waitForDiagnostics } from '../../e2e/util';

export function registerWebPreviewTests(): void {
  describe('Boundary preview in VS Code for the web', () => {
    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('opens beside the unit with the diagram of its steps', async () => {
      const { preview } = await vscode.extensions.getExtension<WorkunitExtensionApi>(EXTENSION_ID)!.activate();
      const editor = await openUnit('onboarding-review.workunit.yaml');
      await waitForDiagnostics(editor.document.uri, () => true, 'the server to see the file');
      const rendered = new Promise<void>((resolve) => {
        const sub = preview.onDidRender(() => {
          if (preview.current()?.steps.includes('decide') !== true) return;
          sub.dispose();
          resolve();
        });
      });
      await vscode.commands.executeCommand('workunit.openPreviewToSide');
      await rendered;
      const shown = preview.current()!;
      assert.equal(shown.uri, editor.document.uri.toString());
      assert.deepEqual(shown.steps, ['intake', 'screen', 'decide', 'notify']);
      assert.equal(shown.stale, false);
    });
  });
}
