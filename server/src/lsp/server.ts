/**
 * All protocol wiring: `startServer(connection, host)` declares the
 * capabilities and connects each LSP request to the core. The analysis, the
 * features and their data live in `core/`; this folder only converts and
 * schedules. The same wiring serves Node (main.ts) and the web worker
 * (browserMain.ts); what differs is the host (host/node/, host/web/).
 */
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { ConfigLookup } from '../core/config/configLookup';
import type { ServerHost } from '../host/host';
import { SETTINGS_SECTION } from '../protocol';
import { VERSION } from '../version';
import { registerCatalogView } from './features/catalogView';
import { codeActionCapabilities, registerCodeActions } from './features/codeActions';
import { completionCapabilities, registerCompletion } from './features/completion';
import { registerDiagram } from './features/diagram';
import { navigationCapabilities, registerNavigation } from './features/navigation';
import { registerServerStatus } from './features/serverStatus';
import { registerWorkspaceSymbols, workspaceSymbolCapabilities } from './features/workspaceSymbols';
import { LspCatalog } from './catalog';
import { Settings } from './settings';
import { UnitDocuments } from './unitDocuments';

export const SERVER_NAME = 'workunit-language-server';
export const SERVER_VERSION = VERSION;

export function startServer(connection: Connection, host: ServerHost): void {
  const configs = new ConfigLookup(host.fs, (m) => connection.console.warn(m));
  const settings = new Settings(connection, configs, host.keyOf);
  const lspCatalog = new LspCatalog(connection, host, configs, () => units);
  const catalog = lspCatalog.catalog;
  const units = new UnitDocuments(connection, settings, host, catalog);
  let supportsDynamicConfig = false;
  let supportsFolderChanges = false;
  let supportsSnippets = false;
  let supportsSnippetEdits = false;
  let resolvesCodeActionEdits = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings.supportsPull = !!params.capabilities.workspace?.configuration;
    supportsDynamicConfig = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    supportsSnippets = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    supportsSnippetEdits = !!(params.capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport;
    supportsFolderChanges = !!params.capabilities.workspace?.workspaceFolders;
    resolvesCodeActionEdits = !!params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    lspCatalog.initialize(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...navigationCapabilities,
        ...completionCapabilities,
        ...codeActionCapabilities,
        ...workspaceSymbolCapabilities,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (supportsDynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    // The workspace catalog: scanned in slices with progress, then kept current by file events and open documents.
    lspCatalog.start(supportsFolderChanges);
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    units.relintAll();
  });

  registerNavigation(connection, units);
  registerCompletion(connection, units, () => supportsSnippets);
  registerCodeActions(connection, units, () => supportsSnippetEdits, () => resolvesCodeActionEdits);
  registerDiagram(connection, units);
  registerWorkspaceSymbols(connection, catalog);
  registerCatalogView(connection, catalog, units, settings);
  registerServerStatus(connection, units, host);

  units.listen();
  connection.listen();
}
