/**
 * Quick-fixes and "fix all": the core's fixes for the findings under the
 * cursor, keyed on the rule id and the finding's data (never the message).
 * Scaffolds come as snippet edits, so their placeholders are tab stops,
 * where the client supports them.
 */
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CodeAction,
  type Command,
  type Connection,
  type Diagnostic,
  type ServerCapabilities,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { fixAllEdits, fixesFor, type Fix, type TextEdit } from '../../core/fixes';
import type { Analysis } from '../../core/analyze';
import type { Finding } from '../../core/rules/types';
import type { LineIndex } from '../../core/text/lineIndex';
import { stripSnippet } from '../../core/text/snippet';
import type { ClientSupport } from '../clientSupport';
import { toDiagnostic } from '../convert';
import { errorLog, guardRequest } from '../guard';
import type { SupportOf } from '../server';
import type { UnitDocuments, VersionedAnalysis } from '../unitDocuments';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.workunit`;

/**
 * For a client that takes no code-action literals (only `Command[]`): each
 * fix is a command the server executes by asking the client to apply the
 * edit (`workspace/applyEdit`).
 */
export const APPLY_FIX_COMMAND = 'workunit.applyFix';

export function codeActionCapabilities(support: ClientSupport): ServerCapabilities {
  return {
    // Resolve: the "fix all" action's edit is computed only when it is chosen (see below).
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: support.codeActionLiterals },
    ...(usesCommands(support) ? { executeCommandProvider: { commands: [APPLY_FIX_COMMAND] } } : {}),
  };
}

function usesCommands(support: ClientSupport): boolean {
  return !support.codeActionLiterals && support.applyEdit;
}

/** What an unresolved "fix all" action carries to `codeAction/resolve`. */
interface FixAllData {
  fixAll: { uri: string };
}

function isFixAllData(data: unknown): data is FixAllData {
  const d = data as FixAllData | undefined;
  return typeof d === 'object' && d !== null && typeof d.fixAll === 'object' && d.fixAll !== null && typeof d.fixAll.uri === 'string';
}

/** The argument of `APPLY_FIX_COMMAND`: the edit, for the document version it was computed on. */
interface ApplyFixArgument {
  uri: string;
  version: number;
  edit: WorkspaceEdit;
}

function isApplyFixArgument(a: unknown): a is ApplyFixArgument {
  const x = a as ApplyFixArgument | undefined;
  return typeof x === 'object' && x !== null && typeof x.uri === 'string' && Number.isInteger(x.version) && typeof x.edit === 'object' && x.edit !== null;
}

/** Whether a request's `only` filter admits a kind (`source.fixAll` admits `source.fixAll.workunit`). */
function admits(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/**
 * `resolvesEdit`: the client resolves a code action's `edit` lazily (VS Code
 * does). The quick-fixes at the cursor are cheap and sent whole; the "fix
 * all" action, offered with every quick-fix request, needs the fixes of every
 * finding in the file (30 ms at 2,000 steps), so then it goes without its edit
 * and the edit is computed on `codeAction/resolve` — only when chosen.
 */
export function registerCodeActions(connection: Connection, units: UnitDocuments, supportOf: SupportOf): void {
  const log = errorLog(connection);
  connection.onCodeAction(
    guardRequest(log, 'textDocument/codeAction', ({ textDocument, range, context }): (CodeAction | Command)[] | null => {
      const a = units.current(textDocument.uri);
      if (!a || !a.parsed) return null;
      const support = supportOf();
      if (!support.codeActionLiterals && !support.applyEdit) return []; // neither an action nor a way to apply one
      const uri = textDocument.uri;
      const lines = a.unit.lines;
      const actions: CodeAction[] = [];

      if (admits(context.only, CodeActionKind.QuickFix)) {
        const start = lines.offsetAt(range.start);
        const end = lines.offsetAt(range.end);
        const snippets = support.snippetEdits && support.documentChanges && support.codeActionLiterals;
        for (const finding of a.findings) {
          if (finding.span.end < start || finding.span.start > end) continue;
          const diagnostic = matchingDiagnostic(context.diagnostics, finding, lines, support);
          for (const fix of fixesFor(a.unit, finding, { snippets })) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              ...(support.codeActionIsPreferred && fix.preferred ? { isPreferred: true } : {}),
              edit: workspaceEdit(uri, a.version, fixEdits(fix, lines, snippets), support),
            });
          }
        }
      }

      if (admits(context.only, FIX_ALL_KIND) && (context.only !== undefined || actions.length > 0)) {
        if (support.codeActionLiterals && support.codeActionResolvesEdit) {
          // Offered when some finding has a safe fix: one among the quick-fixes just listed settles it;
          // else the first one found in the file.
          if (actions.some((x) => x.isPreferred) || hasSafeFix(a)) {
            actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data: { fixAll: { uri } } satisfies FixAllData });
          }
        } else {
          const edit = fixAllEdit(a, uri, support);
          if (edit) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit });
        }
      }
      if (support.codeActionLiterals) return actions;
      return actions.map((x) => ({ title: x.title, command: APPLY_FIX_COMMAND, arguments: [{ uri, version: a.version, edit: x.edit! } satisfies ApplyFixArgument] }));
    }),
  );

  connection.onCodeActionResolve(
    guardRequest(log, 'codeAction/resolve', (action) => {
      if (action.edit || !isFixAllData(action.data)) return action;
      // For the document as it is now: "fix all" means the problems there are when it is applied.
      const { uri } = action.data.fixAll;
      const a = units.current(uri);
      const edit = a?.parsed ? fixAllEdit(a, uri, supportOf()) : undefined;
      return edit ? { ...action, edit } : action;
    }),
  );

  connection.onExecuteCommand(
    guardRequest(log, 'workspace/executeCommand', async ({ command, arguments: args }) => {
      if (command !== APPLY_FIX_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid params for workspace/executeCommand: params.command ${JSON.stringify(command).slice(0, 80)} is not a command of this server.`);
      const arg = args?.[0];
      if (!isApplyFixArgument(arg)) throw new ResponseError(ErrorCodes.InvalidParams, 'Invalid params for workspace/executeCommand: params.arguments[0] must be { uri, version, edit }.');
      if (units.get(arg.uri)?.version !== arg.version) {
        throw new ResponseError(LSPErrorCodes.RequestFailed, 'The document changed since this fix was offered; ask for the fix again.');
      }
      const result = await connection.workspace.applyEdit({ label: 'Work unit fix', edit: arg.edit });
      if (!result.applied) connection.console.warn(`The client did not apply a fix to ${arg.uri}${result.failureReason ? `: ${result.failureReason}` : ''}.`);
      return null;
    }),
  );
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
function fixAllEdit(a: VersionedAnalysis, uri: string, support: ClientSupport): WorkspaceEdit | undefined {
  const edits = fixAllEdits(a.unit, a.findings);
  if (edits.length === 0) return undefined;
  return workspaceEdit(uri, a.version, edits.map((e) => toLspEdit(e, a.unit.lines)), support);
}

