/**
 * The workspace catalog: every unit file under the workspace folders, in one
 * `CatalogIndex`, so that the catalog rules (`duplicate-unit-id`,
 * `value-stream-size`) and workspace symbols see the whole catalog.
 *
 * Sources, in order of authority: an open document's live text (its newest
 * version that parsed), then the file on disk — read by the initial scan,
 * then again only when a watched-file event names it (or its folder), when
 * its document closes, or by a rescan when `workunit.config.yaml` or the
 * workspace folders change. A keystroke touches the index with the summary
 * of the model the analysis already built: no disk, no other file, and no
 * re-check at all unless the unit's id or value stream moved.
 *
 * Scope: files under a workspace folder that the CLI's walk would reach
 * (`ignore` globs, no `node_modules`…). Other open files are checked alone,
 * as `workunit lint FILE` checks them.
 *
 * The index is keyed by normalised `file:` URIs; documents are published
 * under the URI the client gave them.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  type CancellationToken,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import type { CheckedUnit } from '../core/analyze';
import { CatalogIndex, summarizeText, summarizeUnit, type SymbolMatch, type UnitSummary } from '../core/catalog';
import { CONFIG_FILE_NAME } from '../core/config/configFile';
import type { UnitModel } from '../core/model/types';
import type { RawFinding } from '../core/rules/types';
import { localPathOf } from '../host/fileUri';
import { isFolderWalkedFrom, isWalkedFrom, readUnitFile, walkUnitFiles } from '../host/workspaceFiles';
import { CONFIG_FILE_GLOB, isUnitFile, UNIT_FILE_GLOB } from '../protocol';
import type { ClientSupport } from './clientSupport';
import { errorLog, runLogged } from './guard';
import type { Settings } from './settings';

interface Folder {
  uri: string;
  path: string;
  name: string;
}

interface LiveDocument {
  /** The URI as the client spells it. */
  uri: string;
  /** Under a workspace folder and not ignored: part of the catalog. */
  inScope: boolean;
  /** Its newest version that parsed (kept by the document's analyses anyway). */
  unit?: UnitModel;
}

interface Reporter {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

const NO_PROGRESS: Reporter = { begin() {}, report() {}, done() {} };

/** How long one slice of the scan may hold the event loop before requests get their turn. */
const SLICE_MS = 12;
/**
 * A slice that ran longer — one big file (a 1 MB unit parses in most of a
 * second) — is followed by a rest as long, up to this. One turn of the
 * event loop is not enough after it: an edit needs several (its scheduling,
 * the settings round trip, the analysis) and would wait for a big file at
 * each; resting, the scan takes at most half of the thread.
 */
const MAX_REST_MS = 1000;
/** A folder created with more unit files than this is read by a scan, in slices. */
const CREATED_FOLDER_MAX_FILES = 50;
/** How often the scan's progress is reported, at most. */
const REPORT_MS = 100;

export interface CatalogHost {
  /** Re-publish these open documents: their catalog findings changed. */
  republish(uris: Iterable<string>): void;
}

/** A file of the catalog, for the catalog view: its open document's URI, or the text the index last read. */
export interface CatalogFile {
  key: string;
  /** The URI as the client spells it when open; else the key. */
  uri: string;
  open: boolean;
  /** The text read from disk (undefined for an open document the scan left to its editor). */
  text?: string;
}

export class WorkspaceCatalog {
  private folders: Folder[] = [];
  private index: CatalogIndex;
  private readonly live = new Map<string, LiveDocument>();
  /** The catalog findings are complete (the first scan of the current folders finished). */
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  /** Bumped by every scan: an older scan stops at its next slice. */
  private generation = 0;
  private supportsWatchRegistration = false;
  /** While a scan runs: the files events set since it started (newer than what it read). */
  private touched?: Set<string>;
  private host?: CatalogHost;
  /** The text each file on disk had when the index last read it (what the catalog view analyses). */
  private readonly texts = new Map<string, string>();
  /** Called (at most once per turn, once ready) when the set of units or some unit's summary may have changed. */
  private changeListener?: () => void;
  private changeQueued = false;

  constructor(
    private readonly connection: Connection,
    private readonly settings: Settings,
  ) {
    this.index = this.newIndex();
  }

  /** From `initialize`: the folders, and whether file watching can be registered. */
  initialize(params: InitializeParams, support: ClientSupport): void {
    this.supportsWatchRegistration = support.watchedFilesRegistration;
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : params.rootPath ? [{ uri: pathToFileURL(params.rootPath).href, name: '' }] : []);
    this.folders = toFolders(folders);
  }

  /** From `initialized`: watch unit files (where the client lets the server ask) and scan the folders. */
  start(host: CatalogHost): void {
    this.host = host;
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
    this.startScan();
  }

