/**
 * `workunit lint`'s three outputs, a file at a time, so that a run over any
 * number of files keeps none of them (cli/lintFiles.ts): each file gives its
 * part of each of the document's lists (text: the file's lines; JSON: its
 * findings; SARIF: its artifact, and its results), and `documentFrame` says
 * what goes around the lists. The text is the one `JSON.stringify(…, null,
 * 2)` writes for the whole document, byte for byte.
 */
import type { Analysis } from '../core/analyze';
import type { SeverityCounts } from '../core/catalog/report';
import { elementStatus } from '../core/navigation/elements';
import type { Finding } from '../core/rules/types';
import { sarifArtifact, sarifFrame, sarifResults } from './sarif';
import { textOfFile, textSummary, type Totals } from './textFormat';

export type LintFormat = 'text' | 'json' | 'sarif';

/** A file as reported: the findings shown (errors only with `--quiet`), of its analysis. */
export interface ReportedFile {
  /** As the outputs name it: see `displayPath`. */
  file: string;
  analysis: Analysis;
  findings: Finding[];
}

export interface ReportOptions {
  format: LintFormat;
  quiet: boolean;
  color: boolean;
}

/** What one file adds to the output. */
export interface FilePart {
  /** Its part of each list of the document, in the document's order. */
  lists: string[];
  /** Its findings by severity, every one (`--quiet` hides lines, not counts). */
  counts: SeverityCounts;
}

/** Stands for a streamed list in a document written by JSON.stringify (see `sarifFrame`). */
export const ARRAY_SLOT = '\u0000list';

/** How many findings of each severity. */
export function severityCounts(findings: readonly { severity: keyof SeverityCounts }[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function reportFile(file: string, index: number, analysis: Analysis, o: ReportOptions): FilePart {
  const counts = severityCounts(analysis.findings);
  const r: ReportedFile = { file, analysis, findings: o.quiet ? analysis.findings.filter((f) => f.severity === 'error') : analysis.findings };
  if (o.format === 'text') return { lists: [textOfFile(r, o.color)], counts };
  if (o.format === 'json') {
    // The file's element status, in the spec's words (the same as the editor's first line), on each of its findings.
    const status = r.findings.length > 0 ? elementStatus(analysis.unit, analysis.findings).label : '';
    return { lists: [r.findings.map((f) => arrayItem(toJson(file, analysis, f, status), 1)).join('')], counts };
  }
  return { lists: [arrayItem(sarifArtifact(r), 4), sarifResults(r, index).map((x) => arrayItem(x, 4)).join('')], counts };
}

/**
 * An item of a JSON array `depth` levels deep, as JSON.stringify(…, null, 2)
 * writes it, after a comma: `,\n    {…}` (the list's first item drops the comma).
 */
function arrayItem(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  return `,\n${pad}${JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`)}`;
}

export interface DocumentFrame {
  head: string;
  /** Each list: a JSON array `depth` deep, or plain text (`depth` 0). */
  lists: { depth: number }[];
  /** What comes after each list but the last. */
  between: string[];
  tail(totals: Totals): string;
}

export function documentFrame(o: ReportOptions): DocumentFrame {
  if (o.format === 'text') return { head: '', lists: [{ depth: 0 }], between: [], tail: (totals) => textSummary(totals, o.color) };
  if (o.format === 'json') return { head: '', lists: [{ depth: 1 }], between: [], tail: () => '\n' };
  const [head, middle, tail] = sarifFrame();
  return { head, lists: [{ depth: 4 }, { depth: 4 }], between: [middle], tail: () => tail };
}

/** Writes one list of the document from its parts, file by file (see `arrayItem`). */
export class ListWriter {
  private empty = true;

  constructor(
    private readonly depth: number,
    private readonly write: (s: string) => void,
  ) {
    if (depth > 0) write('[');
  }

  part(s: string): void {
    if (s === '') return;
    this.write(this.empty && this.depth > 0 ? s.slice(1) : s);
    this.empty = false;
  }

  end(): void {
    if (this.depth > 0) this.write(this.empty ? ']' : `\n${'  '.repeat(this.depth - 1)}]`);
  }
}

function toJson(file: string, a: Analysis, f: Finding, status: string) {
  const r = a.unit.lines.rangeOf(f.span);
  return {
    file,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    // 1-based lines and UTF-16 columns, as editors and SARIF count them.
    range: { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } },
    status,
  };
}