/** The client's own diagnostic for a finding when it sent one (same rule and range), else the server's. */
function matchingDiagnostic(sent: Diagnostic[], finding: Finding, lines: LineIndex, support: ClientSupport): Diagnostic {
  const own = toDiagnostic(finding, lines, support);
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

/** A fix's edits for the protocol; with `snippets` (LSP 3.18 snippet edits), `snippet` instead of `newText` where it can, so the editor puts the cursor in the first placeholder. */
function fixEdits(fix: Fix, lines: LineIndex, snippets: boolean): LspTextEdit[] {
  const edits = fix.edits.map((e) => {
    const asSnippet = snippets && fix.snippet ? forSnippetInsertion(e, lines) : undefined;
    return asSnippet
      ? { range: lines.rangeOf({ start: asSnippet.start, end: asSnippet.end }), snippet: { kind: 'snippet' as const, value: asSnippet.newText } }
      : toLspEdit(snippets && fix.snippet ? { ...e, newText: stripSnippet(e.newText) } : e, lines);
  });
  return edits as LspTextEdit[];
}

/** Edits of one document as the client takes them: versioned `documentChanges`, or plain `changes`. */
export function workspaceEdit(uri: string, version: number, edits: LspTextEdit[], support: ClientSupport): WorkspaceEdit {
  return support.documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
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
