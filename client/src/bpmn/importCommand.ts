/**
 * "Work Unit: Import BPMN…": the server makes a draft unit of each process
 * in a `.bpmn` file; the client writes each beside the file as
 * `<id>.workunit.yaml` (asking before it replaces one), opens the first with
 * its boundary preview, and says the four-element test of each.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IMPORT_BPMN_REQUEST, type ImportBpmnParams, type ImportBpmnResult } from '../../../server/src/protocol';

export function registerImportBpmn(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('workunit.importBpmn', (uri?: unknown) => importBpmnFile(client, uri instanceof vscode.Uri ? uri : undefined));
}

/** Returns the units written (for tests); `file` skips the file dialog (the explorer's menu, tests). */
async function importBpmnFile(client: LanguageClient, file?: vscode.Uri): Promise<vscode.Uri[]> {
  const source = file ?? activeBpmn() ?? (await pickBpmn());
  if (!source) return [];
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
  const fileName = source.path.slice(source.path.lastIndexOf('/') + 1);
  const result = await client.sendRequest<ImportBpmnResult>(IMPORT_BPMN_REQUEST, { text, fileName } satisfies ImportBpmnParams);
  if (result.error) {
    void vscode.window.showErrorMessage(`Cannot import ${fileName}: ${result.error}`);
    return [];
  }
  const folder = vscode.Uri.joinPath(source, '..');
  const written: vscode.Uri[] = [];
  for (const unit of result.units) {
    const target = vscode.Uri.joinPath(folder, `${unit.id}.workunit.yaml`);
    if ((await exists(target)) && (await vscode.window.showWarningMessage(`${unit.id}.workunit.yaml exists. Replace it with the unit imported from ${fileName}?`, { modal: true }, 'Replace')) !== 'Replace') continue;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(unit.text));
    written.push(target);
  }
  if (written[0]) {
    await vscode.window.showTextDocument(written[0]);
    await vscode.commands.executeCommand('workunit.openPreviewToSide');
  }
  const said = result.units.filter((u) => written.some((w) => w.path.endsWith(`/${u.id}.workunit.yaml`))).map((u) => `${u.id}: ${u.summary}. ${u.test}.`);
  if (said.length > 0) void vscode.window.showInformationMessage(`Imported from ${fileName} — ${said.join(' ')}`);
  for (const note of result.notes) void vscode.window.showWarningMessage(`${fileName}: ${note}`);
  return written;
}

function activeBpmn(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && /\.bpmn$/i.test(uri.path) ? uri : undefined;
}

async function pickBpmn(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Import BPMN', canSelectMany: false, filters: { 'BPMN 2.0': ['bpmn', 'bpmn2', 'xml'] }, openLabel: 'Import' });
  return picked?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    if (e instanceof vscode.FileSystemError) return false;
    throw e;
  }
}
