/**
 * What both entries share once they have a language client: the client's
 * options (documents, settings, file events, the crash policy), the boundary
 * preview, the "Work Units" tree and its commands. `extension.ts` (desktop:
 * the server is a Node process) and `browserExtension.ts` (vscode.dev,
 * github.dev: the server is a web worker) differ only in how the server starts.
 * The client only displays; everything is computed by the server.
 */
import { commands, env, window, workspace, type ExtensionContext } from 'vscode';
import { CloseAction, ErrorAction, State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { CONFIG_FILE_GLOB, LANGUAGE_ID, MEASURED_NOTIFICATION, SERVER_STATUS_REQUEST, SETTINGS_SECTION, UNIT_FILE_GLOB, type MeasuredParams, type ServerStatusResult } from '../../server/src/protocol';
import { registerCatalogCommands } from './catalog/commands';
import { CatalogTree } from './catalog/tree';
import { BoundaryPreview } from './preview/panel';
import { RESTART_SERVER_COMMAND, ServerRecovery } from './serverRecovery';
import { describeServerStatus, SHOW_SERVER_STATUS_COMMAND } from './serverStatus';

/** What `activate` returns (the in-editor suites read it through `extension.exports`). */
export interface WorkunitExtensionApi {
  preview: BoundaryPreview;
  /** The "Work Units" tree: `snapshot()` and `onDidRefresh` for the in-editor suite. */
  catalog: CatalogTree;
  /** The crash policy: `notices` and `onNotice` tell what the user was told about a dead server. */
  recovery: ServerRecovery;
  /** `workunit/serverStatus` of the running server (its `pid` and `host`, for the in-editor suites; users see it through *Show Server Status*). */
  serverStatus(): Promise<ServerStatusResult>;
}

export interface StartedExtension {
  client: BaseLanguageClient;
  recovery: ServerRecovery;
}

/**
 * The client options and the crash policy; its callbacks reach the client
 * only after a crash, when `client()` is set.
 */
export function clientOptions(client: () => BaseLanguageClient): { options: LanguageClientOptions; recovery: ServerRecovery } {
  const recovery: ServerRecovery = new ServerRecovery({
    ErrorAction,
    CloseAction,
    notify: (kind, message, actions) => (kind === 'error' ? window.showErrorMessage(message, ...actions) : window.showWarningMessage(message, ...actions)),
    restart: () => void restartServer(client(), recovery),
    showLog: () => client().outputChannel.show(true),
  });
  const options: LanguageClientOptions = {
    // The language, plus the file pattern: a unit opened under another language id (say `yaml`) is still checked.
    documentSelector: [{ language: LANGUAGE_ID }, { pattern: UNIT_FILE_GLOB }],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: [workspace.createFileSystemWatcher(CONFIG_FILE_GLOB), workspace.createFileSystemWatcher(UNIT_FILE_GLOB)],
    },
    errorHandler: recovery,
  };
  return { options, recovery };
}

/** The running extension, for `deactivate`. */
let running: StartedExtension | undefined;

/** Registers the preview, the tree and the commands, starts the client, and returns the API. */
export async function startExtension(context: ExtensionContext, { client, recovery }: StartedExtension): Promise<WorkunitExtensionApi> {
  running = { client, recovery };
  context.subscriptions.push(
    client,
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) recovery.serverRunning();
    }),
    commands.registerCommand(RESTART_SERVER_COMMAND, () => restartServer(client, recovery)),
    commands.registerCommand(SHOW_SERVER_STATUS_COMMAND, () => showServerStatus(client, recovery)),
  );
  // Registered before the server starts, so a panel restored after a reload finds its serializer;
  // its requests wait for the client to be running (`sendRequest` awaits the start).
  const preview = new BoundaryPreview(context.extensionUri, client);
  context.subscriptions.push(preview);
  // A unit's log measured: the preview draws the new per-step figures (code lenses and diagnostics come by themselves).
  context.subscriptions.push(
    client.onNotification(MEASURED_NOTIFICATION, (p: MeasuredParams) => {
      if (p.state === 'done') void preview.measured(p.uri);
    }),
  );
  // The "Work Units" tree: registered now, it requests nothing until the view is shown.
  const catalog = new CatalogTree(client);
  context.subscriptions.push(catalog, ...registerCatalogCommands(client, catalog));
  await client.start();
  catalog.register();
  return {
    preview,
    catalog,
    recovery,
    serverStatus: () => client.sendRequest<ServerStatusResult>(SERVER_STATUS_REQUEST),
  };
}

/** Both entries' `deactivate`: a stop the extension asked for says nothing. */
export async function deactivate(): Promise<void> {
  const stopping = running;
  running = undefined;
  stopping?.recovery.stopping();
  await stopping?.client.stop();
}

/** *Show Server Status*: the running server's own account in a modal dialog; a stopped one offers a restart. */
async function showServerStatus(client: BaseLanguageClient, recovery: ServerRecovery): Promise<void> {
  if (client.state !== State.Running) {
    const restart = 'Restart Language Server';
    if ((await window.showWarningMessage('The Work Unit language server is not running.', restart)) === restart) await restartServer(client, recovery);
    return;
  }
  const { message, detail } = describeServerStatus(await client.sendRequest<ServerStatusResult>(SERVER_STATUS_REQUEST));
  const copy = 'Copy';
  if ((await window.showInformationMessage(message, { modal: true, detail }, copy)) === copy) await env.clipboard.writeText(`${message}\n${detail}`);
}

/** A restart the user asked for: the crash count starts over, and the stop says nothing. */
async function restartServer(client: BaseLanguageClient, recovery: ServerRecovery): Promise<void> {
  recovery.manualRestart();
  if (client.state === State.Running) {
    recovery.stopping();
    await client.stop();
    await client.start();
  } else if (client.state !== State.Starting) {
    await client.start();
  }
}