  /** Workspace folders were added or removed: a new index over the new folders. */
  foldersChanged(added: WorkspaceFolder[], removed: WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => toFolders([f])[0]?.path));
    this.folders = [...this.folders.filter((f) => !gone.has(f.path)), ...toFolders(added)];
    this.index = this.newIndex();
    this.ready = false;
    this.startScan();
  }

  /** `workunit.config.yaml` changed: its `ignore` globs may take files in or out. */
  configChanged(): void {
    this.startScan();
  }

  /**
   * An open document was analysed. Records its live unit (a version that does
   * not parse leaves its last good one in the catalog) and returns its
   * catalog findings — undefined where no catalog applies, or while the
   * first scan runs (a partial catalog would judge suppressions wrongly).
   */
  documentChanged(uri: string, checked: CheckedUnit): RawFinding[] | undefined {
    const key = keyOf(uri);
    if (!key) return undefined;
    let doc = this.live.get(key);
    if (!doc) {
      doc = { uri, inScope: this.inScope(key) };
      this.live.set(key, doc);
    }
    doc.uri = uri;
    if (checked.parsed) doc.unit = checked.unit;
    if (!doc.inScope) return undefined;
    if (checked.parsed) {
      this.touched?.add(key);
      const changed = this.index.set(key, liveSummary(checked.unit));
      if (changed.size > 0) this.changed();
      this.publishChanges(changed, uri);
    }
    return this.findingsFor(uri, checked);
  }

  /** The catalog findings of an open document as analysed in `checked` (see `documentChanged`). */
  findingsFor(uri: string, checked: CheckedUnit): RawFinding[] | undefined {
    const key = keyOf(uri);
    if (!key || !this.ready || !checked.parsed || !this.live.get(key)?.inScope) return undefined;
    return this.index.findings(key);
  }

  /** An open document closed: the file on disk speaks for it again. */
  documentClosed(uri: string): void {
    const key = keyOf(uri);
    if (!key) return;
    const doc = this.live.get(key);
    this.live.delete(key);
    if (doc?.inScope) {
      this.publishChanges(this.syncFromDisk(key));
      this.changed();
    }
  }

  /** `workspace/didChangeWatchedFiles`: re-read the unit files named (duplicates and all), unless open. */
  filesChanged(events: FileEvent[]): void {
    const keys = new Set<string>();
    let rescan = false;
    for (const e of events) {
      const key = keyOf(e.uri);
      if (!key) continue;
      if (isUnitFile(key)) keys.add(key);
      else if (e.type === FileChangeType.Deleted) {
        // A folder deleted (or moved away) is one event: its units go with it.
        const prefix = key.endsWith('/') ? key : `${key}/`;
        for (const k of this.index.keys()) if (k.startsWith(prefix)) keys.add(k);
      } else if (e.type === FileChangeType.Created && !key.endsWith(CONFIG_FILE_NAME)) {
        // A folder created (or moved in) is one event too: walk it — a big one in slices, by a scan.
        const units = this.unitsInCreatedFolder(localPathOf(key)!);
        if (units === 'too many') rescan = true;
        else for (const k of units) keys.add(k);
      }
    }
    if (rescan) this.startScan();
    const changed = new Set<string>();
    for (const key of keys) {
      if (this.live.has(key)) continue; // the open document's text wins
      for (const k of this.syncFromDisk(key)) changed.add(k);
    }
    this.publishChanges(changed);
  }

  /** The unit files in a folder just created, when it is part of the catalog; a scan's job when there are many. */
  private unitsInCreatedFolder(path: string): string[] | 'too many' {
    const folder = this.folders.find((f) => isFolderWalkedFrom(f.path, path, this.settings.configs));
    if (!isDirectory(path) || !folder) return [];
    const keys: string[] = [];
    const started = Date.now();
    for (const p of walkUnitFiles(path, this.settings.configs, { confineTo: folder.path })) {
      if (p) keys.push(keyOfPath(p));
      if (keys.length > CREATED_FOLDER_MAX_FILES || Date.now() - started > SLICE_MS) return 'too many';
    }
    return keys;
  }

  /** The workspace folder holding a local path (the innermost, when folders nest), if any. */
  folderOf(path: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      const rel = relative(f.path, path);
      const inside = rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
      if (inside && (best === undefined || f.path.length > best.length)) best = f.path;
    }
    return best;
  }

  /** Units, actors and steps matching `query`, once the first scan is done. */
  async symbols(query: string, token?: CancellationToken): Promise<(SymbolMatch & { uri: string })[]> {
    await this.whenReady(token);
    return this.index.symbols(query).map((m) => ({ ...m, uri: this.live.get(m.file)?.uri ?? m.file }));
  }

  /** A scan nobody awaits: a failure is logged with its stack, and the index stays as it was. */
  private startScan(): void {
    runLogged(errorLog(this.connection), 'The workspace scan', () => this.scan());
  }

  private newIndex(): CatalogIndex {
    return new CatalogIndex(undefined, (key) => this.label(key));
  }

  /**
   * Walks the folders and reads every unit file that is not open, in slices
   * that leave the event loop to requests and edits; then, in one step, puts
   * what it read into the index (each group checked once), drops what is no
   * longer there, re-decides which open documents belong, and re-publishes
   * the open documents. Until then the index stays as it was, kept current
   * by events; what an event set during the scan is newer than what the scan
   * read, and stays. A newer scan (config or folders changed) supersedes.
   */
  private async scan(): Promise<void> {
    const generation = ++this.generation;
    const superseded = () => generation !== this.generation;
    const touched = new Set<string>();
    this.touched = touched;
    const started = Date.now();
    const progress = await this.createProgress();
    try {
      progress.begin('Indexing work units', 0, 'Looking for unit files…', false);
      const configs = this.settings.configs;
      const paths: string[] = [];
      const visited = new Set<string>();
      let slice = Date.now();
      let reported = slice;
      /** Between slices: the event loop's turn; false when a newer scan took over. */
      const pause = async (percentage: number, message: string): Promise<boolean> => {
        if (Date.now() - slice < SLICE_MS) return true;
        if (Date.now() - reported >= REPORT_MS) {
          progress.report(percentage, message);
          reported = Date.now();
        }
        const spent = Date.now() - slice;
        await (spent > 2 * SLICE_MS ? rest(Math.min(spent, MAX_REST_MS)) : nextTurn());
        slice = Date.now();
        return !superseded();
      };
      for (const folder of this.folders) {
        for (const path of walkUnitFiles(folder.path, configs, { visited, confineTo: folder.path, onProblem: (m) => this.connection.console.warn(m) })) {
          if (path) paths.push(path);
          if (!(await pause(0, `Found ${paths.length} unit files…`))) return;
        }
      }
      const read = new Map<string, UnitSummary | undefined>();
      const readTexts = new Map<string, string>();
      for (let i = 0; i < paths.length; i++) {
        if (!(await pause((100 * i) / paths.length, `${i} of ${paths.length} unit files`))) return;
        const key = keyOfPath(paths[i]);
        if (this.live.get(key)?.unit) {
          read.set(key, undefined); // open: its text wins (set below)
          continue;
        }
        const r = readUnitFile(paths[i]);
        if ('text' in r) {
          read.set(key, summarizeText(r.text));
          readTexts.set(key, r.text);
        }
        else if ('problem' in r) this.connection.console.warn(r.problem);
      }
      const contents: [string, UnitSummary | undefined][] = [];
      const deletions: string[] = [];
      for (const [key, summary] of read) if (!touched.has(key) && !this.live.has(key)) contents.push([key, summary]);
      for (const key of this.index.keys()) if (!read.has(key) && !touched.has(key) && !this.live.has(key)) deletions.push(key);
      // Open documents: in or out of the catalog now (the folders or the ignore globs may have changed).
      const concerned: string[] = [];
      for (const [key, doc] of this.live) {
        if (doc.inScope) concerned.push(doc.uri);
        doc.inScope = this.inScope(key);
        if (doc.inScope && concerned.at(-1) !== doc.uri) concerned.push(doc.uri);
        if (!doc.inScope) deletions.push(key);
        else if (doc.unit) contents.push([key, liveSummary(doc.unit)]);
        else if (read.has(key) && !touched.has(key)) contents.push([key, read.get(key)]);
      }
      this.index.setMany(contents, deletions);
      for (const [key] of contents) {
        const text = readTexts.get(key);
        if (text !== undefined) this.texts.set(key, text);
      }
      for (const key of deletions) this.texts.delete(key);
      this.touched = undefined;
      this.ready = true;
      for (const resolve of this.readyWaiters.splice(0)) resolve();
      this.host?.republish(concerned);
      this.changed();
      this.connection.console.info(`Catalog: ${paths.length} unit files in ${this.folders.length} workspace folder${this.folders.length === 1 ? '' : 's'}, indexed in ${Date.now() - started} ms.`);
      progress.report(100, `${paths.length} unit files`);
    } finally {
      progress.done();
    }
  }

  /** Reads one file into the index (out of it when gone or unreadable); returns the files whose findings changed. */
  private read(key: string, path: string): Set<string> {
    const r = readUnitFile(path);
    if ('text' in r) {
      const before = this.texts.get(key);
      const known = this.index.has(key);
      this.texts.set(key, r.text);
      const changed = this.index.set(key, r.text);
      if (!known || before !== r.text || changed.size > 0) this.changed();
      return changed;
    }
    if ('problem' in r) this.connection.console.warn(r.problem);
    return this.forget(key);
  }

  private syncFromDisk(key: string): Set<string> {
    this.touched?.add(key);
    if (!this.inScope(key)) return this.forget(key);
    return this.read(key, localPathOf(key)!);
  }

  private forget(key: string): Set<string> {
    this.texts.delete(key);
    if (this.index.has(key)) this.changed();
    return this.index.delete(key);
  }

  /** Listens for changes to the catalog's units (see `changed`). */
  onDidChange(listener: () => void): void {
    this.changeListener = listener;
  }

  /** The set of units or some unit's summary may have changed: tell the listener on the next turn, once ready. */
  changed(): void {
    if (this.changeQueued || !this.changeListener) return;
    this.changeQueued = true;
    setImmediate(() => {
      this.changeQueued = false;
      if (this.ready) this.changeListener?.();
    });
  }

  /** Whether an open document is part of the catalog. */
  isInCatalog(uri: string): boolean {
    const key = keyOf(uri);
    return !!key && !!this.live.get(key)?.inScope && this.index.has(key);
  }

  /** Every file of the catalog, once the first scan is done. */
  async files(token?: CancellationToken): Promise<CatalogFile[]> {
    await this.whenReady(token);
    const out: CatalogFile[] = [];
    for (const key of this.index.keys()) {
      const doc = this.live.get(key);
      out.push({ key, uri: doc?.uri ?? key, open: !!doc, text: this.texts.get(key) });
    }
    return out;
  }

  /** The catalog findings of a file (for one the editor does not have open). */
  catalogFindings(key: string): RawFinding[] | undefined {
    return this.ready ? this.index.findings(key) : undefined;
  }

  /** How findings and reports name a file. */
  labelOf(key: string): string {
    return this.label(key);
  }

  private async whenReady(token?: CancellationToken): Promise<void> {
    if (this.ready) return;
    await new Promise<void>((resolve) => {
      this.readyWaiters.push(resolve);
      token?.onCancellationRequested(() => resolve());
    });
  }

  private publishChanges(keys: Set<string>, except?: string): void {
    if (!this.ready || keys.size === 0) return;
    const uris: string[] = [];
    for (const key of keys) {
      const uri = this.live.get(key)?.uri;
      if (uri && uri !== except) uris.push(uri);
    }
    if (uris.length > 0) this.host?.republish(uris);
  }

  /** Under a workspace folder, reached by the walk (not ignored, not in node_modules…). */
  private inScope(key: string): boolean {
    const path = localPathOf(key)!;
    return this.folders.some((f) => isWalkedFrom(f.path, path, this.settings.configs));
  }

  /** How findings name a file: relative to its folder (after the folder's name when there are several). */
  private label(key: string): string {
    const path = localPathOf(key)!;
    let best: { folder: Folder; rel: string } | undefined;
    for (const folder of this.folders) {
      const rel = relative(folder.path, path);
      if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
      if (!best || rel.length < best.rel.length) best = { folder, rel };
    }
    if (!best) return path;
    const rel = best.rel.split(sep).join('/');
    return this.folders.length > 1 ? `${best.folder.name}/${rel}` : rel;
  }

  private async createProgress(): Promise<Reporter> {
    try {
      return await this.connection.window.createWorkDoneProgress();
    } catch {
      return NO_PROGRESS; // the client refused the token: index without showing it
    }
  }
}

function toFolders(folders: WorkspaceFolder[]): Folder[] {
  const out: Folder[] = [];
  for (const f of folders) {
    const key = keyOf(f.uri);
    if (!key) continue; // a virtual folder: nothing on disk to walk
    const path = localPathOf(key)!;
    out.push({ uri: f.uri, path, name: f.name || path.split(/[\\/]/).filter(Boolean).pop() || path });
  }
  return out;
}

/** One spelling per file: `file:` URIs normalised through the path (percent-encoding, a Windows drive letter's case). */
export function keyOf(uri: string): string | undefined {
  const path = localPathOf(uri);
  return path === undefined ? undefined : keyOfPath(path);
}

function keyOfPath(path: string): string {
  return pathToFileURL(process.platform === 'win32' ? path.replace(/^[A-Z]:/, (d) => d.toLowerCase()) : path).href;
}

/** An open document's unit for the index: its symbols are listed only when a search asks. */
function liveSummary(unit: UnitModel) {
  return unit.isMapping ? summarizeUnit(unit, true) : undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function rest(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
