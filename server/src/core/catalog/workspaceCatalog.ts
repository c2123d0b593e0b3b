/**
 * The workspace catalog: every unit file under the workspace folders, in one
 * `CatalogIndex`, so that the catalog rules (`duplicate-unit-id`,
 * `value-stream-size`) and workspace symbols see the whole catalog.
 *
 * Host-independent: the files come through a `CatalogFileSystem` (Node's
 * `fs`, or the editor's `workspace.fs` in a web worker), time through a
 * `Scheduler`, and what the catalog tells the world (logs, progress,
 * re-publishing) through a `CatalogEnvironment`. The LSP wiring lives in
 * lsp/catalog.ts; the unit tests run it in memory.
 *
 * Sources, in order of authority: an open document's live text (its newest
 * version that parsed), then the file in the file system — read by the
 * initial scan, then again only when a file event names it (or its folder),
 * when its document closes, or by a rescan when `workunit.config.yaml` or the
 * workspace folders change. A keystroke touches the index with the summary
 * of the model the analysis already built: no file read, no other file, and
 * no re-check at all unless the unit's id or value stream moved.
 *
 * Scope: files under a workspace folder that the CLI's walk would reach
 * (`ignore` globs, no `node_modules`…). Other open files are checked alone,
 * as `workunit lint FILE` checks them.
 *
 * The index is keyed by the host's spelling of each URI (`keyOf`); documents
 * are published under the URI the client gave them.
 */
import type { CheckedUnit } from '../analyze';
import type { ConfigLookup } from '../config/configLookup';
import { CONFIG_FILE_NAME } from '../config/configFile';
import type { UnitModel } from '../model/types';
import type { RawFinding } from '../rules/types';
import { isUnitFile } from '../../protocol';
import { nextTurn, rest, type CatalogFileSystem, type FileChange, type FileSummarizer, type Scheduler, type SummaryResult } from './fileSystem';
import { relativePath } from './uris';
import { textHash } from '../text/hash';
import { isFolderWalkedFrom, isWalkedFrom, readUnitFile, walkUnitFiles } from './walk';
import { CatalogIndex, summarizeText, summarizeUnit, type SymbolMatch, type UnitSummary } from './workspace';

export interface CatalogFolder {
  /** The folder's key (see `keyOf`). */
  uri: string;
  /** How findings name it when there are several. */
  name: string;
}

interface LiveDocument {
  /** The URI as the client spells it. */
  uri: string;
  /** Under a workspace folder and not ignored: part of the catalog. */
  inScope: boolean;
  /** Its newest version that parsed (kept by the document's analyses anyway). */
  unit?: UnitModel;
  /** Resolves once `inScope` is settled for the document as opened. */
  settled: Promise<void>;
}

