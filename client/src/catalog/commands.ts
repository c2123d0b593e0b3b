/**
 * "Work Unit: New Work Unit" (a complete skeleton — the completion's, with
 * the id and value stream filled in — written as `<id>.workunit.yaml` and
 * opened) and "Work Unit: Open Catalog Report" (the server's Markdown report
 * in an untitled document, with its preview).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { CATALOG_REPORT_REQUEST, type CatalogReportResult } from '../../../server/src/protocol';
import { unitSkeleton, validateUnitId } from './skeleton';
import type { CatalogTree } from './tree';

const NEW_STREAM = '$(add) New value stream…';

export function registerCatalogCommands(client: LanguageClient, tree: CatalogTree): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('workunit.newUnit', (first?: unknown, second?: unknown) => newUnit(tree, first, second)),
    vscode.commands.registerCommand('workunit.openCatalogReport', () => openReport(client)),
    vscode.commands.registerCommand('workunit.refreshCatalog', () => tree.invalidate()),
  ];
}

/**
 * `(id?, valueStream?)` skip the questions (tests, keybindings); a `Uri`
 * (the explorer's context menu) picks the folder. Returns the new file.
 */
async function newUnit(tree: CatalogTree, first?: unknown, second?: unknown): Promise<vscode.Uri | undefined> {
  const target = first instanceof vscode.Uri ? first : undefined;
  let id = typeof first === 'string' ? first : undefined;
  let valueStream = typeof second === 'string' ? second : undefined;
  const folder = await targetFolder(target);
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: a new work unit is written into the workspace.');
    return undefined;
  }
  if (id === undefined) {
    id = await vscode.window.showInputBox({ title: 'New Work Unit', prompt: 'The unit’s id (kebab-case); the file is named after it.', placeHolder: 'invoice-matching', validateInput: validateUnitId });
    if (id === undefined) return undefined;
  }
  const problem = validateUnitId(id);
  if (problem) {
    void vscode.window.showErrorMessage(`Cannot create the unit: ${problem}`);
    return undefined;
  }
  if (valueStream === undefined) {
    const existing = await tree.valueStreams().catch(() => [] as string[]);
    const picked = await vscode.window.showQuickPick([...existing, NEW_STREAM], { title: 'New Work Unit: value stream', placeHolder: 'The value stream the unit belongs to' });
    if (picked === undefined) return undefined;
    if (picked === NEW_STREAM) {
      valueStream = await vscode.window.showInputBox({ title: 'New Work Unit: new value stream', placeHolder: 'procure-to-pay', validateInput: validateUnitId });
      if (valueStream === undefined) return undefined;
    } else valueStream = picked;
  }
  const file = vscode.Uri.joinPath(folder, `${id}.workunit.yaml`);
  try {
    await vscode.workspace.fs.stat(file);
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(file)} already exists.`);
    return undefined;
  } catch {
    // Not there yet: write it.
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(unitSkeleton(id, valueStream)));
  await vscode.window.showTextDocument(file);
  return file;
}

async function targetFolder(target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (target) {
    try {
      const stat = await vscode.workspace.fs.stat(target);
      return stat.type & vscode.FileType.Directory ? target : vscode.Uri.joinPath(target, '..');
    } catch {
      // Fall back to the first folder.
    }
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function openReport(client: LanguageClient): Promise<void> {
  // Every unit is read and each log measured: on a big catalog that takes a while, so say so and let it be stopped.
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Work Unit: building the catalog report (measuring each unit’s log)…', cancellable: true },
    (_progress, token) => client.sendRequest<CatalogReportResult>(CATALOG_REPORT_REQUEST, {}, token).catch((e: unknown) => (token.isCancellationRequested ? undefined : Promise.reject(e))),
  );
  if (!result) return;
  const { markdown } = result;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}
