/**
 * Quick-fixes and "fix all": the core's fixes for the findings under the
 * cursor, keyed on the rule id and the finding's data (never the message).
 * Scaffolds come as snippet edits, so their placeholders are tab stops,
 * where the client supports them.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type ServerCapabilities,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { fixAllEdits, fixesFor, type Fix, type TextEdit } from '../../core/fixes';
import type { Finding } from '../../core/rules/types';
import type { LineIndex } from '../../core/text/lineIndex';
import { stripSnippet } from '../../core/text/snippet';
import { toDiagnostic } from '../convert';
import type { UnitDocuments } from '../unitDocuments';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.workunit`;

export const codeActionCapabilities: ServerCapabilities = {
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
};

/** Whether a request's `only` filter admits a kind (`source.fixAll` admits `source.fixAll.workunit`). */
function admits(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export function registerCodeActions(connection: Connection, units: UnitDocuments, snippetEdits: () => boolean): void {
  connection.onCodeAction(({ textDocument, range, context }) => {
    const a = units.current(textDocument.uri);
    if (!a || !a.parsed) return null;
    const uri = textDocument.uri;
    const lines = a.unit.lines;
    const actions: CodeAction[] = [];

    if (admits(context.only, CodeActionKind.QuickFix)) {
      const start = lines.offsetAt(range.start);
      const end = lines.offsetAt(range.end);
      const snippets = snippetEdits();
      for (const finding of a.findings) {
        if (finding.span.end < start || finding.span.start > end) continue;
        const diagnostic = matchingDiagnostic(context.diagnostics, finding, lines);
        for (const fix of fixesFor(a.unit, finding, { snippets })) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred,
            edit: workspaceEdit(uri, a.version, fix, lines, snippets),
          });
        }
      }
    }

    if (admits(context.only, FIX_ALL_KIND) && (context.only !== undefined || actions.length > 0)) {
      const edits = fixAllEdits(a.unit, a.findings);
      if (edits.length > 0) {
        actions.push({
          title: 'Fix all safe work unit problems',
          kind: FIX_ALL_KIND,
          edit: { documentChanges: [{ textDocument: { uri, version: a.version }, edits: edits.map((e) => toLspEdit(e, lines)) }] },
        });
      }
    }
    return actions;
  });
}

/** The client's own diagnostic for a finding when it sent one (same rule and range), else the server's. */
function matchingDiagnostic(sent: Diagnostic[], finding: Finding, lines: LineIndex): Diagnostic {
  const own = toDiagnostic(finding, lines);
  return (
    sent.find(
      (d) =>
        d.code === finding.rule &&
        d.range.start.line === own.range.start.line &&
        d.range.start.character === own.range.start.character &&
        d.range.end.line === own.range.end.line &&
        d.range.end.character === own.range.end.character,
    ) ?? own
  );
}

function toLspEdit(e: TextEdit, lines: LineIndex): LspTextEdit {
  return { range: lines.rangeOf({ start: e.start, end: e.end }), newText: e.newText };
}

function workspaceEdit(uri: string, version: number, fix: Fix, lines: LineIndex, snippets: boolean): WorkspaceEdit {
  // LSP 3.18 snippet edits: `snippet` instead of `newText`, so the editor puts the cursor in the first placeholder.
  const edits = fix.edits.map((e) => {
    const asSnippet = snippets && fix.snippet ? forSnippetInsertion(e, lines) : undefined;
    return asSnippet
      ? { range: lines.rangeOf({ start: asSnippet.start, end: asSnippet.end }), snippet: { kind: 'snippet' as const, value: asSnippet.newText } }
      : toLspEdit(snippets && fix.snippet ? { ...e, newText: stripSnippet(e.newText) } : e, lines);
  });
  return { documentChanges: [{ textDocument: { uri, version }, edits: edits as LspTextEdit[] }] };
}

/**
 * VS Code indents every line after the first of an inserted snippet by the
 * leading whitespace of the line it is inserted on (the client passes no
 * "keep whitespace" flag). Compensate: an insertion at the end of a line that
 * starts with a line break moves to the start of the next line (no
 * indentation there); otherwise the added indentation is removed up front.
 * Where neither works the edit goes as plain text (placeholders lose their
 * tab stops, never their place).
 */
function forSnippetInsertion(e: TextEdit, lines: LineIndex): TextEdit | undefined {
  let edit = e;
  const text = lines.text;
  const lead = /^(\r\n|\n)/.exec(edit.newText);
  const at = edit.start;
  if (lead && edit.start === edit.end && (text.startsWith('\r\n', at) || text.startsWith('\n', at))) {
    const br = text.startsWith('\r\n', at) ? 2 : 1;
    edit = { start: at + br, end: at + br, newText: edit.newText.slice(lead[0].length) + lead[0] };
  }
  const line = lines.lineAt(edit.start);
  const indent = /^[ \t]*/.exec(text.slice(lines.lineStart(line), edit.start))![0];
  if (indent === '') return edit;
  const parts = edit.newText.split(/(\r?\n)/);
  for (let i = 2; i < parts.length; i += 2) {
    if (parts[i] === '') continue;
    if (!parts[i].startsWith(indent)) return undefined;
    parts[i] = parts[i].slice(indent.length);
  }
  return { ...edit, newText: parts.join('') };
}
