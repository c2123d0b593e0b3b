/**
 * All protocol wiring: `startServer(connection)` declares the capabilities
 * and connects each LSP request to the core. The analysis, the features and
 * their data live in `core/`; this folder only converts and schedules.
 *
 * The lifecycle and the params' shapes are enforced before any handler runs
 * (`lifecycle.ts`, given to the connection by `createServerConnection`);
 * every handler is guarded (`guard.ts`): a bug is logged with its stack and
 * the server keeps serving. Answers follow what the client declared
 * (`clientSupport.ts`).
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../protocol';
import { VERSION } from '../version';
import { NOTHING_DECLARED, readClientSupport, type ClientSupport } from './clientSupport';
import { registerCatalogView } from './features/catalogView';
import { codeActionCapabilities, registerCodeActions } from './features/codeActions';
import { completionCapabilities, registerCompletion } from './features/completion';
import { registerDiagram } from './features/diagram';
import { navigationCapabilities, registerNavigation } from './features/navigation';
import { registerServerStatus } from './features/serverStatus';
import { registerImportBpmn } from './features/importBpmn';
import { registerWorkspaceSymbols, workspaceSymbolCapabilities } from './features/workspaceSymbols';
import { WorkspaceCatalog } from './catalog';
import { errorLog, guardNotification, guardRequest, logFailure } from './guard';
import { answerRefusals, LifecycleGate } from './lifecycle';
import { Settings } from './settings';
import { UnitDocuments } from './unitDocuments';

export const SERVER_NAME = 'workunit-language-server';
export const SERVER_VERSION = VERSION;

/** The connection over the transport named on the command line, with the lifecycle gate in front of every handler. */
export function createServerConnection(): Connection {
  const gate = new LifecycleGate();
  const connection = createConnection(ProposedFeatures.all, { messageStrategy: gate });
  gate.log = (m) => connection.console.warn(m);
  return connection;
}

/** What this session's client declared; read by the features at each answer. */
export type SupportOf = () => ClientSupport;

export function startServer(connection: Connection): void {
  const log = errorLog(connection);
  let support: ClientSupport = NOTHING_DECLARED;
  const supportOf: SupportOf = () => support;
  const settings = new Settings(connection);
  const catalog = new WorkspaceCatalog(connection, settings);
  const units = new UnitDocuments(connection, settings, supportOf, catalog);
  settings.folderOf = (path) => catalog.folderOf(path);

  connection.onInitialize(
    guardRequest(log, 'initialize', (params: InitializeParams): InitializeResult => {
      support = readClientSupport(params.capabilities);
      settings.supportsPull = support.configurationPull;
      catalog.initialize(params, support);
      return {
        capabilities: {
          // Positions are counted in UTF-16 code units whatever the client offers: said, not assumed.
          positionEncoding: 'utf-16',
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          ...navigationCapabilities(support),
          ...completionCapabilities,
          ...codeActionCapabilities(support),
          ...workspaceSymbolCapabilities,
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
      };
    }),
  );

  connection.onInitialized(
    guardNotification(log, 'initialized', () => {
      if (support.dynamicConfigurationRegistration) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch((e: unknown) => logFailure(log, 'Registering for configuration changes', e));
      }
      if (support.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(guardNotification(log, 'workspace/didChangeWorkspaceFolders', (e) => catalog.foldersChanged(e.added, e.removed)));
      // The workspace catalog: scanned in slices with progress, then kept current by file events and open documents.
      catalog.start(units);
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification(log, 'workspace/didChangeConfiguration', (change) => {
      settings.changed(change.settings);
      units.relintAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification(log, 'workspace/didChangeWatchedFiles', (change) => {
      if (change.changes.some((c) => /workunit\.config\.yaml$/.test(c.uri))) {
        settings.configFileChanged();
        units.relintAll();
        catalog.configChanged();
      }
      catalog.filesChanged(change.changes);
    }),
  );

  answerRefusals(connection);
  registerNavigation(connection, units, supportOf);
  registerCompletion(connection, units, supportOf);
  registerCodeActions(connection, units, supportOf);
  registerDiagram(connection, units);
  registerWorkspaceSymbols(connection, catalog, supportOf);
  registerCatalogView(connection, catalog, units, settings);
  registerServerStatus(connection, units);
  registerImportBpmn(connection);

  units.listen();
  connection.listen();
}
