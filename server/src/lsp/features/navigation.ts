/** Hover, outline, definition, references, highlights, rename and the four-element code lens. */
import {
  CodeLens,
  DocumentHighlightKind,
  LSPErrorCodes,
  ResponseError,
  SymbolKind,
  type Connection,
  type DocumentSymbol,
  type Location,
  type ServerCapabilities,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { hover } from '../../core/hover';
import { definition, documentSymbols, elementStatus, highlights, prepareRename, references, rename, type UnitSymbol } from '../../core/navigation';
import type { LineIndex } from '../../core/text/lineIndex';
import { fitSymbolKind, markup, type ClientSupport } from '../clientSupport';
import { errorLog, guardRequest } from '../guard';
import type { SupportOf } from '../server';
import type { UnitDocuments } from '../unitDocuments';

export function navigationCapabilities(support: ClientSupport): ServerCapabilities {
  return {
    hoverProvider: true,
    documentSymbolProvider: { label: 'Work unit' },
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    // `prepareRename` only for a client that sends it.
    renameProvider: support.prepareRename ? { prepareProvider: true } : true,
    codeLensProvider: { resolveProvider: false },
  };
}

export const SYMBOL_KINDS: Record<UnitSymbol['kind'], SymbolKind> = {
  unit: SymbolKind.Module,
  outcome: SymbolKind.Event,
  actors: SymbolKind.Namespace,
  actor: SymbolKind.Class,
  steps: SymbolKind.Namespace,
  step: SymbolKind.Function,
  decision: SymbolKind.Boolean,
  exceptions: SymbolKind.Namespace,
  exception: SymbolKind.Event,
  learning: SymbolKind.Namespace,
  metrics: SymbolKind.Namespace,
  metric: SymbolKind.Number,
  review: SymbolKind.Object,
};

function toSymbol(s: UnitSymbol, lines: LineIndex, kinds: ReadonlySet<number>): DocumentSymbol {
  return {
    name: s.name || '(unnamed)',
    detail: s.detail,
    kind: fitSymbolKind(SYMBOL_KINDS[s.kind] ?? SymbolKind.Object, kinds),
    range: lines.rangeOf(s.span),
    selectionRange: lines.rangeOf(s.selectionSpan),
    children: s.children.map((c) => toSymbol(c, lines, kinds)),
  };
}

/** The outline flat, for a client without hierarchical symbols: each symbol named by its container. */
function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: s.kind, location: { uri, range: s.range }, ...(container !== undefined ? { containerName: container } : {}) },
    ...flatten(s.children ?? [], uri, s.name),
  ]);
}

export function registerNavigation(connection: Connection, units: UnitDocuments, supportOf: SupportOf): void {
  const log = errorLog(connection);
  /** The analysis and the cursor offset for a request; undefined for files that are not units. */
  const at = (uri: string, position: { line: number; character: number }) => {
    const a = units.current(uri);
    return a && { unit: a.unit, lines: a.unit.lines, offset: a.unit.lines.offsetAt(position) };
  };

  connection.onHover(
    guardRequest(log, 'textDocument/hover', ({ textDocument, position }) => {
      const c = at(textDocument.uri, position);
      const h = c && hover(c.unit, c.offset);
      return h ? { contents: markup(h.markdown, supportOf().hoverMarkdown), range: c.lines.rangeOf(h.span) } : null;
    }),
  );

  // The outline of the last version that parsed, so it does not vanish while a line is half-typed.
  connection.onDocumentSymbol(
    guardRequest(log, 'textDocument/documentSymbol', ({ textDocument }): DocumentSymbol[] | SymbolInformation[] | null => {
      const a = units.lastGood(textDocument.uri);
      if (!a) return null;
      const support = supportOf();
      const symbols = documentSymbols(a.unit).map((s) => toSymbol(s, a.unit.lines, support.documentSymbolKinds));
      return support.hierarchicalSymbols ? symbols : flatten(symbols, textDocument.uri);
    }),
  );

  connection.onDefinition(guardRequest(log, 'textDocument/definition', ({ textDocument, position }): Location[] | null => {
    const c = at(textDocument.uri, position);
    return c ? definition(c.unit, c.offset).map((s) => ({ uri: textDocument.uri, range: c.lines.rangeOf(s) })) : null;
  }));

  connection.onReferences(guardRequest(log, 'textDocument/references', ({ textDocument, position, context }): Location[] | null => {
    const c = at(textDocument.uri, position);
    return c ? references(c.unit, c.offset, context.includeDeclaration).map((s) => ({ uri: textDocument.uri, range: c.lines.rangeOf(s) })) : null;
  }));

  connection.onDocumentHighlight(guardRequest(log, 'textDocument/documentHighlight', ({ textDocument, position }) => {
    const c = at(textDocument.uri, position);
    return c
      ? highlights(c.unit, c.offset).map((h) => ({ range: c.lines.rangeOf(h.span), kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }))
      : null;
  }));

  connection.onPrepareRename(guardRequest(log, 'textDocument/prepareRename', ({ textDocument, position }) => {
    const c = at(textDocument.uri, position);
    if (!c) return null;
    const r = prepareRename(c.unit, c.offset);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return { range: c.lines.rangeOf(r.span), placeholder: r.placeholder };
  }));

  connection.onRenameRequest(guardRequest(log, 'textDocument/rename', ({ textDocument, position, newName }) => {
    const c = at(textDocument.uri, position);
    if (!c) return null;
    const r = rename(c.unit, c.offset, newName);
    if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
    return { changes: { [textDocument.uri]: r.edits.map((e) => ({ range: c.lines.rangeOf(e.span), newText: e.newText })) } };
  }));

  // The four-element test, on the first line: "4 of 4 elements", "3 of 4 — no learning loop: …".
  connection.onCodeLens(guardRequest(log, 'textDocument/codeLens', ({ textDocument }): CodeLens[] | null => {
    const a = units.lastGood(textDocument.uri);
    if (!a) return null;
    const status = elementStatus(a.unit);
    const firstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // A title only: LSP 3.17's Command has no tooltip (3.18 adds one), and the lens runs nothing.
    return [{ range: firstLine, command: { title: status.label, command: '' } }];
  }));
}
