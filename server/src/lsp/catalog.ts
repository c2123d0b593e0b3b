/**
 * The workspace catalog (core/catalog/workspaceCatalog.ts) wired to the LSP
 * connection: the folders from `initialize` and folder-change
 * notifications, file watching registered with the client and its events,
 * the scan's work-done progress, logs to the client's console.
 */
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import type { ConfigLookup } from '../core/config/configLookup';
import type { FileChange, FileChangeType as CatalogChangeType } from '../core/catalog/fileSystem';
import { uriBasename } from '../core/catalog/uris';
import { WorkspaceCatalog, type CatalogFolder, type ProgressReporter } from '../core/catalog/workspaceCatalog';
import type { ServerHost } from '../host/host';
import type { ClientSupport } from './clientSupport';
import { errorLog, guardNotification, logFailure } from './guard';
import { CONFIG_FILE_GLOB, UNIT_FILE_GLOB } from '../protocol';

export { WorkspaceCatalog };

const NO_PROGRESS: ProgressReporter = { begin() {}, report() {}, done() {} };

const CHANGE_TYPES: Record<number, CatalogChangeType> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/** What the catalog tells the open documents. */
export interface CatalogListener {
  /** Re-publish these open documents: their catalog findings changed. */
  republish(uris: Iterable<string>): void;
  /** A `workunit.config.yaml` changed: re-check every open document with its levels. */
  relintAll(): void;
  /** Some open document's diagnostics are on their way: the scan lets them go first. */
  readonly busy: boolean;
}

export class LspCatalog {
  readonly catalog: WorkspaceCatalog;
  private supportsWatchRegistration = false;

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    configs: ConfigLookup,
    listener: () => CatalogListener,
    /** Told of every file event too (the measured logs). */
    private readonly alsoFilesChanged?: (changes: FileEvent[]) => void,
  ) {
    this.catalog = new WorkspaceCatalog({
      fs: host.fs,
      scheduler: host.scheduler,
      configs,
      keyOf: host.keyOf,
      log: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m) },
      progress: () => this.createProgress(),
      republish: (uris) => listener().republish(uris),
      configChanged: () => listener().relintAll(),
      busy: () => listener().busy,
      summarizer: host.summarizer,
      failed: (what, e) => logFailure(errorLog(connection), what, e),
    });
    connection.onDidChangeWatchedFiles(
      guardNotification(errorLog(connection), 'workspace/didChangeWatchedFiles', (change) => {
        this.alsoFilesChanged?.(change.changes);
        return this.catalog.filesChanged(change.changes.map(toFileChange));
      }),
    );
  }

  /** From `initialize`: the folders, and whether file watching can be registered. */
  initialize(params: InitializeParams, support: ClientSupport): void {
    this.supportsWatchRegistration = support.watchedFilesRegistration;
    const rootPathUri = params.rootPath && this.host.uriOfPath?.(params.rootPath);
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : rootPathUri ? [{ uri: rootPathUri, name: '' }] : []);
    this.catalog.setFolders(this.toFolders(folders));
  }

  /** From `initialized`: watch unit files (where the client lets the server ask), listen to folder changes, scan. */
  start(supportsFolderChanges: boolean): void {
    if (this.supportsWatchRegistration) {
      // The VS Code client also synchronises these events itself; a duplicate event costs one re-read.
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: UNIT_FILE_GLOB },
            { globPattern: CONFIG_FILE_GLOB },
            // Folders: deleting or moving one is a single event, for the folder.
            { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          ],
        })
        .catch((e: unknown) => this.connection.console.warn(`Could not register file watching: ${(e as Error).message ?? e}`));
    }
    if (supportsFolderChanges) {
      this.connection.workspace.onDidChangeWorkspaceFolders(
        guardNotification(errorLog(this.connection), 'workspace/didChangeWorkspaceFolders', (e) =>
          this.catalog.foldersChanged(
            this.toFolders(e.added),
            this.toFolders(e.removed).map((f) => f.uri),
          ),
        ),
      );
    }
    this.catalog.start();
  }

  private toFolders(folders: WorkspaceFolder[]): CatalogFolder[] {
    const out: CatalogFolder[] = [];
    for (const f of folders) {
      const uri = this.host.keyOf(f.uri);
      if (!uri) continue; // a folder this host cannot read: nothing to walk
      out.push({ uri, name: f.name || uriBasename(uri) || uri });
    }
    return out;
  }

  private async createProgress(): Promise<ProgressReporter> {
    try {
      return await this.connection.window.createWorkDoneProgress();
    } catch {
      return NO_PROGRESS; // the client refused the token: index without showing it
    }
  }
}

function toFileChange(e: FileEvent): FileChange {
  return { uri: e.uri, type: CHANGE_TYPES[e.type] ?? 'changed' };
}
