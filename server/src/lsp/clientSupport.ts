/**
 * What the client declared it can take, read once from `initialize`, and the
 * shaping every answer goes through: a client gets only what it declared —
 * Markdown or plain text, snippets or plain text, code-action literals or
 * commands, `documentChanges` or `changes`, nested or flat symbols, kinds
 * within its value sets, and the optional fields it declared support for.
 * An absent or malformed capability counts as not declared.
 */
import { CompletionItemKind, MarkupKind, SymbolKind, type ClientCapabilities, type MarkupContent } from 'vscode-languageserver';
import { markdownToPlainText } from '../core/text/markdown';

export interface ClientSupport {
  /** `workspace/configuration`. */
  configurationPull: boolean;
  dynamicConfigurationRegistration: boolean;
  watchedFilesRegistration: boolean;
  /** A file watcher's glob may be a `RelativePattern` (a base URI and a pattern). */
  watchedFilesRelativePattern: boolean;
  /** `workspace/codeLens/refresh`: the server may ask for the code lenses again (the measured figures arrived). */
  codeLensRefresh: boolean;
  workspaceFolders: boolean;
  /** `workspace/applyEdit`: the server may ask the client to apply an edit (the code-action command fallback needs it). */
  applyEdit: boolean;
  documentChanges: boolean;
  /** LSP 3.18 snippet text edits (VS Code declares it). */
  snippetEdits: boolean;
  hoverMarkdown: boolean;
  completionMarkdown: boolean;
  completionSnippets: boolean;
  /** `insertTextMode: asIs` may be set on completion items. */
  completionInsertTextModeAsIs: boolean;
  completionKinds: ReadonlySet<number>;
  codeActionLiterals: boolean;
  codeActionIsPreferred: boolean;
  /** The client resolves a code action's `edit` lazily. */
  codeActionResolvesEdit: boolean;
  hierarchicalSymbols: boolean;
  documentSymbolKinds: ReadonlySet<number>;
  workspaceSymbolKinds: ReadonlySet<number>;
  prepareRename: boolean;
  diagnosticCodeDescription: boolean;
  diagnosticUnnecessaryTag: boolean;
  diagnosticData: boolean;
}

/** Kinds of the protocol's first version: what a client that declares no value set takes. */
const FIRST_SYMBOL_KINDS = range(SymbolKind.File, SymbolKind.Array);
const FIRST_COMPLETION_KINDS = range(CompletionItemKind.Text, CompletionItemKind.Reference);

export function readClientSupport(capabilities: ClientCapabilities | undefined): ClientSupport {
  const c = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), capabilities);
  const yes = (path: string) => c(path) === true;
  const list = (path: string): unknown[] => {
    const v = c(path);
    return Array.isArray(v) ? v : [];
  };
  const kinds = (path: string, first: ReadonlySet<number>): ReadonlySet<number> => {
    const v = c(path);
    return Array.isArray(v) ? new Set(v.filter((k): k is number => typeof k === 'number')) : first;
  };
  return {
    configurationPull: yes('workspace.configuration'),
    dynamicConfigurationRegistration: yes('workspace.didChangeConfiguration.dynamicRegistration'),
    watchedFilesRegistration: yes('workspace.didChangeWatchedFiles.dynamicRegistration'),
    watchedFilesRelativePattern: yes('workspace.didChangeWatchedFiles.relativePatternSupport'),
    codeLensRefresh: yes('workspace.codeLens.refreshSupport'),
    workspaceFolders: yes('workspace.workspaceFolders'),
    applyEdit: yes('workspace.applyEdit'),
    documentChanges: yes('workspace.workspaceEdit.documentChanges'),
    snippetEdits: yes('workspace.workspaceEdit.snippetEditSupport'),
    hoverMarkdown: list('textDocument.hover.contentFormat').includes(MarkupKind.Markdown),
    completionMarkdown: list('textDocument.completion.completionItem.documentationFormat').includes(MarkupKind.Markdown),
    completionSnippets: yes('textDocument.completion.completionItem.snippetSupport'),
    completionInsertTextModeAsIs: list('textDocument.completion.completionItem.insertTextModeSupport.valueSet').includes(1),
    completionKinds: kinds('textDocument.completion.completionItemKind.valueSet', FIRST_COMPLETION_KINDS),
    codeActionLiterals: c('textDocument.codeAction.codeActionLiteralSupport') !== null && typeof c('textDocument.codeAction.codeActionLiteralSupport') === 'object',
    codeActionIsPreferred: yes('textDocument.codeAction.isPreferredSupport'),
    codeActionResolvesEdit: list('textDocument.codeAction.resolveSupport.properties').includes('edit'),
    hierarchicalSymbols: yes('textDocument.documentSymbol.hierarchicalDocumentSymbolSupport'),
    documentSymbolKinds: kinds('textDocument.documentSymbol.symbolKind.valueSet', FIRST_SYMBOL_KINDS),
    workspaceSymbolKinds: kinds('workspace.symbol.symbolKind.valueSet', FIRST_SYMBOL_KINDS),
    prepareRename: yes('textDocument.rename.prepareSupport'),
    diagnosticCodeDescription: yes('textDocument.publishDiagnostics.codeDescriptionSupport'),
    diagnosticUnnecessaryTag: list('textDocument.publishDiagnostics.tagSupport.valueSet').includes(1),
    diagnosticData: yes('textDocument.publishDiagnostics.dataSupport'),
  };
}

