/**
 * The open unit files and their analyses: one analysis per document version,
 * shared by diagnostics and every request, plus the last analysis whose text
 * parsed (completion, outline and the preview keep working while the YAML is
 * momentarily broken).
 */
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis } from '../core/analyze';
import type { LevelResolver } from '../core/config/levels';
import { isUnitFile } from '../protocol';
import { toDiagnostic } from './convert';
import type { Settings } from './settings';

export type VersionedAnalysis = Analysis & { version: number };

interface DocumentState {
  latest?: VersionedAnalysis;
  lastGood?: VersionedAnalysis;
  levels?: LevelResolver;
}

export class UnitDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly states = new Map<string, DocumentState>();
  /** The version each document's next scheduled analysis is for. */
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly settings: Settings,
  ) {
    this.documents.onDidOpen((e) => this.schedule(e.document));
    this.documents.onDidChangeContent((e) => this.schedule(e.document));
    this.documents.onDidClose((e) => {
      const uri = e.document.uri;
      this.pending.delete(uri);
      this.states.delete(uri);
      settings.forget(uri);
      if (isUnitFile(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    });
  }

  listen(): void {
    this.documents.listen(this.connection);
  }

  get(uri: string): TextDocument | undefined {
    const doc = this.documents.get(uri);
    return doc && isUnitFile(uri) ? doc : undefined;
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
   * No debounce: each change schedules one analysis as soon as the messages
   * already received have been read (two turns of the event loop — the
   * JSON-RPC reader handles one message per turn). A burst of changes thus
   * yields one analysis, of the newest version; a run whose version is no
   * longer current is dropped before it starts and before it publishes.
   */
  private schedule(doc: TextDocument): void {
    if (!isUnitFile(doc.uri)) return;
    const { uri, version } = doc;
    this.pending.set(uri, version);
    setImmediate(() =>
      setImmediate(() => {
        if (this.pending.get(uri) !== version) return;
        this.pending.delete(uri);
        void this.lint(uri, version);
      }),
    );
  }

  private async lint(uri: string, version: number): Promise<void> {
    const levels = await this.settings.levelsFor(uri);
    const doc = this.documents.get(uri);
    if (!doc || doc.version !== version) return; // superseded while settings were fetched
    const state = this.states.get(uri) ?? {};
    // Settings may have changed: analyse afresh with these levels.
    state.levels = levels;
    this.states.set(uri, state);
    if (state.latest?.version === version) state.latest = undefined;
    const analysis = this.analyze(doc, levels);
    if (!analysis || this.documents.get(uri)?.version !== version) return;
    const lines = analysis.unit.lines;
    await this.connection.sendDiagnostics({ uri, version, diagnostics: analysis.findings.map((f) => toDiagnostic(f, lines)) });
  }

  private analyze(doc: TextDocument, levels: LevelResolver | undefined): VersionedAnalysis | undefined {
    let analysis: Analysis;
    try {
      analysis = analyzeText(doc.getText(), levels);
    } catch (e) {
      // The core returns findings as data; reaching here is a bug. Say so, keep serving.
      this.connection.console.error(`Analysis of ${doc.uri} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
    const state = this.states.get(doc.uri) ?? {};
    const versioned = { ...analysis, version: doc.version };
    state.latest = versioned;
    if (analysis.parsed) state.lastGood = versioned;
    this.states.set(doc.uri, state);
    return versioned;
  }
}
