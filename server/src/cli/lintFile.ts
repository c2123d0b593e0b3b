/**
 * One file of a `workunit lint` run, checked and reported: what the main
 * thread and the lint workers (cli/lintWorker.ts) both do, from plain data
 * to plain data, so that the job and its result can cross a thread.
 */
import { readFileSync } from 'node:fs';
import { checkUnit, finish } from '../core/analyze';
import type { ParseOptions } from '../core/parse/parse';
import type { SeverityCounts } from '../core/catalog/report';
import { packKeys, type PackedKeys } from '../core/catalog/keyTable';
import { LevelResolver, type RuleLevels } from '../core/config/levels';
import { fixAll } from '../core/fixes';
import type { RawFinding } from '../core/rules/types';
import { displayPath, stripBom } from './files';
import { reportFile, severityCounts, type FilePart, type ReportOptions } from './lintReport';
import { replaceFileText } from './replaceFile';

export interface LintSettings {
  report: ReportOptions;
  /** `--rule id=level`: win over the config file. */
  overrides: RuleLevels;
  /** `--fix`: apply the safe fixes in place first. */
  fix: boolean;
  /** A folder was given: the catalog rules run, and suppressions of them are judged. */
  catalog: boolean;
}

export interface FileJob {
  /** The file's place in the run (its SARIF artifact index). */
  index: number;
  /** As collected: for reading, writing and the catalog's messages (the outputs name it by `displayPath`, worked out where it is checked). */
  path: string;
  /** The levels of its `workunit.config.yaml`. */
  rules: RuleLevels;
}

export interface FileResult extends FilePart {
  index: number;
  /** Its catalog keys; undefined when the catalog leaves it out (not YAML, not a mapping). */
  keys?: PackedKeys;
  /** What `--fix` did: for the report's stream (`log`) and for standard error (`warning`). */
  log?: string;
  warning?: string;
}

/** A lint reports findings, and needs a file's comments only for its suppression directives. */
const LINT_PARSE: ParseOptions = { collectComments: 'directives' };

export function lintFile(job: FileJob, s: LintSettings): FileResult {
  const levels = new LevelResolver(job.rules, s.overrides);
  let text = readText(job.path);
  let log: string | undefined;
  let warning: string | undefined;
  if (s.fix) ({ text, log, warning } = fixFile(job.path, text, levels));
  const checked = checkUnit(text, levels, LINT_PARSE);
  const analysis = finish(checked, levels, s.catalog ? [] : undefined);
  const keys = checked.parsed && checked.unit.isMapping ? packKeys(checked.unit) : undefined;
  return { index: job.index, ...reportFile(displayPath(job.path), job.index, analysis, s.report), keys, log, warning };
}

/** A file checked again with the catalog's findings: its report, and the counts of its first report, which this one replaces. */
export interface RelintResult {
  /** Its place among the files checked again. */
  index: number;
  before: SeverityCounts;
  after: FileResult;
}

/**
 * A file of a catalog that the catalog rules found something in, checked
 * again with those findings (the text on disk is the text checked: `--fix`
 * wrote it). `before` counts its findings without them, as its first report did.
 */
export function relintFile(job: FileJob, s: LintSettings, catalogRaw: RawFinding[]): Omit<RelintResult, 'index'> {
  const levels = new LevelResolver(job.rules, s.overrides);
  const checked = checkUnit(readText(job.path), levels, LINT_PARSE);
  const after = finish(checked, levels, catalogRaw);
  return { before: severityCounts(finish(checked, levels, []).findings), after: { index: job.index, ...reportFile(displayPath(job.path), job.index, after, s.report) } };
}

function readText(path: string): string {
  return stripBom(readFileSync(path, 'utf8'));
}

/**
 * `--fix`: the safe fixes (those an editor marks preferred), written in place
 * by `replaceFileText` (a temporary file and a rename, never half-written);
 * a file that no longer holds the text that was read is left alone, and the
 * findings reported are then those of the text that was read.
 */
function fixFile(file: string, text: string, levels: LevelResolver): { text: string; log?: string; warning?: string } {
  const { text: fixed, applied } = fixAll(text, levels);
  if (fixed === text) return { text };
  const outcome = replaceFileText(file, text, fixed);
  // What changed, per file: a fix is never silent.
  if (outcome.replaced) return { text: fixed, log: `fixed ${file}:\n${applied.map((a) => `  ${a}\n`).join('')}\n` };
  return { text, warning: `workunit: ${file} ${outcome.reason}; left as it was.\n` };
}
