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
import { elementStatus } from '../core/navigation/elements';
import type { Severity } from '../core/rules/types';
import type { ReportedFile } from './lintReport';
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

const paint = (color: boolean, code: string, s: string) => (color ? `${code}${s}${RESET}` : s);

/** One file's part of the text output: its path, its status line, its findings, a blank line. */
export function textOfFile(r: ReportedFile, color: boolean): string {
  // One status line per file, in the spec's words, findings or not.
  const status = r.analysis.parsed ? elementStatus(r.analysis.unit, r.analysis.findings).label : 'not valid YAML: no element status';
  const head = `${paint(color, BOLD_UNDERLINE, r.file)}\n  ${paint(color, DIM, status)}\n`;
  if (r.findings.length === 0) return `${head}\n`;
  const rows = r.findings.map((f) => {
    const p = r.analysis.unit.lines.positionAt(f.span.start);
    return { where: `${p.line + 1}:${p.character + 1}`, f };
  });
  const whereWidth = maxOf(rows.map((x) => x.where.length));
  let out = head;
  for (const { where, f } of rows) {
    // The message stays on one line: a line per finding is what greps and CI logs expect.
    const message = f.message.replace(/\s*[\r\n]+\s*/g, ' ');
    const severity = paint(color, SEVERITY_COLORS[f.severity], f.severity) + ' '.repeat(SEVERITY_WIDTH - f.severity.length);
    out += `  ${where.padEnd(whereWidth)}  ${severity}  ${message}  ${paint(color, DIM, f.rule)}\n`;
  }
  return `${out}\n`;
}

/** The last line of the text output: the summary, coloured by the worst severity found. */
export function textSummary(totals: Totals, color: boolean): string {
  const { error, warning } = totals.counts;
  const summaryColor = error > 0 ? SEVERITY_COLORS.error : warning > 0 ? SEVERITY_COLORS.warning : '\x1b[32m';
  return `${paint(color, summaryColor, summaryLine(totals))}\n`;
}
