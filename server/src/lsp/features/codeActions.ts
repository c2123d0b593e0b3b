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
} from 'vscode-languageserver';
import { fixAllEdits, fixesFor, type Fix, type TextEdit } from '../../core/fixes';
import type { Analysis } from '../../core/analyze';
import type { Finding } from '../../core/rules/types';
import type { LineIndex } from '../../core/text/lineIndex';
import { stripSnippet } from '../../core/text/snippet';
import { toDiagnostic } from '../convert';
import type { UnitDocuments, VersionedAnalysis } from '../unitDocuments';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.workunit`;

export const codeActionCapabilities: ServerCapabilities = {
  // Resolve: the "fix all" action's edit is computed only when it is chosen (see below).
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
};

/** What an unresolved "fix all" action carries to `codeAction/resolve`. */
interface FixAllData {
  fixAll: { uri: string };
}

function isFixAllData(data: unknown): data is FixAllData {
  const d = data as FixAllData | undefined;
  return typeof d === 'object' && d !== null && typeof d.fixAll === 'object' && d.fixAll !== null && typeof d.fixAll.uri === 'string';
}

/** Whether a request's `only` filter admits a kind (`source.fixAll` admits `source.fixAll.workunit`). */
function admits(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/**
 * `resolvesEdits`: the client resolves a code action's `edit` lazily (VS Code
 * does). The quick-fixes at the cursor are cheap and sent whole; the "fix
 * all" action, offered with every quick-fix request, needs the fixes of every
 * finding in the file (30 ms at 2,000 steps), so then it goes without its edit
 * and the edit is computed on `codeAction/resolve` — only when chosen.
 */
export function registerCodeActions(connection: Connection, units: UnitDocuments, snippetEdits: () => boolean, resolvesEdits: () => boolean): void {
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
      if (resolvesEdits()) {
        // Offered when some finding has a safe fix: one among the quick-fixes just listed settles it;
        // else the first one found in the file.
        if (actions.some((x) => x.isPreferred) || hasSafeFix(a)) {
          actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data: { fixAll: { uri } } satisfies FixAllData });
        }
      } else {
        const edit = fixAllEdit(a, uri);
        if (edit) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit });
      }
    }
    return actions;
  });

  connection.onCodeActionResolve((action) => {
    if (action.edit || !isFixAllData(action.data)) return action;
    // For the document as it is now: "fix all" means the problems there are when it is applied.
    const { uri } = action.data.fixAll;
    const a = units.current(uri);
    const edit = a?.parsed ? fixAllEdit(a, uri) : undefined;
    return edit ? { ...action, edit } : action;
  });
}

const FIX_ALL_TITLE = 'Fix all safe work unit problems';

/** Per analysis (one per document version): the editor asks for code actions at every cursor move. */
const safeFixKnown = new WeakMap<Analysis, boolean>();

/** Whether some finding of the file has a safe (preferred) fix. */
function hasSafeFix(a: Analysis): boolean {
  let known = safeFixKnown.get(a);
  if (known === undefined) {
    known = a.findings.some((f) => fixesFor(a.unit, f, { snippets: false }).some((fix) => fix.preferred));
    safeFixKnown.set(a, known);
  }
  return known;
}

/** The edit of "fix all" on this analysis (of a text that parsed), or none when nothing is safe to fix. */
function fixAllEdit(a: VersionedAnalysis, uri: string): WorkspaceEdit | undefined {
  const edits = fixAllEdits(a.unit, a.findings);
  if (edits.length === 0) return undefined;
  return { documentChanges: [{ textDocument: { uri, version: a.version }, edits: edits.map((e) => toLspEdit(e, a.unit.lines)) }] };
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
