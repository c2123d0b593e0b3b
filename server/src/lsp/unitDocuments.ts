/**
 * The open unit files and their analyses: one analysis per document version,
 * shared by diagnostics and every request, plus the last analysis whose text
 * parsed (completion, outline and the preview keep working while the YAML is
 * momentarily broken). Each analysis includes the document's catalog
 * findings from the workspace catalog; when those change because another
 * file changed, the document is re-published from its kept file-rule
 * results — `finish` again, no new analysis.
 */
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkUnit, finish, type Analysis, type CheckedUnit } from '../core/analyze';
import { LevelResolver } from '../core/config/levels';
import type { WorkspaceCatalog } from '../core/catalog/workspaceCatalog';
import type { ServerHost } from '../host/host';
import { isUnitFile, LANGUAGE_ID } from '../protocol';
import { toDiagnostic } from './convert';
import { errorLog, guardNotification, runLogged, type Log } from './guard';
import type { SupportOf } from './server';
import type { Settings } from './settings';
import type { LogMeasurements } from './measurements';

/** A unit file by its name, or a document the editor says is one (an untitled unit has no name yet). */
function isUnit(doc: TextDocument): boolean {
  return isUnitFile(doc.uri) || doc.languageId === LANGUAGE_ID;
}

export type VersionedAnalysis = Analysis & { version: number };

interface DocumentState {
  latest?: VersionedAnalysis;
  /** The file rules' results `latest` was finished from, with its levels. */
  checked?: { unit: CheckedUnit; levels: LevelResolver };
  lastGood?: VersionedAnalysis;
  levels?: LevelResolver;
}

