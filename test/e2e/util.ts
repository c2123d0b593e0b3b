/** Helpers for the in-editor suite: waits are on VS Code events, never on fixed sleeps. */
import { MEASURED_RULES } from '../../server/src/core/rules/registry';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'work-unit-studio.work-unit-studio';

/** Resolves with the diagnostics of `uri` as soon as they satisfy `match` (checked now and on every change). */
export function waitForDiagnostics(uri: vscode.Uri, match: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 90000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'workunit');
      if (!match(d)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    // A guard so a broken extension fails the test instead of hanging the run.
    const timer = setTimeout(() => {
      sub.dispose();
      const now = vscode.languages.getDiagnostics(uri).map((x) => `${x.range.start.line + 1} ${String(codeOf(x))}`);
      reject(new Error(`timed out waiting for ${what} on ${uri.path}; have: ${now.join(', ') || 'none'}`));
    }, timeoutMs);
    check();
  });
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

const MEASURED = new Set<string>(MEASURED_RULES.map((r) => r.id));

/**
 * The findings about the unit's text, without those measured from its log:
 * the examples' logs (examples/logs/) are made to show drift and unmapped
 * activities, and those findings join once the log is measured, off the
 * editor's thread (test/protocol/measure.test.ts checks them).
 */
export function ofTheText(ds: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return ds.filter((d) => !MEASURED.has(codeOf(d)));
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-editor suite needs a workspace folder (the runner opens a copy of examples/)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function openUnit(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc);
}

/** Settings changes reach the server through the client; wait for the configuration event itself first. */
export async function setRules(rules: Record<string, string> | undefined): Promise<void> {
  const changed = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('workunit.rules')) {
        sub.dispose();
        resolve();
      }
    });
  });
  await vscode.workspace.getConfiguration('workunit').update('rules', rules, vscode.ConfigurationTarget.Workspace);
  await changed;
}

/**
 * Asks the runner driving the browser (code-server route) to look at the
 * rendered workbench: the runner sees `WORKUNIT_E2E_ASK <question>` in the
 * extension host's log, inspects the page, and writes its answer to
 * `.e2e/<question>.json` in the workspace. The extension host runs on the
 * same machine, so this waits for that file with an inotify watch (an event,
 * not a poll). Returns undefined where no such runner is attached (desktop VS Code,
 * VS Code for the web).
 */
export async function askTheScreen<T>(question: string, timeoutMs = 45000): Promise<T | undefined> {
  // (No `process` at all in the web-worker extension host: no runner there either.)
  if (typeof process === 'undefined' || process.env.WORKUNIT_E2E_SCREEN !== '1') return undefined;
  // Required here, not imported: the web suite bundles this file for a worker that has no Node modules.
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.e2e');
  const file = path.join(dir, `${question}.json`);
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(file, { force: true });
  let watcher: import('node:fs').FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      watcher = fs.watch(dir, (_event, name) => {
        if (name === `${question}.json` && fs.existsSync(file)) resolve();
      });
      timer = setTimeout(() => reject(new Error(`the runner did not answer "${question}" within ${timeoutMs} ms`)), timeoutMs);
      console.log(`WORKUNIT_E2E_ASK ${question}`);
    });
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } finally {
    watcher?.close();
    clearTimeout(timer);
  }
}

/**
 * The workspace as the suite found it. Each test must leave it so, and reverting editors is not enough:
 * VS Code saves the files a refactoring (a rename, a quick-fix) touched (`files.refactoring.autoSave`), so a
 * test's edit can reach the disk and change what every later test sees.
 */
const pristine = new Map<string, { uri: vscode.Uri; bytes: Uint8Array }>();

export async function snapshotWorkspace(): Promise<void> {
  for (const uri of await vscode.workspace.findFiles('**/*', '**/.e2e/**')) {
    pristine.set(uri.toString(), { uri, bytes: await vscode.workspace.fs.readFile(uri) });
  }
}

/** Reverts every unsaved editor, closes them all, and writes back every file whose bytes changed on disk. */
export async function restoreWorkspace(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isUntitled)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  for (const { uri, bytes } of pristine.values()) {
    const now = await vscode.workspace.fs.readFile(uri).then(
      (b) => b,
      () => undefined, // deleted by the test: written back below
    );
    if (!now || !sameBytes(now, bytes)) await vscode.workspace.fs.writeFile(uri, bytes);
  }
}

/** Byte equality without Node's Buffer (the web suite runs these helpers in a worker). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
