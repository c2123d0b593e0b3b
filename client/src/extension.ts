/**
 * Activation: start the bundled language server and hand it the unit files,
 * and register the boundary preview (commands and the panel serializer only —
 * nothing is drawn or requested until a preview is opened).
 * The client only displays; everything is computed by the server.
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE_GLOB, LANGUAGE_ID, SETTINGS_SECTION, UNIT_FILE_GLOB } from '../../server/src/protocol';
import { registerCatalogCommands } from './catalog/commands';
import { CatalogTree } from './catalog/tree';
import { BoundaryPreview } from './preview/panel';

let client: LanguageClient | undefined;

/** What `activate` returns (the in-editor suite reads it through `extension.exports`). */
export interface WorkunitExtensionApi {
  preview: BoundaryPreview;
  /** The "Work Units" tree: `snapshot()` and `onDidRefresh` for the in-editor suite. */
  catalog: CatalogTree;
}

export async function activate(context: ExtensionContext): Promise<WorkunitExtensionApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The language, plus the file pattern: a unit opened under another language id (say `yaml`) is still checked.
    documentSelector: [
      { language: LANGUAGE_ID },
      { pattern: UNIT_FILE_GLOB },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: [workspace.createFileSystemWatcher(CONFIG_FILE_GLOB), workspace.createFileSystemWatcher(UNIT_FILE_GLOB)],
    },
  };
  const languageClient = new LanguageClient('workunit', 'Work Unit Studio', serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(languageClient);
  // Registered before the server starts, so a panel restored after a reload finds its serializer;
  // its requests wait for the client to be running (`sendRequest` awaits the start).
  const preview = new BoundaryPreview(context.extensionUri, languageClient);
  context.subscriptions.push(preview);
  // The "Work Units" tree: registered now, it requests nothing until the view is shown.
  const catalog = new CatalogTree(languageClient);
  context.subscriptions.push(catalog, ...registerCatalogCommands(languageClient, catalog));
  await languageClient.start();
  catalog.register();
  return { preview, catalog };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
