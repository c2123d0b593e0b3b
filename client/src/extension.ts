/**
 * Desktop activation: the bundled language server runs as a Node process
 * (IPC); everything else is shared with the web (activation.ts). A server
 * that dies is restarted by the policy in `serverRecovery.ts`; its exit code
 * or signal goes into the log line.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, State, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, startExtension, type WorkunitExtensionApi } from './activation';
import { registerImportBpmn } from './bpmn/importCommand';

export { deactivate, type WorkunitExtensionApi } from './activation';

export async function activate(context: ExtensionContext): Promise<WorkunitExtensionApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const { options, recovery: serverRecovery } = clientOptions(() => languageClient);
  const languageClient = new LanguageClient('workunit', 'Work Unit Studio', serverOptions, options);
  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      if (newState !== State.Running) return;
      // Note how the process ends, for the log line of `closed()` ('exit' comes before the IPC channel's 'close').
      const proc = languageClient.serverProcess;
      proc?.once('exit', (code, signal) => serverRecovery.serverExited(proc.pid, code, signal));
    }),
  );
  // Import BPMN… (desktop: the server reads the .bpmn file from disk).
  context.subscriptions.push(registerImportBpmn(languageClient));
  return startExtension(context, { client: languageClient, recovery: serverRecovery });
}
