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
} from 'vscode-languageserver';
import { hover } from '../../core/hover';
import { definition, documentSymbols, elementStatus, highlights, prepareRename, references, rename, type UnitSymbol } from '../../core/navigation';
import type { LineIndex } from '../../core/text/lineIndex';
import { fitSymbolKind, markup, type ClientSupport } from '../clientSupport';
import { errorLog, guardRequest } from '../guard';
import type { SupportOf } from '../server';
import type { UnitDocuments } from '../unitDocuments';
import type { LogMeasurements } from '../measurements';
import { isLogProblem, type LogProblem } from '../../core/measure/events';
import { mdText } from '../../core/text/markdown';
import { measuredHoverMarkdown, metricLensTitle } from '../../core/measure/editor';
import type { Measurement } from '../../core/measure/measure';
import type { UnitModel } from '../../core/model/types';
import type { Span } from '../../core/text/span';

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
  branch: SymbolKind.EnumMember,
  exceptions: SymbolKind.Namespace,
  exception: SymbolKind.Event,
  learning: SymbolKind.Namespace,
  metrics: SymbolKind.Namespace,
  metric: SymbolKind.Number,
  review: SymbolKind.Object,
  log: SymbolKind.File,
  changes: SymbolKind.Namespace,
  change: SymbolKind.Event,
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

const within = (span: Span | undefined, offset: number) => span !== undefined && span.start <= offset && offset <= span.end;

/** The measured figures' hover where the cursor is on a measured metric's id, or on `learning.log` (there, also why the log was not measured). */
function measuredHover(unit: UnitModel, m: Measurement | LogProblem, offset: number): { markdown: string; span: Span } | undefined {
  const log = unit.learning?.log;
  // The log as the unit names it, not the host's full path (`--log` is the CLI's; here it is always learning.log).
  const logName = log?.path?.value;
  if (log && (within(log.keySpan, offset) || within(log.path?.span, offset))) {
    const markdown = isLogProblem(m) ? `**Not measured**: ${mdText(m.problem)}` : measuredHoverMarkdown(m, undefined, logName);
    return { markdown, span: within(log.keySpan, offset) ? log.keySpan : log.path!.span };
  }
  if (isLogProblem(m)) return undefined;
  const metrics = unit.learning?.metrics?.items ?? [];
  const i = metrics.findIndex((metric) => within(metric.idSpan, offset));
  if (i < 0 || m.metrics[i]?.cases == null) return undefined;
  return { markdown: measuredHoverMarkdown(m, i, logName), span: metrics[i]!.idSpan! };
}

export function registerNavigation(connection: Connection, units: UnitDocuments, supportOf: SupportOf, measurements?: LogMeasurements): void {
  const log = errorLog(connection);
  /** The analysis and the cursor offset for a request; undefined for files that are not units. */
  const at = (uri: string, position: { line: number; character: number }) => {
    const a = units.current(uri);
    return a && { unit: a.unit, lines: a.unit.lines, offset: a.unit.lines.offsetAt(position) };
  };

  connection.onHover(
    guardRequest(log, 'textDocument/hover', ({ textDocument, position }) => {
      const c = at(textDocument.uri, position);
      if (!c) return null;
      const h = hover(c.unit, c.offset);
      const result = measurements?.resultFor(textDocument.uri, c.unit);
      const m = result && measuredHover(c.unit, result, c.offset);
      // The figures first: on a measured metric they are what the reader came for, the key's docs after them.
      const markdown = [m?.markdown, h?.markdown].filter((s) => s !== undefined).join('\n\n---\n\n');
      const span = h?.span ?? m?.span;
      return span ? { contents: markup(markdown, supportOf().hoverMarkdown), range: c.lines.rangeOf(span) } : null;
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

  // The element status, on the first line, in the spec's words: "4 of 4 elements complete", "3 of 4 — no learning loop: …".
  connection.onCodeLens(guardRequest(log, 'textDocument/codeLens', ({ textDocument }): CodeLens[] | null => {
    const a = units.lastGood(textDocument.uri);
    if (!a) return null;
    const status = elementStatus(a.unit, a.findings);
    const firstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // A title only: LSP 3.17's Command has no tooltip (3.18 adds one), and the lens runs nothing.
    const lenses: CodeLens[] = [{ range: firstLine, command: { title: status.label, command: '' } }];
    // Each measured metric's figure, on its id's line, once its log is measured.
    const measured = measurements?.resultFor(textDocument.uri, a.unit);
    if (measured && !isLogProblem(measured)) {
      const metrics = a.unit.learning?.metrics?.items ?? [];
      measured.metrics.forEach((m, i) => {
        const title = metricLensTitle(m);
        const metric = metrics[i];
        if (!title || !metric) return;
        const start = a.unit.lines.positionAt(metric.anchor.start);
        lenses.push({ range: { start, end: start }, command: { title, command: '' } });
      });
    }
    return lenses;
  }));
}
