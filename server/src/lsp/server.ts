/**
 * All protocol wiring: `startServer(connection, host)` declares the
 * capabilities and connects each LSP request to the core. The analysis, the
 * features and their data live in `core/`; this folder only converts and
 * schedules. The same wiring serves Node (main.ts) and the web worker
 * (browserMain.ts); what differs is the host (host/node/, host/web/).
 *
 * The lifecycle and the params' shapes are enforced before any handler runs
 * (`lifecycle.ts`, given to the connection by `createServerConnection`);
 * every handler is guarded (`guard.ts`): a bug is logged with its stack and
 * the server keeps serving. Answers follow what the client declared
 * (`clientSupport.ts`).
 */
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type ConnectionOptions,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { ConfigLookup, withoutValues } from '../core/config/configLookup';
import type { ServerHost } from '../host/host';
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
import { LspCatalog } from './catalog';
import { errorLog, guardNotification, guardRequest, logFailure } from './guard';
import { answerRefusals, LifecycleGate } from './lifecycle';
import { Settings } from './settings';
import { UnitDocuments } from './unitDocuments';
import { LogMeasurements } from './measurements';

export const SERVER_NAME = 'workunit-language-server';
export const SERVER_VERSION = VERSION;

/** The connection `create` makes over its transport (stdio/IPC, or the worker's messages), with the lifecycle gate in front of every handler. */
export function createServerConnection(create: (options: ConnectionOptions) => Connection): Connection {
  const gate = new LifecycleGate();
  const connection = create({ messageStrategy: gate });
  gate.log = (m) => connection.console.warn(m);
  return connection;
}

/** What this session's client declared; read by the features at each answer. */
export type SupportOf = () => ClientSupport;

export function startServer(connection: Connection, host: ServerHost): void {
  const log = errorLog(connection);
  let support: ClientSupport = NOTHING_DECLARED;
  const supportOf: SupportOf = () => support;
  // One config lookup for the levels and the catalog's `ignore`: within the workspace folders, and its log
  // names the file and the problem, never the keys and values it holds.
  const configs = new ConfigLookup(host.fs, (m) => connection.console.warn(withoutValues(m, m.slice(0, m.indexOf(': ')))), () => lspCatalog.catalog.folderUris());
  const settings = new Settings(connection, configs, host.keyOf);
  const measurements = new LogMeasurements(connection, host, supportOf, () => ({ unitOf: (uri) => units.lastGood(uri)?.unit, republish: (uris) => units.republish(uris) }));
  const lspCatalog = new LspCatalog(connection, host, configs, () => units, (changes) => measurements.filesChanged(changes));
  const catalog = lspCatalog.catalog;
  const units = new UnitDocuments(connection, settings, supportOf, host, catalog, measurements);

  connection.onInitialize(
    guardRequest(log, 'initialize', (params: InitializeParams): InitializeResult => {
      support = readClientSupport(params.capabilities);
      settings.supportsPull = support.configurationPull;
      lspCatalog.initialize(params, support);
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
      // The workspace catalog: scanned in slices with progress, then kept current by file events and open documents.
      lspCatalog.start(support.workspaceFolders);
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification(log, 'workspace/didChangeConfiguration', (change) => {
      settings.changed(change.settings);
      units.relintAll();
    }),
  );

  answerRefusals(connection);
  registerNavigation(connection, units, supportOf, measurements);
  registerCompletion(connection, units, supportOf);
  registerCodeActions(connection, units, supportOf);
  registerDiagram(connection, units, measurements);
  registerWorkspaceSymbols(connection, catalog, supportOf);
  registerCatalogView(connection, catalog, units, settings, measurements);
  registerServerStatus(connection, units, host);
  registerImportBpmn(connection);

  units.listen();
  connection.listen();
}
