/**
 * `workunit lint PATHS… [--format text|json|sarif] [--rule id=level]… [--max-warnings N] [--quiet] [--fix] [--color|--no-color]`:
 * collect files, analyse them with the editor's core, report.
 * Formats: text (grouped by file, see textFormat.ts), json (one object per
 * finding, 1-based ranges), sarif (SARIF 2.1.0, see sarif.ts).
 * Colour (text only): on a terminal unless NO_COLOR is set (non-empty) or
 * TERM=dumb; `--color` / `--no-color` win over both (the last one given).
 */
import { walkArgs } from './args';
import type { Analysis } from '../core/analyze';
import { LevelResolver, parseLevel } from '../core/config/levels';
import { isRuleId } from '../core/rules/registry';
import type { Finding, Level } from '../core/rules/types';
import { applyFixAll } from '../core/fixes';
import { replaceFileText } from './replaceFile';
import { analyzeFiles, type Writer } from './analyzeFiles';
import { UsageError } from './files';
import { toSarif } from './sarif';
import { writeText } from './textFormat';
import { severityCount } from '../core/catalog/labels';
import type { SeverityCounts } from '../core/catalog/report';

export type LintFormat = 'text' | 'json' | 'sarif';
const FORMATS: readonly LintFormat[] = ['text', 'json', 'sarif'];
const BOOLEAN_FLAGS = new Set(['--quiet', '--fix', '--color', '--no-color']);

export interface LintOptions {
  paths: string[];
  format: LintFormat;
  rules: Record<string, Level>;
  quiet: boolean;
  maxWarnings?: number;
  color: boolean;
  fix: boolean;
}

export function parseLintArgs(args: string[], isTty: boolean): LintOptions {
  const env = process.env;
  const o: LintOptions = { paths: [], format: 'text', rules: {}, quiet: false, color: isTty && !env.NO_COLOR && env.TERM !== 'dumb', fix: false };
  walkArgs(args, ({ raw: a, flag, inline, value }) => {
    if (inline && BOOLEAN_FLAGS.has(flag)) throw new UsageError(`${flag} takes no value.`);
    if (flag === '--format') {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`Unknown format \`${f}\`: use text, json or sarif.`);
      o.format = f as LintFormat;
    } else if (flag === '--rule') {
      const spec = value();
      const m = /^([a-z-]+)=(\w+)$/.exec(spec);
      if (!m) throw new UsageError(`--rule takes ID=LEVEL, e.g. --rule unused-actor=off (got \`${spec}\`).`);
      if (!isRuleId(m[1])) throw new UsageError(`Unknown rule \`${m[1]}\` in --rule. Run \`workunit rules\` for the list.`);
      const level = parseLevel(m[2]);
      if (!level) throw new UsageError(`Unknown level \`${m[2]}\` in --rule: use error, warning, info, hint or off.`);
      o.rules[m[1]] = level;
    } else if (flag === '--quiet') {
      o.quiet = true;
    } else if (flag === '--max-warnings') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a whole number (got \`${v}\`).`);
      o.maxWarnings = Number(v);
    } else if (flag === '--fix') {
      o.fix = true;
    } else if (flag === '--no-color') {
      o.color = false;
    } else if (flag === '--color') {
      o.color = true;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`Unknown option \`${a}\`. Run \`workunit --help\` for the options.`);
    } else {
      o.paths.push(a);
    }
  });
  if (o.paths.length === 0) throw new UsageError('lint needs at least one file or folder.');
  return o;
}

export function runLint(args: string[], out: Writer, err: Writer): number {
  const o = parseLintArgs(args, !!out.isTTY);
  const { files } = analyzeFiles(o.paths, {
    rules: o.rules,
    transform: o.fix ? (path, text, levels) => fixFile(path, text, levels, err) : undefined,
    err,
  });

  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  const reported = files.map((r) => {
    for (const f of r.analysis.findings) counts[f.severity]++;
    return { ...r, findings: o.quiet ? r.analysis.findings.filter((f) => f.severity === 'error') : r.analysis.findings };
  });

  if (o.format === 'json') {
    out.write(`${JSON.stringify(reported.flatMap((r) => r.findings.map((f) => toJson(r.file, r.analysis, f))), null, 2)}\n`);
  } else if (o.format === 'sarif') {
    out.write(`${JSON.stringify(toSarif(reported), null, 2)}\n`);
  } else {
    writeText(reported, out, o.color, { files: files.length, counts });
  }
  if (counts.error > 0) return 1;
  if (o.maxWarnings !== undefined && counts.warning > o.maxWarnings) {
    err.write(`workunit: ${severityCount('warning', counts.warning)} found, more than --max-warnings ${o.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/**
 * `--fix`: the safe fixes (those an editor marks preferred), written in place
 * by `replaceFileText` (a temporary file and a rename, never half-written);
 * a file that no longer holds the text that was read is left alone, and the
 * findings reported are then those of the text that was read.
 */
function fixFile(file: string, text: string, levels: LevelResolver, err: Writer): string {
  const fixed = applyFixAll(text, levels);
  if (fixed === text) return text;
  const outcome = replaceFileText(file, text, fixed);
  if (outcome.replaced) return fixed;
  err.write(`workunit: ${file} ${outcome.reason}; left as it was.\n`);
  return text;
}

function toJson(file: string, a: Analysis, f: Finding) {
  const r = a.unit.lines.rangeOf(f.span);
  return {
    file,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    // 1-based lines and UTF-16 columns, as editors and SARIF count them.
    range: { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } },
  };
}