export interface ProgressReporter {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

/** What the catalog needs from its surroundings besides files and time. */
export interface CatalogEnvironment {
  fs: CatalogFileSystem;
  scheduler: Scheduler;
  /** The config lookup shared with the rule levels (cleared here when a config file changes). */
  configs: ConfigLookup;
  /** The index's spelling of a document URI; undefined for a URI this host has no file for. */
  keyOf(uri: string): string | undefined;
  log: { info(message: string): void; warn(message: string): void };
  /** A progress reporter for the scan (one that shows nothing where the client refuses one). */
  progress(): Promise<ProgressReporter>;
  /** Re-publish these open documents: their catalog findings changed. */
  republish(uris: Iterable<string>): void;
  /** A `workunit.config.yaml` changed: its levels apply to every open document. */
  configChanged(): void;
  /** Work nobody awaits (a scan) threw: a bug, to be logged with its stack; the index stays as it was. */
  failed(what: string, error: unknown): void;
  /**
   * True while an open document's diagnostics are on their way: the scan
   * waits between files until they are out, so that a document opened or
   * edited during a scan is answered as fast as without one.
   */
  busy?(): boolean;
  /** Reads and summarizes files off this thread (Node: a worker); absent, the scan does it here, in slices. */
  summarizer?: FileSummarizer<UnitSummary | undefined>;
}

/** A file of the catalog, for the catalog view: its open document's URI, or which text the index last read. */
export interface CatalogFile {
  key: string;
  /** The URI as the client spells it when open; else the key. */
  uri: string;
  open: boolean;
  /**
   * A hash of the text last read (undefined for an open document the scan
   * left to its editor): the text itself is not kept — `readText` reads it
   * again — so the catalog holds keys, not files.
   */
  hash?: number;
}

/** How long one slice of the scan may hold the thread before requests get their turn (a few files). */
const SLICE_MS = 5;
/** How long the scan rests, each time, while an open document's analysis is on its way. */
const BUSY_REST_MS = 2;
/**
 * A slice that ran longer — one big file (a 1 MB unit parses in most of a
 * second) — is followed by a rest as long, up to this. One turn of the
 * event loop is not enough after it: an edit needs several (its scheduling,
 * the settings round trip, the analysis) and would wait for a big file at
 * each; resting, the scan takes at most half of the thread.
 */
const MAX_REST_MS = 1000;
/** A folder created with more unit files than this, or whose walk takes longer than this, is read by a scan, in slices. */
const CREATED_FOLDER_MAX_FILES = 50;
const CREATED_FOLDER_MAX_MS = 12;
/** How often the scan's progress is reported, at most. */
const REPORT_MS = 100;

export class WorkspaceCatalog {
  private folders: CatalogFolder[] = [];
  private index: CatalogIndex;
  private readonly live = new Map<string, LiveDocument>();
  /** The catalog findings are complete (the first scan of the current folders finished). */
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  /** Bumped by every scan: an older scan stops at its next slice. */
  private generation = 0;
  /** While a scan runs: the files events set since it started (newer than what it read). */
  private touched?: Set<string>;
  /** A hash of the text each file had when the index last read it (tells the catalog view what changed). */
  private readonly hashes = new Map<string, number>();
  /** Called (at most once per turn, once ready) when the set of units or some unit's summary may have changed. */
  private changeListener?: () => void;
  private changeQueued = false;
  /** The newest scan, for tests and callers that wait for it. */
  private scanning: Promise<void> = Promise.resolve();

  constructor(private readonly env: CatalogEnvironment) {
    this.index = this.newIndex();
  }

  /** The workspace folders, before `start`. */
  setFolders(folders: CatalogFolder[]): void {
    this.folders = folders;
  }

  /** The workspace folders' keys (the config lookup stays within them). */
  folderUris(): string[] {
    return this.folders.map((f) => f.uri);
  }

  /** Scans the folders. */
  start(): void {
    this.rescan();
  }

  /** Workspace folders were added or removed: a new index over the new folders. */
  foldersChanged(added: CatalogFolder[], removed: string[]): void {
    const gone = new Set(removed);
    this.folders = [...this.folders.filter((f) => !gone.has(f.uri)), ...added];
    this.env.configs.clear(); // the folders bound the config lookup
    this.index = this.newIndex();
    this.ready = false;
    this.rescan();
  }

  /** Resolves when the newest scan so far has finished (or was superseded). */
  whenScanned(): Promise<void> {
    return this.scanning;
  }

  /**
   * A document opened: whether it is part of the catalog (under a folder,
   * not ignored) is settled now — the answer may need the file system (the
   * config file of an `ignore` glob). The document's analyses wait for it
   * (`UnitDocuments`); one that came first (a request) joins the catalog
   * when it is settled.
   */
  documentOpened(uri: string): Promise<void> {
    const key = this.env.keyOf(uri);
    return key ? this.liveDocument(uri, key).settled : Promise.resolve();
  }

  private liveDocument(uri: string, key: string): LiveDocument {
    const known = this.live.get(key);
    if (known) return known;
    const doc: LiveDocument = { uri, inScope: false, settled: Promise.resolve() };
    this.live.set(key, doc);
    doc.settled = this.inScope(key).then((inScope) => {
      if (this.live.get(key) !== doc) return; // closed meanwhile
      doc.inScope = inScope;
      if (!inScope || !doc.unit) return;
      // Analysed before it was settled: it joins now, and is published again with its catalog findings.
      const changed = this.index.set(key, liveSummary(doc.unit));
      this.changed();
      changed.add(key);
      this.publishChanges(changed);
    });
    return doc;
  }

  /**
   * An open document was analysed. Records its live unit (a version that does
   * not parse leaves its last good one in the catalog) and returns its
   * catalog findings — undefined where no catalog applies, or while the
   * first scan runs (a partial catalog would judge suppressions wrongly).
   */
  documentChanged(uri: string, checked: CheckedUnit): RawFinding[] | undefined {
    const key = this.env.keyOf(uri);
    if (!key) return undefined;
    const doc = this.liveDocument(uri, key);
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
    const key = this.env.keyOf(uri);
    if (!key || !this.ready || !checked.parsed || !this.live.get(key)?.inScope) return undefined;
    return this.index.findings(key);
  }

