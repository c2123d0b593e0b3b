/**
 * The boundary preview in VS Code for the web: the command opens the panel
 * beside the unit, and the panel holds the diagram the worker server laid
 * out (the command resolves once that answer is posted to the page).
 *
 * The desktop suite's preview test goes on to watch the page draw edits
 * (`onDidRender`). Not here: in this headless Chromium no webview page loads
 * ("Could not register service worker … The user denied permission to use
 * Service Worker": the workbench serves webviews from a third-party
 * `*.localhost` origin, whose storage Chromium blocks). code-server runs it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkunitExtensionApi } from '../../../client/src/extension';
import { EXTENSION_ID, openUnit, waitForDiagnostics } from '../../e2e/util';

export function registerWebPreviewTests(): void {
  describe('Boundary preview in VS Code for the web', () => {
    it('opens beside the unit, holding the diagram of its steps', async () => {
      const { preview } = await vscode.extensions.getExtension<WorkunitExtensionApi>(EXTENSION_ID)!.activate();
      const editor = await openUnit('onboarding-review.workunit.yaml');
      await waitForDiagnostics(editor.document.uri, () => true, 'the server to see the file');
      await vscode.commands.executeCommand('workunit.openPreviewToSide');
      const shown = preview.current();
      assert.ok(shown, 'no preview panel');
      assert.equal(shown.uri, editor.document.uri.toString());
      assert.deepEqual(shown.steps, ['intake', 'screen', 'decide', 'notify']);
      assert.equal(shown.stale, false);
    });
  });
}
