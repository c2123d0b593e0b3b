/** Core data → LSP types: the one place offsets become positions. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import { ruleDocsUrl } from '../core/rules/registry';
import type { Finding, Severity } from '../core/rules/types';
import type { LineIndex } from '../core/text/lineIndex';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import type { ClientSupport } from './clientSupport';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Findings that mark text the author can delete: editors fade it. */
const UNNECESSARY = new Set(['unused-actor', 'unused-suppression']);

/** A finding as a diagnostic, with the optional fields the client declared support for. */
export function toDiagnostic(f: Finding, lines: LineIndex, support: ClientSupport): Diagnostic {
  const d: Diagnostic = {
    range: lines.rangeOf(f.span),
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (support.diagnosticCodeDescription) d.codeDescription = { href: ruleDocsUrl(f.rule) };
  if (support.diagnosticUnnecessaryTag && UNNECESSARY.has(f.rule)) d.tags = [DiagnosticTag.Unnecessary];
  // For the client to hand back with a code action; quick-fixes read the server's own findings, never the message.
  if (support.diagnosticData) d.data = { rule: f.rule, ...(f.data ?? {}) };
  return d;
}
