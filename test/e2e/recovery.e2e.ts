/**
 * Crash recovery in VS Code: the language server process is killed, the
 * client starts a new one, the squiggles come back from it, and the user is
 * told exactly once. Runs last: it kills the server the other suites use.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkunitExtensionApi } from '../../client/src/extension';
import type { RecoveryNotice } from '../../client/src/serverRecovery';
import { codeOf, EXTENSION_ID, ofTheText, openUnit, waitForDiagnostics } from './util';

const INVOICE = 'invoice-matching.workunit.yaml';
const summary = (ds: vscode.Diagnostic[]) => ofTheText(ds).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).sort();

async function api(): Promise<WorkunitExtensionApi> {
  return vscode.extensions.getExtension<WorkunitExtensionApi>(EXTENSION_ID)!.activate();
}

/** Resolves with the next recovery notice (an event, with a guard so a broken recovery fails instead of hanging). */
function nextNotice(recovery: WorkunitExtensionApi['recovery'], timeoutMs = 30000): Promise<RecoveryNotice> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no recovery notice within ${timeoutMs} ms; notices so far: ${JSON.stringify(recovery.notices)}`));
    }, timeoutMs);
    const sub = recovery.onNotice((n) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(n);
    });
  });
}

/** Opens invoice-matching and waits for its findings: the state to come back to, and the server that gave it. */
async function invoiceWithServer() {
  const ext = await api();
  const editor = await openUnit(INVOICE);
  const uri = editor.document.uri;
  const before = summary(await waitForDiagnostics(uri, (d) => ofTheText(d).length >= 9, 'the invoice-matching findings'));
  const { pid } = await ext.serverStatus();
  return { ...ext, editor, uri, before, oldPid: pid, noticesBefore: ext.recovery.notices.length };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function registerRecoveryTests(): void {
  describe('Language server crash recovery in VS Code', () => {
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('restarts a killed server: the squiggles come back from a new process, and the user is told once', async () => {
      const { recovery, serverStatus, editor, uri, before, oldPid, noticesBefore } = await invoiceWithServer();
      assert.ok(oldPid > 0 && oldPid !== process.pid, `the server runs in its own process (got ${oldPid})`);

      // Both waits are set up before the kill: the close, the clearing and the restart all arrive as events later.
      const notice = nextNotice(recovery);
      const cleared = waitForDiagnostics(uri, (d) => d.length === 0, 'the squiggles of the dead server to be cleared');
      process.kill(oldPid, 'SIGKILL');
      await cleared;
      const restarted = await notice;
      assert.equal(restarted.kind, 'restarted');
      assert.match(restarted.message, /stopped unexpectedly and was restarted/);

      // The restarted server analyses the open unit again on its own (the client re-opens it) …
      const back = await waitForDiagnostics(uri, (d) => ofTheText(d).length === before.length, 'the findings from the restarted server');
      assert.deepEqual(summary(back), before);
      const { pid: newPid } = await serverStatus();
      assert.notEqual(newPid, oldPid, 'a new server process');
      assert.equal(isAlive(oldPid), false, `the killed server ${oldPid} is gone`);
      assert.equal(isAlive(newPid), true);

      // … and follows edits: a broken reference is flagged by the new server, and undo takes it away.
      const line = editor.document.lineAt(20);
      assert.equal(line.text.trim(), 'performer: erp');
      await editor.edit((b) => b.replace(new vscode.Range(20, line.text.length - 1, 20, line.text.length), 'q'));
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-actor'), 'unknown-actor from the restarted server');
      await vscode.commands.executeCommand('undo');
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'unknown-actor') && ofTheText(d).length === before.length, 'the finding to go after undo');

      // Said once: one notice for the crash, none for the documents, requests and edits since.
      assert.deepEqual(recovery.notices.slice(noticesBefore).map((n) => n.kind), ['restarted']);
    });

    it('"Restart Language Server" starts a fresh server without a crash notice', async () => {
      const { recovery, serverStatus, uri, before, oldPid, noticesBefore } = await invoiceWithServer();
      const cleared = waitForDiagnostics(uri, (d) => d.length === 0, 'the squiggles to be cleared by the stop');
      await vscode.commands.executeCommand('workunit.restartServer');
      await cleared;
      const back = await waitForDiagnostics(uri, (d) => ofTheText(d).length === before.length, 'the findings from the restarted server');
      assert.deepEqual(summary(back), before);
      const { pid: newPid } = await serverStatus();
      assert.notEqual(newPid, oldPid);
      assert.equal(recovery.notices.length, noticesBefore, 'a restart the user asked for is not a crash');
      assert.equal(recovery.crashCount, 0, 'and it starts the crash count over');
    });
  });
}
