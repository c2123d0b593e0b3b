/** The "Work Units" tree in VS Code: the examples grouped by value stream, and "New Work Unit" adds a clean unit to it. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkunitExtensionApi } from '../../client/src/extension';
import type { CatalogSnapshotGroup } from '../../client/src/catalog/tree';
import { codeOf, EXTENSION_ID, waitForDiagnostics } from './util';

async function api(): Promise<WorkunitExtensionApi> {
  return vscode.extensions.getExtension<WorkunitExtensionApi>(EXTENSION_ID)!.activate();
}

/** Resolves with the first snapshot (now, or after a refresh) that satisfies `match`; the event, not a sleep. */
async function snapshotWhere(catalog: WorkunitExtensionApi['catalog'], match: (s: CatalogSnapshotGroup[]) => boolean, what: string, timeoutMs = 30000): Promise<CatalogSnapshotGroup[]> {
  let last: CatalogSnapshotGroup[] = [];
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => finish(new Error(`timed out waiting for the catalog: ${what}; now ${JSON.stringify(last)}`)), timeoutMs);
    const sub = catalog.onDidRefresh(() => void check());
    function finish(err?: Error, s?: CatalogSnapshotGroup[]) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.dispose();
      if (err) reject(err);
      else resolve(s!);
    }
    async function check() {
      last = await catalog.snapshot();
      if (match(last)) finish(undefined, last);
    }
    void check();
  });
}

export function registerCatalogTests(): void {
  describe('Work Units tree in VS Code', () => {
    let created: vscode.Uri | undefined;
    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (created) await vscode.workspace.fs.delete(created).then(undefined, () => undefined);
    });

    it('groups the examples by value stream, with their element status and findings', async () => {
      const { catalog } = await api();
      // Open the view as a person would (Explorer → Work Units); the snapshot reads what it shows.
      await vscode.commands.executeCommand('workunit.catalog.focus');
      const s = await snapshotWhere(catalog, (g) => g.length >= 3, 'the three examples');
      assert.deepEqual(
        s.map((g) => g.stream),
        ['customer-onboarding', 'incident-to-resolution', 'procure-to-pay'],
      );
      assert.deepEqual(s.map((g) => g.units.map((u) => u.id)), [['onboarding-review'], ['incident-triage'], ['invoice-matching']]);
      const invoice = s[2].units[0];
      assert.equal(invoice.label, 'Supplier invoice matching');
      assert.match(invoice.tooltip, /^- ◐ 4\. learning loop: incomplete \(2 findings\)$/m);
      assert.match(invoice.tooltip, /^- ◐ 3\. execution structure: incomplete \(3 findings\)$/m);
      assert.match(invoice.tooltip, /4 of 4 present, 0 complete/);
      assert.match(invoice.description, /\b3 errors\b/);
      assert.notEqual(invoice.icon, 'pass');
    });

    it('“Open Catalog Report” opens the report in Markdown, each unit with a log measured from it', async () => {
      await vscode.commands.executeCommand('workunit.openCatalogReport');
      const report = vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText().startsWith('# Work unit catalog'));
      assert.ok(report, 'a Markdown document with the report is open');
      const text = report.getText();
      assert.match(text, /## Value stream `customer-onboarding`/);
      assert.match(text, /\*\*Measured from its log\*\*: 320 cases, 1274 events from `(?:examples\/)?logs\/onboarding-review\.csv`/);
      assert.match(text, /`triage-time` \| measured 17\\\.2 min/);
      // An untitled document with text: closed without saving, so no "save changes?" dialog comes up.
      await vscode.window.showTextDocument(report);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('“New Work Unit” writes a complete unit, whatever it cannot know a placeholder, that joins the tree', async () => {
      const { catalog } = await api();
      created = await vscode.commands.executeCommand<vscode.Uri>('workunit.newUnit', 'claims-intake', 'record-to-report');
      assert.ok(created, 'the command returns the new file');
      assert.match(created.path, /\/claims-intake\.workunit\.yaml$/);
      const s = await snapshotWhere(catalog, (g) => g.some((x) => x.stream === 'record-to-report' && x.units.some((u) => u.id === 'claims-intake')), 'the new unit');
      const unit = s.find((g) => g.stream === 'record-to-report')!.units[0];
      // A scaffold never invents (format 1.1): the figures and names it cannot know are `<…>` placeholders, each a
      // `placeholder` warning until a person fills it in; nothing else is wrong with it.
      assert.doesNotMatch(unit.description, /error/);
      assert.match(unit.description, /warning/);
      await vscode.workspace.openTextDocument(created);
      const diagnostics = await waitForDiagnostics(created, (d) => d.length > 0, 'the server to check the new unit');
      const serious = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
      assert.ok(serious.length > 0);
      assert.deepEqual([...new Set(serious.map(codeOf))], ['placeholder']);
    });
  });
}
