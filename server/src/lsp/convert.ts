/** Core data → LSP types: the one place offsets become positions. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl } from '../core/rules/registry';
import type { Finding, Severity } from '../core/rules/types';
import type { LineIndex } from '../core/text/lineIndex';
import { DIAGNOSTIC_SOURCE } from '../protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Findings that mark text the author can delete: editors fade it. */
const UNNECESSARY = new Set(['unused-actor', 'unused-suppression']);

export function toDiagnostic(f: Finding, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: lines.rangeOf(f.span),
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    // Quick-fixes read this, never the message.
    data: { rule: f.rule, ...(f.data ?? {}) },
  };
  if (UNNECESSARY.has(f.rule)) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}
