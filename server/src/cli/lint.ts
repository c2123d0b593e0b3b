/**
 * `workunit lint PATHS… [--format text|json|sarif] [--rule id=level]… [--max-warnings N] [--quiet] [--fix] [--color|--no-color]`:
 * collect files, analyse them with the editor's core, report (cli/lintFiles.ts).
 * Formats: text (grouped by file, see textFormat.ts), json (one object per
 * finding, 1-based ranges), sarif (SARIF 2.1.0, see sarif.ts).
 * Colour (text only): on a terminal unless NO_COLOR is set (non-empty) or
 * TERM=dumb; `--color` / `--no-color` win over both (the last one given).
 */
import { isOption, unknownOption, walkArgs } from './args';
import { parseLevel } from '../core/config/levels';
import { isRuleId } from '../core/rules/registry';
import type { Level } from '../core/rules/types';
import type { Writer } from './analyzeFiles';
import { UsageError } from './files';
import { lintFiles } from './lintFiles';
import type { LintFormat } from './lintReport';
import { severityCount } from '../core/catalog/labels';

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
    } else if (isOption(a)) {
      throw unknownOption(a);
    } else {
      o.paths.push(a);
    }
  });
  if (o.paths.length === 0) throw new UsageError('lint needs at least one file or folder.');
  return o;
}

export async function runLint(args: string[], out: Writer, err: Writer): Promise<number> {
  const o = parseLintArgs(args, !!out.isTTY);
  const { counts } = await lintFiles(o.paths, { report: { format: o.format, quiet: o.quiet, color: o.color }, overrides: o.rules, fix: o.fix, catalog: false }, out, err);
  if (counts.error > 0) return 1;
  if (o.maxWarnings !== undefined && counts.warning > o.maxWarnings) {
    err.write(`workunit: ${severityCount('warning', counts.warning)} found, more than --max-warnings ${o.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
