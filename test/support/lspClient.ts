/**
 * A minimal LSP client for protocol tests: starts the built server binary
 * over stdio and speaks JSON-RPC to it, as an editor would. Waits are on
 * events (a notification arriving), never on fixed sleeps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type DataCallback,
  type Message,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { ClientCapabilities, CompletionItemKind, SymbolKind, Diagnostic, FileEvent, InitializeResult, PublishDiagnosticsParams, Registration, SymbolInformation, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver-protocol';

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
export interface ProgressEvent {
  token: string | number;
  value: ProgressValue;
}

export interface InitializeOptions {
  snippetEdits?: boolean;
  /** Advertise `window.workDoneProgress`: the server may create progress tokens. */
  workDoneProgress?: boolean;
  /** Advertise dynamic registration of `workspace/didChangeWatchedFiles`. */
  watchRegistration?: boolean;
  /** Advertise `codeAction.resolveSupport` for `edit`, as VS Code does: edits may come on `codeAction/resolve`. */
  resolveCodeActions?: boolean;
  /** More workspace folders besides the root. */
  extraFolders?: string[];
  /**
   * Send `processId: null`. A server running as another user (permission
   * tests) may not signal this process; the LSP library's parent watchdog
   * takes that EPERM for a dead parent and exits the server three seconds in.
   */
  unrelatedUser?: boolean;
  /** The client's capabilities instead of the VS Code-like ones (the flags above then add nothing). */
  capabilities?: ClientCapabilities;
  /** Sent as `initializationOptions`… and anything else `initialize` should carry. */
  extraParams?: Record<string, unknown>;
}

const ALL_SYMBOL_KINDS = Array.from({ length: 26 }, (_, i) => (i + 1) as SymbolKind);
const ALL_COMPLETION_KINDS = Array.from({ length: 25 }, (_, i) => (i + 1) as CompletionItemKind);

/**
 * What VS Code declares (the parts this server reads, and their neighbours):
 * Markdown, snippets, code-action literals, versioned edits, nested symbols,
 * every kind, diagnostic tags and code descriptions. LSP 3.17 only: the
 * proposed snippet edits come with the `snippetEdits` flag.
 */
export function richCapabilities(extra: InitializeOptions = {}): ClientCapabilities {
  return {
    workspace: {
      applyEdit: true,
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: !!extra.watchRegistration },
      workspaceFolders: true,
      symbol: { dynamicRegistration: false, symbolKind: { valueSet: ALL_SYMBOL_KINDS } },
      executeCommand: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true, ...(extra.snippetEdits ? { snippetEditSupport: true } : {}) },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
      completion: {
        dynamicRegistration: true,
        contextSupport: true,
        completionItem: {
          snippetSupport: true,
          commitCharactersSupport: true,
          documentationFormat: ['markdown', 'plaintext'],
          deprecatedSupport: true,
          preselectSupport: true,
          tagSupport: { valueSet: [1] },
          insertReplaceSupport: true,
          insertTextModeSupport: { valueSet: [1, 2] },
          labelDetailsSupport: true,
        },
        completionItemKind: { valueSet: ALL_COMPLETION_KINDS },
      },
      documentSymbol: { dynamicRegistration: true, symbolKind: { valueSet: ALL_SYMBOL_KINDS }, hierarchicalDocumentSymbolSupport: true, labelSupport: true },
      codeAction: {
        dynamicRegistration: true,
        isPreferredSupport: true,
        disabledSupport: true,
        dataSupport: true,
        ...(extra.resolveCodeActions ? { resolveSupport: { properties: ['edit'] } } : {}),
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.organizeImports', 'source.fixAll'] } },
        honorsChangeAnnotations: true,
      },
      rename: { dynamicRegistration: true, prepareSupport: true },
      definition: { dynamicRegistration: true, linkSupport: true },
      references: { dynamicRegistration: true },
      documentHighlight: { dynamicRegistration: true },
      codeLens: { dynamicRegistration: true },
    },
    window: { showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true }, ...(extra.workDoneProgress ? { workDoneProgress: true } : {}) },
    general: { positionEncodings: ['utf-16'] },
  };
}

