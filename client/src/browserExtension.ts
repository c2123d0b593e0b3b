/**
 * Web activation (vscode.dev, github.dev, VS Code for the web): the same
 * language server, bundled for a web worker (dist/web/server.js), reading
 * the workspace's files through this client (host/fileSystemRequests.ts);
 * everything else is shared with the desktop (activation.ts).
 */
import { Uri, type ExtensionContext } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, startExtension, type WorkunitExtensionApi } from './activation';
import { serveFileSystem } from './host/fileSystemRequests';

export { deactivate, type WorkunitExtensionApi } from './activation';

export async function activate(context: ExtensionContext): Promise<WorkunitExtensionApi> {
  const serverMain = Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const { options, recovery: serverRecovery } = clientOptions(() => languageClient);
  // A factory, as transports: a restart (after a crash, or asked for) needs a new worker, and the web
  // extension host's `Worker` is a wrapper that fails the library's `instanceof Worker` test.
  let worker: Worker | undefined;
  const startServer = () => {
    worker?.terminate();
    worker = new Worker(serverMain.toString(true));
    return Promise.resolve({ reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) });
  };
  const languageClient = new LanguageClient('workunit', 'Work Unit Studio', startServer, options);
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  context.subscriptions.push(...serveFileSystem(languageClient));
  return startExtension(context, { client: languageClient, recovery: serverRecovery });
}