  /** An open document closed: the file speaks for it again. */
  async documentClosed(uri: string): Promise<void> {
    const key = this.env.keyOf(uri);
    if (!key) return;
    const doc = this.live.get(key);
    this.live.delete(key);
    if (doc?.inScope) {
      this.publishChanges(await this.syncFromFile(key));
      this.changed();
    }
  }

  /**
   * File events: re-read the unit files named (duplicates and all), unless
   * open; a config file changed rescans (its `ignore` globs may take files in or out).
   */
  async filesChanged(events: FileChange[]): Promise<void> {
    if (events.some((e) => e.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
      this.env.configs.clear();
      this.env.configChanged();
      this.rescan();
    }
    const keys = new Set<string>();
    let rescan = false;
    for (const e of events) {
      const key = this.env.keyOf(e.uri);
      if (!key) continue;
      if (isUnitFile(key)) keys.add(key);
      else if (e.type === 'deleted') {
        // A folder deleted (or moved away) is one event: its units go with it.
        const prefix = key.endsWith('/') ? key : `${key}/`;
        for (const k of this.index.keys()) if (k.startsWith(prefix)) keys.add(k);
      } else if (e.type === 'created' && !key.endsWith(CONFIG_FILE_NAME)) {
        // A folder created (or moved in) is one event too: walk it — a big one in slices, by a scan.
        const units = await this.unitsInCreatedFolder(key);
        if (units === 'too many') rescan = true;
        else for (const k of units) keys.add(k);
      }
    }
    if (rescan) this.rescan();
    const changed = new Set<string>();
    for (const key of keys) {
      if (this.live.has(key)) continue; // the open document's text wins
      for (const k of await this.syncFromFile(key)) changed.add(k);
    }
    this.publishChanges(changed);
  }

  /** The unit files in a folder just created, when it is part of the catalog; a scan's job when there are many. */
  private async unitsInCreatedFolder(key: string): Promise<string[] | 'too many'> {
    const { fs, scheduler, configs } = this.env;
    const st = await fs.stat(key);
    if (!('kind' in st) || st.kind !== 'directory') return [];
    let folder: CatalogFolder | undefined;
    for (const f of this.folders) if (!folder && (await isFolderWalkedFrom(fs, f.uri, key, configs))) folder = f;
    if (!folder) return [];
    const keys: string[] = [];
    const started = scheduler.now();
    for await (const uri of walkUnitFiles(fs, key, configs, { confineTo: folder.uri })) {
      if (uri) keys.push(uri);
      if (keys.length > CREATED_FOLDER_MAX_FILES || scheduler.now() - started > CREATED_FOLDER_MAX_MS) return 'too many';
    }
    return keys;
  }

  /** Units, actors and steps matching `query`, once the first scan is done. */
  async symbols(query: string, cancelled?: Cancellation): Promise<(SymbolMatch & { uri: string })[]> {
    await this.whenReady(cancelled);
    return this.index.symbols(query).map((m) => ({ ...m, uri: this.live.get(m.file)?.uri ?? m.file }));
  }

  private newIndex(): CatalogIndex {
    return new CatalogIndex(undefined, (key) => this.label(key));
  }

  private rescan(): void {
    this.scanning = this.scan().then(undefined, (e: unknown) => this.env.failed('The workspace scan', e));
  }

  /**
   * Walks the folders and reads every unit file that is not open, in slices
   * that leave the thread to requests and edits; then, in one step, puts
   * what it read into the index (each group checked once), drops what is no
   * longer there, re-decides which open documents belong, and re-publishes
   * the open documents. Until then the index stays as it was, kept current
   * by events; what an event set during the scan is newer than what the scan
   * read, and stays. A newer scan (config or folders changed) supersedes.
   */
  private async scan(): Promise<void> {
    const { fs, scheduler, configs, log } = this.env;
    const generation = ++this.generation;
    const superseded = () => generation !== this.generation;
    const touched = new Set<string>();
    this.touched = touched;
    const started = scheduler.now();
    const progress = await this.env.progress();
    try {
      progress.begin('Indexing work units', 0, 'Looking for unit files…', false);
      const uris: string[] = [];
      const visited = new Set<string>();
      let slice = scheduler.now();
      let reported = slice;
      /** Between slices: the thread's turn for others; false when a newer scan took over. */
      const pause = async (percentage: number, message: string): Promise<boolean> => {
        if (this.env.busy?.()) {
          // An open document first: its analysis waits for settings, a round trip the scan must not hold up.
          while (this.env.busy() && !superseded()) await rest(scheduler, BUSY_REST_MS);
          slice = scheduler.now();
        }
        if (scheduler.now() - slice < SLICE_MS) return !superseded();
        if (scheduler.now() - reported >= REPORT_MS) {
          progress.report(percentage, message);
          reported = scheduler.now();
        }
        const spent = scheduler.now() - slice;
        await (spent > 2 * SLICE_MS ? rest(scheduler, Math.min(spent, MAX_REST_MS)) : nextTurn(scheduler));
        slice = scheduler.now();
        return !superseded();
      };
      for (const folder of this.folders) {
        for await (const uri of walkUnitFiles(fs, folder.uri, configs, { visited, confineTo: folder.uri, onProblem: (m) => log.warn(m) })) {
          if (uri) uris.push(uri);
          if (!(await pause(0, `Found ${uris.length} unit files…`))) return;
        }
      }
      const read = new Map<string, UnitSummary | undefined>();
      const readHashes = new Map<string, number>();
      const take = (key: string, r: SummaryResult<UnitSummary | undefined>) => {
        if ('summary' in r) {
          read.set(key, r.summary);
          readHashes.set(key, r.hash);
        } else if ('problem' in r) log.warn(r.problem);
      };
      const toRead: string[] = [];
      for (const key of uris) {
        if (this.live.get(key)?.unit) read.set(key, undefined); // open: its text wins (set below)
        else toRead.push(key);
      }
      const { summarizer } = this.env;
      if (summarizer) {
        // Another thread reads and parses; this one only stores what comes back, and answers the editor meanwhile.
        let done = 0;
        await summarizer.summarize(
          toRead,
          (key, r) => {
            take(key, r);
            if (++done % 100 === 0 && scheduler.now() - reported >= REPORT_MS) {
              progress.report((100 * done) / toRead.length, `${done} of ${toRead.length} unit files`);
              reported = scheduler.now();
            }
          },
          superseded,
        );
      } else {
        for (let i = 0; i < toRead.length; i++) {
          if (!(await pause((100 * i) / toRead.length, `${i} of ${toRead.length} unit files`))) return;
          const r = await readUnitFile(fs, toRead[i]);
          take(toRead[i], 'text' in r ? { summary: summarizeText(r.text), hash: textHash(r.text) } : r);
        }
      }
      if (superseded()) return;
      // Open documents: in or out of the catalog now (the folders or the ignore globs may have changed).
      const docs = [...this.live];
      const scopes = await Promise.all(docs.map(([key]) => this.inScope(key)));
      if (superseded()) return;
      const contents: [string, UnitSummary | undefined][] = [];
      const deletions: string[] = [];
      for (const [key, summary] of read) if (!touched.has(key) && !this.live.has(key)) contents.push([key, summary]);
      for (const key of this.index.keys()) if (!read.has(key) && !touched.has(key) && !this.live.has(key)) deletions.push(key);
      const concerned: string[] = [];
      docs.forEach(([key, doc], i) => {
        if (this.live.get(key) !== doc) return; // closed while the scopes were settled: the file speaks for it
        if (doc.inScope) concerned.push(doc.uri);
        doc.inScope = scopes[i];
        if (doc.inScope && concerned.at(-1) !== doc.uri) concerned.push(doc.uri);
        if (!doc.inScope) deletions.push(key);
        else if (doc.unit) contents.push([key, liveSummary(doc.unit)]);
        else if (read.has(key) && !touched.has(key)) contents.push([key, read.get(key)]);
      });
      this.index.setMany(contents, deletions);
      for (const [key] of contents) {
        const hash = readHashes.get(key);
        if (hash !== undefined) this.hashes.set(key, hash);
      }
      for (const key of deletions) this.hashes.delete(key);
      this.touched = undefined;
      this.ready = true;
      for (const resolve of this.readyWaiters.splice(0)) resolve();
      this.env.republish(concerned);
      this.changed();
      log.info(`Catalog: ${uris.length} unit files in ${this.folders.length} workspace folder${this.folders.length === 1 ? '' : 's'}, indexed in ${scheduler.now() - started} ms.`);
      progress.report(100, `${uris.length} unit files`);
    } finally {
      progress.done();
    }
  }

  /** Reads one file into the index (out of it when gone or unreadable); returns the files whose findings changed. */
  private async read(key: string): Promise<Set<string>> {
    const r = await readUnitFile(this.env.fs, key);
    if ('text' in r) {
      const before = this.hashes.get(key);
      const hash = textHash(r.text);
      const known = this.index.has(key);
      this.hashes.set(key, hash);
      const changed = this.index.set(key, r.text);
      if (!known || before !== hash || changed.size > 0) this.changed();
      return changed;
    }
    if ('problem' in r) this.env.log.warn(r.problem);
    return this.forget(key);
  }

  private async syncFromFile(key: string): Promise<Set<string>> {
    this.touched?.add(key);
    if (!(await this.inScope(key))) return this.forget(key);
    return this.read(key);
  }

  private forget(key: string): Set<string> {
    this.hashes.delete(key);
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
    this.env.scheduler.soon(() => {
      this.changeQueued = false;
      if (this.ready) this.changeListener?.();
    });
  }

  /** Whether an open document is part of the catalog. */
  isInCatalog(uri: string): boolean {
    const key = this.env.keyOf(uri);
    return !!key && !!this.live.get(key)?.inScope && this.index.has(key);
  }

  /** Every file of the catalog, once the first scan is done. */
  async files(cancelled?: Cancellation): Promise<CatalogFile[]> {
    await this.whenReady(cancelled);
    const out: CatalogFile[] = [];
    for (const key of this.index.keys()) {
      const doc = this.live.get(key);
      out.push({ key, uri: doc?.uri ?? key, open: !!doc, hash: this.hashes.get(key) });
    }
    return out;
  }

  /** A file's text as it is now (the catalog keeps none), with its hash; undefined when it cannot be read. */
  async readText(key: string): Promise<{ text: string; hash: number } | undefined> {
    const r = await readUnitFile(this.env.fs, key);
    if ('text' in r) return { text: r.text, hash: textHash(r.text) };
    if ('problem' in r) this.env.log.warn(r.problem);
    return undefined;
  }

  /** The catalog findings of a file (for one the editor does not have open). */
  catalogFindings(key: string): RawFinding[] | undefined {
    return this.ready ? this.index.findings(key) : undefined;
  }

  /** How findings and reports name a file. */
  labelOf(key: string): string {
    return this.label(key);
  }

  private async whenReady(cancelled?: Cancellation): Promise<void> {
    if (this.ready) return;
    await new Promise<void>((resolve) => {
      this.readyWaiters.push(resolve);
      cancelled?.onCancellationRequested(() => resolve());
    });
  }

  private publishChanges(keys: Set<string>, except?: string): void {
    if (!this.ready || keys.size === 0) return;
    const uris: string[] = [];
    for (const key of keys) {
      const uri = this.live.get(key)?.uri;
      if (uri && uri !== except) uris.push(uri);
    }
    if (uris.length > 0) this.env.republish(uris);
  }

  /** Under a workspace folder, reached by the walk (not ignored, not in node_modules…). */
  private async inScope(key: string): Promise<boolean> {
    for (const f of this.folders) if (await isWalkedFrom(this.env.fs, f.uri, key, this.env.configs)) return true;
    return false;
  }

  /** How findings name a file: relative to its folder (after the folder's name when there are several). */
  private label(key: string): string {
    let best: { folder: CatalogFolder; rel: string } | undefined;
    for (const folder of this.folders) {
      const rel = relativePath(folder.uri, key);
      if (!rel) continue;
      if (!best || rel.length < best.rel.length) best = { folder, rel };
    }
    if (!best) return this.env.fs.display(key);
    return this.folders.length > 1 ? `${best.folder.name}/${best.rel}` : best.rel;
  }
}

/** A request's cancellation, as the LSP library gives it. */
export interface Cancellation {
  onCancellationRequested(listener: () => void): unknown;
}

/** An open document's unit for the index: its symbols are listed only when a search asks. */
function liveSummary(unit: UnitModel) {
  return unit.isMapping ? summarizeUnit(unit, true) : undefined;
}
