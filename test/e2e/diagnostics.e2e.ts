/** What a person sees in VS Code: the language, the colours, the squiggles and how they follow edits and settings. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { askTheScreen, codeOf, EXTENSION_ID, ofTheText, openUnit, setRules, waitForDiagnostics, workspaceFile } from './util';

const INVOICE = 'invoice-matching.workunit.yaml';
/** The expected findings for invoice-matching (its fixture test/fixtures/edge/examples-1.1/ pins them): rule at 1-based line. */
const INVOICE_FINDINGS = [
  'learning-without-metrics@34',
  'review-without-owner@34',
  'outcome-is-activity@9',
  'unknown-metric@10',
  'unused-actor@14',
  'no-exception-rules@18',
  'machine-step-without-accountable@22',
  'decision-without-human@25',
  'step-without-owner@25',
  'unknown-step@32',
];
const summary = (ds: vscode.Diagnostic[]) => ofTheText(ds).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).sort();

export function registerDiagnosticsTests(): void {
  describe('Work Unit Studio in VS Code', () => {
    before(async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('gives unit files the workunit language and activates the extension on it', async () => {
      const editor = await openUnit('onboarding-review.workunit.yaml');
      assert.equal(editor.document.languageId, 'workunit');
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      // Opening the file triggered activation; this awaits the same activation (and fails if it threw).
      await ext.activate();
      assert.equal(ext.isActive, true);
    });

    it('diagnoses the complete examples live, and they show nothing above a hint', async () => {
      for (const name of ['onboarding-review.workunit.yaml', 'incident-triage.workunit.yaml']) {
        const editor = await openUnit(name);
        const uri = editor.document.uri;
        // Prove the server is analysing this file before trusting "no findings": type a stray key, see it flagged, undo.
        await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'probe-key: 1\n'));
        await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-key'), `unknown-key in ${name}`);
        await vscode.commands.executeCommand('undo');
        const after = await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'unknown-key'), `the clean state of ${name}`);
        assert.deepEqual(ofTheText(after).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`), []);
      }
    });

    it('shows exactly the findings of invoice-matching, with their rule ids, severities and docs links', async () => {
      const editor = await openUnit(INVOICE);
      const ds = await waitForDiagnostics(editor.document.uri, (d) => ofTheText(d).length >= INVOICE_FINDINGS.length, 'the invoice-matching findings');
      assert.deepEqual(summary(ds), [...INVOICE_FINDINGS].sort());
      const unknownStep = ds.find((d) => codeOf(d) === 'unknown-step')!;
      assert.equal(unknownStep.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(editor.document.getText(unknownStep.range), 'pay-run');
      assert.ok(typeof unknownStep.code === 'object' && unknownStep.code.target.toString().endsWith('/docs/rules/unknown-step.md'));
      assert.equal(ds.find((d) => codeOf(d) === 'unused-actor')?.severity, vscode.DiagnosticSeverity.Hint);
    });

    it('a typed edit that breaks a reference shows the finding; undo takes it away', async () => {
      const editor = await openUnit(INVOICE);
      const uri = editor.document.uri;
      await waitForDiagnostics(uri, (d) => ofTheText(d).length === INVOICE_FINDINGS.length, 'the initial findings');
      const line = editor.document.lineAt(20); // `    performer: erp`
      assert.equal(line.text.trim(), 'performer: erp');
      const at = new vscode.Range(20, line.text.length - 1, 20, line.text.length);
      await editor.edit((b) => b.replace(at, 'q'));
      const broken = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-actor'), 'unknown-actor after the edit');
      const finding = broken.find((x) => codeOf(x) === 'unknown-actor')!;
      assert.equal(editor.document.getText(finding.range), 'erq');
      await vscode.commands.executeCommand('undo');
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'unknown-actor') && ofTheText(d).length === INVOICE_FINDINGS.length, 'the finding to go after undo');
      assert.equal(editor.document.isDirty, false);
    });

    it('turning a rule off in workunit.rules removes its findings, and back', async () => {
      const editor = await openUnit(INVOICE);
      const uri = editor.document.uri;
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unused-actor'), 'unused-actor');
      try {
        await setRules({ 'unused-actor': 'off', 'no-exception-rules': 'error' });
        const off = await waitForDiagnostics(uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'unused-actor'), 'unused-actor to go');
        assert.equal(off.find((x) => codeOf(x) === 'no-exception-rules')?.severity, vscode.DiagnosticSeverity.Error);
      } finally {
        await setRules(undefined);
      }
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unused-actor'), 'unused-actor to come back');
    });

    it('the grammar colours the format\'s keys and references', async () => {
      const uri = workspaceFile('onboarding-review.workunit.yaml');
      let tokens: { c: string; t: string }[] | undefined;
      try {
        // The command VS Code's own colorization tests use to read a file's TextMate scopes (desktop builds).
        tokens = (await vscode.commands.executeCommand('_workbench.captureSyntaxTokens', uri)) as { c: string; t: string }[];
      } catch {
        tokens = undefined; // not registered in the browser workbench
      }
      if (tokens) {
        const scopesOf = (text: string) => tokens!.filter((t) => t.c === text).map((t) => t.t);
        assert.ok(scopesOf('performer').length >= 4);
        assert.ok(scopesOf('performer').every((t) => t.includes('keyword.other.key.workunit')), `performer: ${scopesOf('performer').join(' | ')}`);
        assert.ok(scopesOf('kyc-screener').some((t) => t.includes('variable.other.reference.workunit')));
        return;
      }
      // In the browser: open the file and let the runner read the colours VS Code painted.
      await openUnit('onboarding-review.workunit.yaml');
      const seen = await askTheScreen<{ key: string; value: string; comment: string }>('colours');
      assert.ok(seen, 'no way to inspect tokens here: neither _workbench.captureSyntaxTokens nor a screen runner');
      assert.notEqual(seen.key, seen.value, `the key \`performer\` and a plain value are painted alike (${seen.key})`);
      assert.notEqual(seen.comment, seen.value, 'the comment is painted like a plain value');
    });
  });
}