/** `FileChangeType` of the protocol. */
export const FileChange = { Created: 1, Changed: 2, Deleted: 3 } as const;

export const SERVER_BIN = resolve('dist/server.js');

/** One JSON-RPC message on the wire, as the client saw it. */
export interface WireMessage {
  from: 'client' | 'server';
  message: Message & { id?: number | string | null; method?: string; params?: unknown; result?: unknown; error?: { code: number; message: string } };
}

/** Reads messages from the server's stdout and keeps a copy of each (for the conformance suite). */
class TappedReader extends StreamMessageReader {
  constructor(
    stream: NodeJS.ReadableStream,
    private readonly wire: WireMessage[],
  ) {
    super(stream);
  }
  override listen(callback: DataCallback) {
    return super.listen((message) => {
      this.wire.push({ from: 'server', message });
      callback(message);
    });
  }
}

class TappedWriter extends StreamMessageWriter {
  constructor(
    stream: NodeJS.WritableStream,
    private readonly wire: WireMessage[],
  ) {
    super(stream);
  }
  override write(message: Message) {
    this.wire.push({ from: 'client', message });
    return super.write(message);
  }
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcessWithoutNullStreams;
  /** What `workspace/configuration` answers for the `workunit` section. */
  settings: Record<string, unknown> = {};
  readonly published: PublishDiagnosticsParams[] = [];
  stderr = '';
  /** `window/logMessage` texts: the server's own log. */
  readonly logs: string[] = [];
  private logWaiters: ((line: string) => boolean)[] = [];
  /** `$/progress` notifications, in order. */
  readonly progress: ProgressEvent[] = [];
  /** Tokens the server created with `window/workDoneProgress/create`. */
  readonly progressTokens: (string | number)[] = [];
  /** What the server registered with `client/registerCapability`. */
  readonly registrations: Registration[] = [];
  /** Every message both ways, in order. */
  readonly wire: WireMessage[] = [];
  /** How the process ended: its exit code (null while it runs). */
  readonly exited: Promise<number | null>;
  private waiters: { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private progressWaiters: { match: (p: ProgressEvent) => boolean; resolve: (p: ProgressEvent) => void }[] = [];
  private versions = new Map<string, number>();

  /**
   * `nodeArgs` go to node itself, before the server script (e.g. `--expose-gc`);
   * `as` starts another copy of the server bundle, as another user (permission tests).
   */
  constructor(args: string[] = ['--stdio'], nodeArgs: string[] = [], as: { serverBin?: string; uid?: number; gid?: number } = {}) {
    const { serverBin = SERVER_BIN, ...user } = as;
    this.child = spawn(process.execPath, [...nodeArgs, serverBin, ...args], { stdio: 'pipe', ...user });
    this.child.stderr.on('data', (d) => (this.stderr += String(d)));
    this.exited = new Promise((resolveExit) => this.child.on('exit', (code) => resolveExit(code)));
    this.connection = createMessageConnection(new TappedReader(this.child.stdout, this.wire), new TappedWriter(this.child.stdin, this.wire));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((i) => (i.section === 'workunit' ? this.settings : null)),
    );
    this.connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.progressTokens.push(params.token);
      return null;
    });
    this.connection.onNotification('$/progress', (p: ProgressEvent) => {
      this.progress.push(p);
      this.progressWaiters = this.progressWaiters.filter((w) => {
        if (!w.match(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => {
      this.logs.push(m.message);
      this.logWaiters = this.logWaiters.filter((w) => !w(m.message));
    });
    this.connection.listen();
  }

  /**
   * `rootDir` is the workspace folder; null opens no folder, as an editor
   * does for loose files (then no catalog is indexed). The default is no
   * folder: this repository is no catalog — its fixtures repeat a few unit
   * ids dozens of times — and tests of one file should not depend on it.
   */
  async initialize(rootDir: string | null = null, extra: InitializeOptions = {}): Promise<InitializeResult> {
    const folders = rootDir === null ? [] : [rootDir, ...(extra.extraFolders ?? [])];
    const result = (await this.connection.sendRequest('initialize', {
      processId: extra.unrelatedUser ? null : process.pid,
      rootUri: rootDir === null ? null : pathToFileURL(rootDir).href,
      workspaceFolders: rootDir === null ? null : folders.map((f, i) => ({ uri: pathToFileURL(f).href, name: i === 0 ? 'test' : `folder-${i}` })),
      capabilities: extra.capabilities ?? richCapabilities(extra),
      ...extra.extraParams,
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves once the server has logged a line matching `pattern` (already, or from now on). */
  logged(pattern: RegExp, timeoutMs = 15000): Promise<string> {
    const seen = this.logs.find((l) => pattern.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolvePromise, reject) => {
      // A guard so a broken server fails the test instead of hanging it.
      const timer = setTimeout(() => reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms; log: ${this.logs.join(' | ')}`)), timeoutMs);
      this.logWaiters.push((line) => {
        if (!pattern.test(line)) return false;
        clearTimeout(timer);
        resolvePromise(line);
        return true;
      });
    });
  }

  /** Resolves with the first diagnostics for `uri` (published from now on) that satisfy `match`. */
  nextDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolvePromise, reject) => {
      // A guard so a broken server fails the test instead of hanging it.
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}; log: ${this.logs.join(' | ')}`)), timeoutMs);
      this.waiters.push({
        match: (p) => p.uri === uri && match(p),
        resolve: (p) => {
          clearTimeout(timer);
          resolvePromise(p);
        },
      });
    });
  }

  open(uri: string, text: string, languageId = 'workunit'): Promise<PublishDiagnosticsParams> {
    const waiting = this.nextDiagnostics(uri, (p) => p.version === undefined || p.version === 1);
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return waiting;
  }

  /** Sends one incremental change; resolves with the diagnostics for the new version. */
  change(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const waiting = this.nextDiagnostics(uri, (p) => p.version === version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return waiting;
  }

  sendChangeOnly(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** Resolves with the first `$/progress` notification that satisfies `match` — already received, or still to come. */
  nextProgress(match: (p: ProgressEvent) => boolean = () => true, timeoutMs = 15000): Promise<ProgressEvent> {
    const seen = this.progress.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching progress within ${timeoutMs} ms; got ${JSON.stringify(this.progress)}; stderr: ${this.stderr}`)), timeoutMs);
      this.progressWaiters.push({
        match,
        resolve: (p) => {
          clearTimeout(timer);
          resolvePromise(p);
        },
      });
    });
  }

  /** Resolves when some work-done progress has ended — already or from now on. */
  progressEnded(timeoutMs?: number): Promise<ProgressEvent> {
    return this.nextProgress((p) => p.value.kind === 'end', timeoutMs);
  }

  /** Sends `workspace/didChangeWatchedFiles` (files changed on disk, as the editor's watcher saw it). */
  filesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  workspaceSymbols(query: string): Promise<SymbolInformation[]> {
    return this.connection.sendRequest('workspace/symbol', { query }) as Promise<SymbolInformation[]>;
  }

  close(uri: string): Promise<PublishDiagnosticsParams> {
    const waiting = this.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return waiting;
  }

  async shutdown(): Promise<void> {
    let guard: NodeJS.Timeout | undefined;
    try {
      // A server that already exited cannot answer; one that is alive must, and a hang guard turns a server
      // that never does into a failed test instead of a test process that never ends.
      const answered = await Promise.race([
        this.connection.sendRequest('shutdown').then(() => true),
        this.exited.then(() => false),
        new Promise<never>((_, reject) => {
          guard = setTimeout(() => reject(new Error(`the server did not answer shutdown within 120 s; its stderr:\n${this.stderr.slice(-2000)}`)), 120_000);
          guard.unref();
        }),
      ]);
      if (answered) await this.connection.sendNotification('exit');
    } finally {
      clearTimeout(guard);
      this.connection.dispose();
      this.child.kill();
    }
  }
}

export function summarize(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code} ${d.severity}`);
}
