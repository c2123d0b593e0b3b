/**
 * Activation: start the bundled language server and hand it the unit files.
 * The client only displays; everything is computed by the server.
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE_GLOB, LANGUAGE_ID, SETTINGS_SECTION, UNIT_FILE_GLOB } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
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
  client = new LanguageClient('workunit', 'Work Unit Studio', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
