/**
 * Activation: start the bundled language server and hand it the unit files,
 * and register the boundary preview (commands and the panel serializer only —
 * nothing is drawn or requested until a preview is opened).
 * The client only displays; everything is computed by the server.
 * A server that dies is restarted by the policy in `serverRecovery.ts`.
 */
import * as path from 'node:path';
import { commands, env, window, workspace, type ExtensionContext } from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE_GLOB, LANGUAGE_ID, SERVER_STATUS_REQUEST, SETTINGS_SECTION, UNIT_FILE_GLOB, type ServerStatusResult } from '../../server/src/protocol';
import { registerCatalogCommands } from './catalog/commands';
import { registerImportBpmn } from './bpmn/importCommand';
import { CatalogTree } from './catalog/tree';
import { BoundaryPreview } from './preview/panel';
import { RESTART_SERVER_COMMAND, ServerRecovery } from './serverRecovery';
import { describeServerStatus, SHOW_SERVER_STATUS_COMMAND } from './serverStatus';

let client: LanguageClient | undefined;
let recovery: ServerRecovery | undefined;

/** What `activate` returns (the in-editor suite reads it through `extension.exports`). */
export interface WorkunitExtensionApi {
  preview: BoundaryPreview;
  /** The "Work Units" tree: `snapshot()` and `onDidRefresh` for the in-editor suite. */
  catalog: CatalogTree;
  /** The crash policy: `notices` and `onNotice` tell what the user was told about a dead server. */
  recovery: ServerRecovery;
  /** `workunit/serverStatus` of the running server (its `pid`, for the crash-recovery test; users see it through *Show Server Status*). */
  serverStatus(): Promise<ServerStatusResult>;
}

export async function activate(context: ExtensionContext): Promise<WorkunitExtensionApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The crash policy; its callbacks reach the client only after a crash, when `languageClient` is set.
  const serverRecovery = new ServerRecovery({
    ErrorAction,
    CloseAction,
    notify: (kind, message, actions) => (kind === 'error' ? window.showErrorMessage(message, ...actions) : window.showWarningMessage(message, ...actions)),
    restart: () => void restartServer(languageClient, serverRecovery),
    showLog: () => languageClient.outputChannel.show(true),
  });
  recovery = serverRecovery;
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
    errorHandler: serverRecovery,
  };
  const languageClient = new LanguageClient('workunit', 'Work Unit Studio', serverOptions, clientOptions);
  client = languageClient;
  context.subscriptions.push(
    languageClient,
    languageClient.onDidChangeState(({ newState }) => {
      if (newState !== State.Running) return;
      // Note how the process ends, for the log line of `closed()` ('exit' comes before the IPC channel's 'close').
      const proc = languageClient.serverProcess;
      proc?.once('exit', (code, signal) => serverRecovery.serverExited(proc.pid, code, signal));
      serverRecovery.serverRunning();
    }),
    commands.registerCommand(RESTART_SERVER_COMMAND, () => restartServer(languageClient, serverRecovery)),
    commands.registerCommand(SHOW_SERVER_STATUS_COMMAND, () => showServerStatus(languageClient, serverRecovery)),
  );
  // Registered before the server starts, so a panel restored after a reload finds its serializer;
  // its requests wait for the client to be running (`sendRequest` awaits the start).
  const preview = new BoundaryPreview(context.extensionUri, languageClient);
  context.subscriptions.push(preview);
  // The "Work Units" tree: registered now, it requests nothing until the view is shown.
  const catalog = new CatalogTree(languageClient);
  context.subscriptions.push(catalog, ...registerCatalogCommands(languageClient, catalog), registerImportBpmn(languageClient));
  await languageClient.start();
  catalog.register();
  return {
    preview,
    catalog,
    recovery: serverRecovery,
    serverStatus: () => languageClient.sendRequest<ServerStatusResult>(SERVER_STATUS_REQUEST),
  };
}

/** *Show Server Status*: the running server's own account in a modal dialog; a stopped one offers a restart. */
async function showServerStatus(languageClient: LanguageClient, serverRecovery: ServerRecovery): Promise<void> {
  if (languageClient.state !== State.Running) {
    const restart = 'Restart Language Server';
    if ((await window.showWarningMessage('The Work Unit language server is not running.', restart)) === restart) await restartServer(languageClient, serverRecovery);
    return;
  }
  const { message, detail } = describeServerStatus(await languageClient.sendRequest<ServerStatusResult>(SERVER_STATUS_REQUEST));
  const copy = 'Copy';
  if ((await window.showInformationMessage(message, { modal: true, detail }, copy)) === copy) await env.clipboard.writeText(`${message}\n${detail}`);
}

/** A restart the user asked for: the crash count starts over, and the stop says nothing. */
async function restartServer(languageClient: LanguageClient, serverRecovery: ServerRecovery): Promise<void> {
  serverRecovery.manualRestart();
  if (languageClient.state === State.Running) {
    serverRecovery.stopping();
    await languageClient.restart();
  } else if (languageClient.state !== State.Starting) {
    await languageClient.start();
  }
}

export async function deactivate(): Promise<void> {
  recovery?.stopping();
  await client?.stop();
  client = undefined;
  recovery = undefined;
}
