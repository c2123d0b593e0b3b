/** Authoring in VS Code: completion, quick-fixes, rename, go to definition, the four-element code lens. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ofTheText, openUnit, waitForDiagnostics } from './util';

/** Position of the first occurrence of `needle` (plus `delta` characters) in the document. */
function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" not found`);
  return doc.positionAt(i + delta);
}

export function registerAuthoringTests(): void {
  describe('Authoring in VS Code', () => {
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('completion at `performer:` lists the declared actors with their kind', async () => {
      const editor = await openUnit('onboarding-review.workunit.yaml');
      const doc = editor.document;
      await waitForDiagnostics(doc.uri, () => true, 'the server to see the file');
      const at = positionOf(doc, 'performer: crm', 'performer: '.length);
      await editor.edit((b) => b.delete(new vscode.Range(at, at.translate(0, 3))));
      const list = (await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, at)) as vscode.CompletionList;
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const id of ['onboarding-lead', 'analyst', 'kyc-screener', 'crm']) assert.ok(labels.includes(id), `${id} missing from ${labels.join(', ')}`);
      const screener = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'kyc-screener')!;
      const detail = `${screener.detail ?? ''} ${typeof screener.label === 'string' ? '' : (screener.label.description ?? '')}`;
      assert.match(detail, /ai-agent|AI agent/i);
    });

    it('the scaffold quick-fix on a learning loop with no metrics adds them, with placeholders, and the finding goes', async () => {
      const editor = await openUnit('invoice-matching.workunit.yaml');
      const uri = editor.document.uri;
      const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'learning-without-metrics'), 'learning-without-metrics');
      const finding = ds.find((x) => codeOf(x) === 'learning-without-metrics')!;
      const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, finding.range, vscode.CodeActionKind.QuickFix.value)) as vscode.CodeAction[];
      // (The API's copy of an action's diagnostics drops their codes, so pick the fix by what it is: an edit that is not a
      // suppression, and adds metrics — review-without-owner shares the `learning` key, and its fix comes back too.)
      const scaffold = actions.find((a) => a.edit && a.kind?.value === 'quickfix' && !/suppress/i.test(a.title) && /metrics/i.test(a.title));
      assert.ok(scaffold?.edit, `no scaffold among: ${actions.map((a) => `${a.title} [${a.diagnostics?.map(codeOf).join(',')}] edit=${!!a.edit}`).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(scaffold.edit));
      const after = await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'learning-without-metrics'), 'learning-without-metrics to go');
      assert.equal(after.some((x) => codeOf(x) === 'yaml-syntax'), false);
      assert.ok(after.some((x) => codeOf(x) === 'placeholder'), 'the baselines and targets it cannot know are placeholders');
      assert.match(editor.document.getText(), /\nlearning:\n {2}metrics:\n {4}- id: cycle-time\n/);
    });

    it('renames an actor everywhere it is used', async () => {
      const editor = await openUnit('onboarding-review.workunit.yaml');
      const doc = editor.document;
      await waitForDiagnostics(doc.uri, () => true, 'the server to see the file');
      // The declaration and its four uses (not the word in `role: Compliance analyst`).
      const asId = /(^\s+|[:[,]\s*)analyst\b/gm;
      const before = (doc.getText().match(asId) ?? []).length;
      assert.equal(before, 5);
      const edit = (await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, positionOf(doc, 'analyst:', 1), 'compliance-analyst')) as vscode.WorkspaceEdit;
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal((doc.getText().match(asId) ?? []).length, 0);
      assert.equal((doc.getText().match(/compliance-analyst/g) ?? []).length, before);
      assert.match(doc.getText(), /role: Compliance analyst/, 'prose is not renamed');
      const ds = await waitForDiagnostics(doc.uri, (d) => d.every((x) => codeOf(x) !== 'unknown-actor'), 'no dangling references after rename');
      assert.deepEqual(ofTheText(ds).filter((x) => x.severity !== vscode.DiagnosticSeverity.Hint), []);
    });

    it('goes to the definition of a performer', async () => {
      const editor = await openUnit('onboarding-review.workunit.yaml');
      const doc = editor.document;
      await waitForDiagnostics(doc.uri, () => true, 'the server to see the file');
      const use = positionOf(doc, 'performer: kyc-screener', 'performer: '.length + 2);
      const defs = (await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, use)) as (vscode.Location | vscode.LocationLink)[];
      assert.equal(defs.length, 1);
      const range = 'targetRange' in defs[0] ? (defs[0].targetSelectionRange ?? defs[0].targetRange) : defs[0].range;
      assert.equal(range.start.line, positionOf(doc, '  kyc-screener:').line);
    });

    it('shows the four-element status as a code lens on the first line', async () => {
      const complete = await openUnit('onboarding-review.workunit.yaml');
      await waitForDiagnostics(complete.document.uri, () => true, 'the server to see the file');
      const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', complete.document.uri, 10)) as vscode.CodeLens[];
      // The status on the first line (the measured metrics' lenses join once the example's log is measured).
      assert.deepEqual(lenses.filter((l) => l.range.start.line === 0).map((l) => [l.range.start.line, l.command?.title]), [[0, '4 of 4 elements complete']]);
      const partial = await openUnit('invoice-matching.workunit.yaml');
      const partialLenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', partial.document.uri, 10)) as vscode.CodeLens[];
      assert.match(partialLenses[0]?.command?.title ?? '', /^4 of 4 present, 0 complete — outcome: 2 findings; /);
    });
  });
}