/** What a client that declared nothing takes (before `initialize`, and in unit tests). */
export const NOTHING_DECLARED: ClientSupport = readClientSupport({});

/** Markdown as the client takes it: as is, or as plain text. */
export function markup(markdown: string, markdownSupported: boolean): MarkupContent {
  return markdownSupported ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) };
}

/**
 * A newer symbol kind's nearest kin in the first version of the protocol,
 * for a client whose value set lacks it.
 */
const OLDER_SYMBOL_KIND: Partial<Record<SymbolKind, SymbolKind>> = {
  [SymbolKind.Object]: SymbolKind.Class,
  [SymbolKind.Key]: SymbolKind.Field,
  [SymbolKind.Null]: SymbolKind.Constant,
  [SymbolKind.EnumMember]: SymbolKind.Constant,
  [SymbolKind.Struct]: SymbolKind.Class,
  [SymbolKind.Event]: SymbolKind.Field,
  [SymbolKind.Operator]: SymbolKind.Function,
  [SymbolKind.TypeParameter]: SymbolKind.Variable,
};

const OLDER_COMPLETION_KIND: Partial<Record<CompletionItemKind, CompletionItemKind>> = {
  [CompletionItemKind.Folder]: CompletionItemKind.File,
  [CompletionItemKind.EnumMember]: CompletionItemKind.Value,
  [CompletionItemKind.Constant]: CompletionItemKind.Value,
  [CompletionItemKind.Struct]: CompletionItemKind.Class,
  [CompletionItemKind.Event]: CompletionItemKind.Field,
  [CompletionItemKind.Operator]: CompletionItemKind.Text,
  [CompletionItemKind.TypeParameter]: CompletionItemKind.Variable,
};

/** `kind` when the client takes it, else its older kin, else the set's first kind (File, Text… in practice). */
export function fitKind<K extends number>(kind: K, accepted: ReadonlySet<number>, older: Partial<Record<number, number>>): K {
  if (accepted.has(kind)) return kind;
  const kin = older[kind];
  if (kin !== undefined && accepted.has(kin)) return kin as K;
  const first = Math.min(...accepted);
  return (Number.isFinite(first) ? first : kind) as K;
}

export function fitSymbolKind(kind: SymbolKind, accepted: ReadonlySet<number>): SymbolKind {
  return fitKind(kind, accepted, OLDER_SYMBOL_KIND);
}

export function fitCompletionKind(kind: CompletionItemKind, accepted: ReadonlySet<number>): CompletionItemKind {
  return fitKind(kind, accepted, OLDER_COMPLETION_KIND);
}

function range(from: number, to: number): ReadonlySet<number> {
  return new Set(Array.from({ length: to - from + 1 }, (_, i) => from + i));
}
