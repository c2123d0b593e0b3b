/**
 * `workunit lint`'s text output: findings grouped by file — the path alone on
 * a header line (a terminal makes it a link), then one indented line per
 * finding, `line:col  severity  message  rule-id`, columns aligned within the
 * file — and a summary line. ANSI colours only when asked for (`color`).
 *
 *   examples/invoice-matching.workunit.yaml
 *      3:5   warning  No learning loop: …  missing-learning-loop
 *     31:11  error    `next` names `pay-run`, …  unknown-step
 *
 *   3 files checked: 3 errors, 4 warnings, 1 info, 1 hint
 *
 * The summary counts every severity. Errors and warnings are always shown,
 * zero or not: they decide the exit code (an error, or more warnings than
 * `--max-warnings`), so "0 errors, 0 warnings" is the answer a CI log is read
 * for. Info and hints are shown when there are some: a zero of them says
 * nothing anyone acts on.
 */
import type { Finding, Severity } from '../core/rules/types';
import type { AnalyzedFile, Writer } from './analyzeFiles';
import { maxOf } from '../core/collections';
import { plural, severityCount } from '../core/catalog/labels';
import { SEVERITIES, type SeverityCounts } from '../core/catalog/report';

export interface Totals {
  files: number;
  /** Findings by severity, all of them (`--quiet` hides lines, not counts). */
  counts: SeverityCounts;
}

/** Shown in the summary even when zero: the severities the exit code depends on. */
const ALWAYS_COUNTED: readonly Severity[] = ['error', 'warning'];

/** "1 file checked: 0 errors, 0 warnings"; "3 files checked: 3 errors, 4 warnings, 1 info, 1 hint". */
export function summaryLine(totals: Totals): string {
  const counted = SEVERITIES.filter((s) => ALWAYS_COUNTED.includes(s) || totals.counts[s] > 0);
  return `${plural(totals.files, 'file')} checked: ${counted.map((s) => severityCount(s, totals.counts[s])).join(', ')}`;
}

const SEVERITY_COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const BOLD_UNDERLINE = '\x1b[1m\x1b[4m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const SEVERITY_WIDTH = Math.max(...Object.keys(SEVERITY_COLORS).map((s) => s.length));

export function writeText(reported: (AnalyzedFile & { findings: Finding[] })[], out: Writer, color: boolean, totals: Totals): void {
  const paint = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  for (const r of reported) {
    if (r.findings.length === 0) continue;
    const rows = r.findings.map((f) => {
      const p = r.analysis.unit.lines.positionAt(f.span.start);
      return { where: `${p.line + 1}:${p.character + 1}`, f };
    });
    const whereWidth = maxOf(rows.map((x) => x.where.length));
    out.write(`${paint(BOLD_UNDERLINE, r.file)}\n`);
    for (const { where, f } of rows) {
      // The message stays on one line: a line per finding is what greps and CI logs expect.
      const message = f.message.replace(/\s*[\r\n]+\s*/g, ' ');
      const severity = paint(SEVERITY_COLORS[f.severity], f.severity) + ' '.repeat(SEVERITY_WIDTH - f.severity.length);
      out.write(`  ${where.padEnd(whereWidth)}  ${severity}  ${message}  ${paint(DIM, f.rule)}\n`);
    }
    out.write('\n');
  }
  const { error, warning } = totals.counts;
  const summaryColor = error > 0 ? SEVERITY_COLORS.error : warning > 0 ? SEVERITY_COLORS.warning : '\x1b[32m';
  out.write(`${paint(summaryColor, summaryLine(totals))}\n`);
}
