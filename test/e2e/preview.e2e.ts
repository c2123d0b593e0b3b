/** The boundary preview in VS Code: it opens on a unit, follows edits, and a click on a node moves the editor. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkunitExtensionApi } from '../../client/src/extension';
import { EXTENSION_ID, openUnit, waitForDiagnostics } from './util';

async function api(): Promise<WorkunitExtensionApi> {
  const ext = vscode.extensions.getExtension<WorkunitExtensionApi>(EXTENSION_ID)!;
  return ext.activate();
}

/** Resolves with the first render (after now) that satisfies `match`; the event, not a sleep. */
function nextRender(preview: WorkunitExtensionApi['preview'], match: () => boolean, what: string, timeoutMs = 30000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (match()) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the preview: ${what}; now ${JSON.stringify(preview.current())}`));
    }, timeoutMs);
    const sub = preview.onDidRender(() => {
      if (!match()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

export function registerPreviewTests(): void {
  describe('Boundary preview in VS Code', () => {
    after(async () => {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('opens beside the unit, follows edits, and a click on a node selects that step', async () => {
      const { preview } = await api();
      const editor = await openUnit('onboarding-review.workunit.yaml');
      await waitForDiagnostics(editor.document.uri, () => true, 'the server to see the file');
      await vscode.commands.executeCommand('workunit.openPreviewToSide');
      await nextRender(preview, () => preview.current()?.steps.includes('decide') === true, 'the onboarding-review diagram');
      const first = preview.current()!;
      assert.equal(first.uri, editor.document.uri.toString());
      assert.deepEqual(first.steps, ['intake', 'screen', 'decide', 'notify']);
      assert.equal(first.stale, false);
      // Beside the editor the panel is taller than wide: the page reports its size and the diagram is laid out down it.
      await nextRender(preview, () => preview.current()?.orientation === 'vertical', 'the diagram laid out for the side panel');
      const size = preview.current()!.size!;
      assert.ok(size.height > size.width, JSON.stringify(size));

      // Type a new step at the end of the steps list: the diagram follows.
      await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
      const notify = editor.document.getText().indexOf('    performer: crm\n\nexceptions:');
      const at = editor.document.positionAt(notify + '    performer: crm\n'.length);
      await editor.edit((b) => b.insert(at, '  - id: archive\n    name: Archive the case\n    performer: crm\n'));
      await nextRender(preview, () => preview.current()?.steps.includes('archive') === true, 'the new step');

      // A click on a node arrives as a `reveal` message: the editor selects that step's id.
      await preview.handleMessage({ type: 'reveal', step: 'screen' });
      const active = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === editor.document.uri.toString())!;
      assert.equal(active.document.getText(active.selection), 'screen');
      // A malformed message is dropped, not acted on.
      const dropped = preview.droppedMessages;
      await preview.handleMessage({ type: 'reveal', step: 42 });
      assert.equal(preview.droppedMessages, dropped + 1);
    });
  });
}
