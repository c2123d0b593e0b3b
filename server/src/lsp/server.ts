/**
 * All protocol wiring: `startServer(connection)` declares the capabilities
 * and connects each LSP request to the core. The analysis, the features and
 * their data live in `core/`; this folder only converts and schedules.
 */
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { SETTINGS_SECTION } from '../protocol';
import { VERSION } from '../version';
import { registerCatalogView } from './features/catalogView';
import { codeActionCapabilities, registerCodeActions } from './features/codeActions';
import { completionCapabilities, registerCompletion } from './features/completion';
import { registerDiagram } from './features/diagram';
import { navigationCapabilities, registerNavigation } from './features/navigation';
import { registerServerStatus } from './features/serverStatus';
import { registerImportBpmn } from './features/importBpmn';
import { registerWorkspaceSymbols, workspaceSymbolCapabilities } from './features/workspaceSymbols';
import { WorkspaceCatalog } from './catalog';
import { Settings } from './settings';
import { UnitDocuments } from './unitDocuments';

export const SERVER_NAME = 'workunit-language-server';
export const SERVER_VERSION = VERSION;

export function startServer(connection: Connection): void {
  const settings = new Settings(connection);
  const catalog = new WorkspaceCatalog(connection, settings);
  const units = new UnitDocuments(connection, settings, catalog);
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
    catalog.initialize(params);
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
    if (supportsFolderChanges) connection.workspace.onDidChangeWorkspaceFolders((e) => catalog.foldersChanged(e.added, e.removed));
    // The workspace catalog: scanned in slices with progress, then kept current by file events and open documents.
    catalog.start(units);
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    units.relintAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (change.changes.some((c) => /workunit\.config\.yaml$/.test(c.uri))) {
      settings.configFileChanged();
      units.relintAll();
      catalog.configChanged();
    }
    catalog.filesChanged(change.changes);
  });

  registerNavigation(connection, units);
  registerCompletion(connection, units, () => supportsSnippets);
  registerCodeActions(connection, units, () => supportsSnippetEdits, () => resolvesCodeActionEdits);
  registerDiagram(connection, units);
  registerWorkspaceSymbols(connection, catalog);
  registerCatalogView(connection, catalog, units, settings);
  registerServerStatus(connection, units);
  registerImportBpmn(connection);

  units.listen();
  connection.listen();
}