export class UnitDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly states = new Map<string, DocumentState>();
  /** The version each document's next scheduled analysis is for. */
  private readonly pending = new Map<string, number>();
  /** Analyses started and not yet published (or dropped): they wait for settings. */
  private readonly running = new Set<string>();
  /** Documents whose catalog findings changed, re-published together on the next turn. */
  private readonly stale = new Set<string>();
  /** Told of every analysis published (the catalog view compares unit summaries). */
  onPublished?: (uri: string, analysis: VersionedAnalysis) => void;
  private readonly log: Log;

  constructor(
    private readonly connection: Connection,
    private readonly settings: Settings,
    private readonly supportOf: SupportOf,
    private readonly host: ServerHost,
    private readonly catalog?: WorkspaceCatalog,
    /** The logs' measurements: the measured rules' findings join each analysis once the log is measured. */
    private readonly measurements?: LogMeasurements,
  ) {
    this.log = errorLog(connection);
    this.documents.onDidOpen(
      guardNotification(this.log, 'textDocument/didOpen', (e) => {
        if (isUnit(e.document)) runLogged(this.log, `Placing ${e.document.uri} in the catalog`, () => catalog?.documentOpened(e.document.uri));
        this.schedule(e.document);
      }),
    );
    this.documents.onDidChangeContent(guardNotification(this.log, 'textDocument/didChange', (e) => this.schedule(e.document)));
    this.documents.onDidClose(guardNotification(this.log, 'textDocument/didClose', (e) => {
      const uri = e.document.uri;
      this.pending.delete(uri);
      this.running.delete(uri);
      this.states.delete(uri);
      this.stale.delete(uri);
      settings.forget(uri);
      measurements?.closed(uri);
      if (!isUnit(e.document)) return;
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      runLogged(this.log, `Closing ${uri} in the catalog`, () => catalog?.documentClosed(uri));
    }));
  }

  /** Some open document's diagnostics are on their way: the workspace scan waits for them. */
  get busy(): boolean {
    return this.pending.size > 0 || this.running.size > 0;
  }

  /** How many documents' analyses are kept: one per open unit file; a closed document's are dropped (the status request reports it). */
  get analysesHeld(): number {
    return this.states.size;
  }

  listen(): void {
    this.documents.listen(this.connection);
  }

  get(uri: string): TextDocument | undefined {
    const doc = this.documents.get(uri);
    return doc && isUnit(doc) ? doc : undefined;
  }

  /**
   * The analysis of the document's current version: the one diagnostics
   * computed, or computed now (and kept) when a request arrives first.
   */
  current(uri: string): VersionedAnalysis | undefined {
    const doc = this.get(uri);
    if (!doc) return undefined;
    const state = this.states.get(uri) ?? {};
    if (state.latest?.version === doc.version) return state.latest;
    return this.analyze(doc, state.levels);
  }

  /** The newest analysis whose text parsed, for features that need a whole model. */
  lastGood(uri: string): VersionedAnalysis | undefined {
    const current = this.current(uri);
    return current?.parsed ? current : this.states.get(uri)?.lastGood;
  }

  relintAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc);
  }

  /**
   * Re-publishes open documents whose catalog findings changed: the kept
   * file-rule results, finished again with the new catalog findings. A
   * document with an analysis on its way is left to it.
   */
  republish(uris: Iterable<string>): void {
    const first = this.stale.size === 0;
    for (const uri of uris) this.stale.add(uri);
    if (!first || this.stale.size === 0) return;
    this.host.scheduler.soon(() => {
      const batch = [...this.stale];
      this.stale.clear();
      for (const uri of batch) runLogged(this.log, `Re-publishing ${uri}`, () => this.refinish(uri));
    });
  }

  private async refinish(uri: string): Promise<void> {
    const doc = this.get(uri);
    const state = this.states.get(uri);
    // Not before the document's first check has its levels (a request, or the measuring, may have analysed it with
    // the defaults meanwhile): that check publishes, with everything known by then.
    if (!doc || !state?.latest || !state.checked || !state.levels || state.latest.version !== doc.version || this.pending.has(uri)) return;
    const { unit: checked, levels } = state.checked;
    const analysis = { ...finish(checked, levels, this.catalog?.findingsFor(uri, checked), this.measurements?.findingsFor(uri, checked.unit, levels)), version: doc.version };
    state.latest = analysis;
    if (analysis.parsed) state.lastGood = analysis;
    await this.publish(uri, analysis);
  }

  /**
   * No debounce: each change schedules one analysis as soon as the messages
   * already received have been read (two turns of the event loop — the
   * JSON-RPC reader handles one message per turn). A burst of changes thus
   * yields one analysis, of the newest version; a run whose version is no
   * longer current is dropped before it starts and before it publishes.
   */
  private schedule(doc: TextDocument): void {
    if (!isUnit(doc)) return;
    const { uri, version } = doc;
    this.pending.set(uri, version);
    this.measurements?.changed(uri);
    const { scheduler } = this.host;
    scheduler.soon(() =>
      scheduler.soon(() => {
        if (this.pending.get(uri) !== version) return;
        this.pending.delete(uri);
        this.running.add(uri);
        runLogged(this.log, `Checking ${uri}`, () => this.lint(uri, version).finally(() => this.running.delete(uri)));
      }),
    );
  }

  private async lint(uri: string, version: number): Promise<void> {
    // The levels, and (first time) whether the document is part of the catalog: both may read config files.
    const [levels] = await Promise.all([this.settings.levelsFor(uri), this.catalog?.documentOpened(uri)]);
    const doc = this.documents.get(uri);
    if (!doc || doc.version !== version) return; // superseded while settings were fetched
    const state = this.states.get(uri) ?? {};
    // Settings may have changed: analyse afresh with these levels.
    state.levels = levels;
    this.states.set(uri, state);
    if (state.latest?.version === version) state.latest = undefined;
    const analysis = this.analyze(doc, levels);
    if (!analysis || this.documents.get(uri)?.version !== version) return;
    this.stale.delete(uri);
    await this.publish(uri, analysis);
  }

  private publish(uri: string, analysis: VersionedAnalysis): Promise<void> {
    this.onPublished?.(uri, analysis);
    this.host.analysed(analysis.unit.text.length);
    const lines = analysis.unit.lines;
    const support = this.supportOf();
    return this.connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: analysis.findings.map((f) => toDiagnostic(f, lines, support)) });
  }

  private analyze(doc: TextDocument, levels = new LevelResolver()): VersionedAnalysis | undefined {
    // The core returns findings as data: a throw here is a bug, logged by the request or task that asked.
    const checked: CheckedUnit = checkUnit(doc.getText(), levels);
    const analysis: Analysis = finish(checked, levels, this.catalog?.documentChanged(doc.uri, checked), this.measurements?.findingsFor(doc.uri, checked.unit, levels));
    const state = this.states.get(doc.uri) ?? {};
    const versioned = { ...analysis, version: doc.version };
    state.latest = versioned;
    state.checked = { unit: checked, levels };
    if (analysis.parsed) state.lastGood = versioned;
    this.states.set(doc.uri, state);
    return versioned;
  }
}
