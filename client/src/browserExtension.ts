/**
 * Web activation (vscode.dev, github.dev, VS Code for the web): the same
 * language server, bundled for a web worker (dist/web/server.js), reading
 * the workspace's files through this client (host/fileSystemRequests.ts);
 * everything else is shared with the desktop (activation.ts).
 */
import { Uri, type ExtensionContext } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, startExtension, type WorkunitExtensionApi } from './activation';
import { serveFileSystem } from './host/fileSystemRequests';

export { deactivate, type WorkunitExtensionApi } from './activation';

export async function activate(context: ExtensionContext): Promise<WorkunitExtensionApi> {
  const serverMain = Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const { options, recovery: serverRecovery } = clientOptions(() => languageClient);
  // A factory: a restart (after a crash, or asked for) needs a new worker.
  const languageClient = new LanguageClient('workunit', 'Work Unit Studio', () => Promise.resolve(new Worker(serverMain.toString(true))), options);
  context.subscriptions.push(...serveFileSystem(languageClient));
  return startExtension(context, { client: languageClient, recovery: serverRecovery });
}
