/**
 * All protocol wiring: documents in, diagnostics out. The analysis itself is
 * the core's; this module decides when to run it and for which version.
 */
import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis } from '../core/analyze';
import { LevelResolver, readRuleLevels } from '../core/config/levels';
import { ConfigLookup } from '../host/configLookup';
import { isUnitFile, SETTINGS_SECTION, type WorkunitSettings } from '../protocol';
import { VERSION } from '../version';
import { toDiagnostic } from './convert';

export const SERVER_NAME = 'workunit-language-server';
export const SERVER_VERSION = VERSION;

interface DocumentState {
  /** The analysis of the newest version analysed. */
  latest?: Analysis & { version: number };
  /** The newest analysis whose text parsed: other features keep working while the YAML is broken. */
  lastGood?: Analysis & { version: number };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocumentState>();
  const configs = new ConfigLookup((m) => connection.console.warn(m));
  /** The version each document's next analysis is for. */
  const pending = new Map<string, number>();
  let supportsConfigurationPull = false;
  let supportsDynamicConfig = false;
  /** Editor settings per document URI, fetched on open and after a settings change. */
  const settingsCache = new Map<string, Promise<WorkunitSettings>>();
  const reportedSettingProblems = new Set<string>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    supportsConfigurationPull = !!params.capabilities.workspace?.configuration;
    supportsDynamicConfig = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (supportsDynamicConfig) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
  });

  /** Settings pushed with the notification (clients that do not support the pull). */
  let pushedSettings: WorkunitSettings = {};

  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    if (s && typeof s === 'object') pushedSettings = s as WorkunitSettings;
    settingsCache.clear();
    reportedSettingProblems.clear();
    relintAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (change.changes.some((c) => /workunit\.config\.yaml$/.test(c.uri))) {
      configs.clear();
      relintAll();
    }
  });

  function settingsFor(uri: string): Promise<WorkunitSettings> {
    if (!supportsConfigurationPull) return Promise.resolve(pushedSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((v: unknown) => (v && typeof v === 'object' ? (v as WorkunitSettings) : {}))
        .catch(() => ({}));
      settingsCache.set(uri, s);
    }
    return s;
  }

  async function levelsFor(uri: string): Promise<LevelResolver> {
    const fileLevels = uri.startsWith('file:') ? configs.forFile(fileURLToPath(uri)).config.rules : {};
    const settings = await settingsFor(uri);
    const { levels, problems } = readRuleLevels(settings.rules, 'workunit.rules setting');
    for (const p of problems) {
      if (reportedSettingProblems.has(p)) continue;
      reportedSettingProblems.add(p);
      connection.console.warn(p);
    }
    return new LevelResolver(fileLevels, levels);
  }

  /**
   * No debounce: each change schedules one analysis as soon as the messages
   * already received have been read (two turns of the event loop — the
   * JSON-RPC reader handles one message per turn). A burst of changes thus
   * yields one analysis, of the newest version; a run whose version is no
   * longer current is dropped before it starts and before it publishes.
   */
  function schedule(doc: TextDocument): void {
    if (!isUnitFile(doc.uri)) return;
    const { uri, version } = doc;
    pending.set(uri, version);
    setImmediate(() =>
      setImmediate(() => {
        if (pending.get(uri) !== version) return;
        pending.delete(uri);
        void lint(uri, version);
      }),
    );
  }

  async function lint(uri: string, version: number): Promise<void> {
    const levels = await levelsFor(uri);
    const doc = documents.get(uri);
    if (!doc || doc.version !== version) return; // superseded while settings were fetched
    let analysis: Analysis;
    try {
      analysis = analyzeText(doc.getText(), levels);
    } catch (e) {
      // The core returns findings as data; reaching here is a bug. Say so, keep serving.
      connection.console.error(`Analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
      return;
    }
    if (documents.get(uri)?.version !== version) return;
    const state = states.get(uri) ?? {};
    state.latest = { ...analysis, version };
    if (analysis.parsed) state.lastGood = state.latest;
    states.set(uri, state);
    const lines = analysis.unit.lines;
    await connection.sendDiagnostics({ uri, version, diagnostics: analysis.findings.map((f) => toDiagnostic(f, lines)) });
  }

  function relintAll(): void {
    for (const doc of documents.all()) schedule(doc);
  }

  documents.onDidOpen((e) => schedule(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    pending.delete(e.document.uri);
    states.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    if (isUnitFile(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
