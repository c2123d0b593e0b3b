/** `workunit lint`: collect files, analyse them with the editor's core, report. */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { analyzeCatalog, analyzeText, type Analysis } from '../core/analyze';
import { LevelResolver, parseLevel } from '../core/config/levels';
import { isRuleId } from '../core/rules/registry';
import type { Finding, Level } from '../core/rules/types';
import { applyFixAll } from '../core/fixes';
import { ConfigLookup } from '../host/configLookup';
import { collectFiles, UsageError } from './files';

interface LintOptions {
  paths: string[];
  format: 'text' | 'json';
  rules: Record<string, Level>;
  quiet: boolean;
  maxWarnings?: number;
  color: boolean;
  fix: boolean;
}

export function parseLintArgs(args: string[], isTty: boolean): LintOptions {
  const o: LintOptions = { paths: [], format: 'text', rules: {}, quiet: false, color: isTty && !process.env.NO_COLOR, fix: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value.`);
      return v;
    };
    const flag = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`Unknown format \`${f}\`: use text or json.`);
      o.format = f;
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
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings takes a whole number.');
      o.maxWarnings = n;
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
  }
  if (o.paths.length === 0) throw new UsageError('lint needs at least one file or folder.');
  return o;
}

interface Writer {
  write(s: string): unknown;
  isTTY?: boolean;
}

export function runLint(args: string[], out: Writer, err: Writer): number {
  const o = parseLintArgs(args, !!out.isTTY);
  const configs = new ConfigLookup((m) => err.write(`workunit: ${m}\n`));
  const { files, sawFolder } = collectFiles(o.paths, configs);
  const inputs = files.map((file) => {
    const levels = new LevelResolver(configs.forFile(resolve(file)).config.rules, o.rules);
    const text = stripBom(readFileSync(file, 'utf8'));
    return { file, levels, text: o.fix ? fixFile(file, text, levels, err) : text };
  });
  const results: { file: string; analysis: Analysis }[] = sawFolder
    ? analyzeCatalog(inputs)
    : inputs.map((i) => ({ file: i.file, analysis: analyzeText(i.text, i.levels) }));

  let errors = 0;
  let warnings = 0;
  const reported: { file: string; analysis: Analysis; findings: Finding[] }[] = [];
  for (const r of results) {
    const findings = o.quiet ? r.analysis.findings.filter((f) => f.severity === 'error') : r.analysis.findings;
    for (const f of r.analysis.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
    reported.push({ file: displayPath(r.file), analysis: r.analysis, findings });
  }

  if (o.format === 'json') {
    out.write(`${JSON.stringify(reported.flatMap((r) => r.findings.map((f) => toJson(r.file, r.analysis, f))), null, 2)}\n`);
  } else {
    writeText(reported, out, o.color, { files: files.length, errors, warnings });
  }
  if (errors > 0) return 1;
  if (o.maxWarnings !== undefined && warnings > o.maxWarnings) return 1;
  return 0;
}

/**
 * `--fix`: the safe fixes (those an editor marks preferred), written in place
 * through a temporary file and a rename, so a file is never half-written;
 * a file that changed on disk while its fixes were computed is left alone.
 */
function fixFile(file: string, text: string, levels: LevelResolver, err: Writer): string {
  const before = statSync(file);
  const fixed = applyFixAll(text, levels);
  if (fixed === text) return text;
  const now = statSync(file);
  if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) {
    err.write(`workunit: ${file} changed on disk while fixing; left as it was.\n`);
    return stripBom(readFileSync(file, 'utf8'));
  }
  const hadBom = readFileSync(file, 'utf8').charCodeAt(0) === 0xfeff;
  const tmp = `${file}.workunit-fix-${process.pid}.tmp`;
  writeFileSync(tmp, (hadBom ? '\uFEFF' : '') + fixed, { mode: before.mode });
  renameSync(tmp, file);
  return fixed;
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

const COLORS: Record<string, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };

function writeText(reported: { file: string; analysis: Analysis; findings: Finding[] }[], out: Writer, color: boolean, totals: { files: number; errors: number; warnings: number }): void {
  const paint = (sev: string, s: string) => (color ? `${COLORS[sev] ?? ''}${s}\x1b[0m` : s);
  for (const r of reported) {
    for (const f of r.findings) {
      const p = r.analysis.unit.lines.positionAt(f.span.start);
      out.write(`${r.file}:${p.line + 1}:${p.character + 1}  ${paint(f.severity, f.severity)}  ${f.message}  ${f.rule}\n`);
    }
  }
  const summary = `${totals.files} file${totals.files === 1 ? '' : 's'} checked: ${totals.errors} error${totals.errors === 1 ? '' : 's'}, ${totals.warnings} warning${totals.warnings === 1 ? '' : 's'}`;
  out.write(`${summary}\n`);
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel.startsWith('..') ? resolve(file) : rel;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
