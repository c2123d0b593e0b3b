/**
 * The pipeline every edge uses (server, CLI, tests): parse → model → rules →
 * levels → suppressions. Pure: text and settings in, findings out.
 */
import { mayHoldDirective } from './config/directiveMark';
import { applySuppressions, parseDirectives } from './config/suppressions';
import { LevelResolver } from './config/levels';
import { buildModel } from './model/build';
import { placeholderValues, RULES_ABOUT_VALUES } from './model/placeholders';
import type { UnitModel } from './model/types';
import { expandDocument } from './parse/expand';
import { parseText, type ParseOptions } from './parse/parse';
import { UnitFacts } from './rules/facts';
import { CATALOG_RULES, FILE_RULES, MEASURED_RULES } from './rules/registry';
import type { Finding, RawFinding } from './rules/types';
import { yamlSyntax } from './rules/yaml-syntax';
import { LineIndex } from './text/lineIndex';
import { pushAll } from './collections';
import type { LogProblem } from './measure/events';
import type { Measurement } from './measure/measure';

export interface Analysis {
  unit: UnitModel;
  /** Sorted by position; levels and suppressions applied. */
  findings: Finding[];
  /** True when the text parsed as YAML: the model is then a good one to keep. */
  parsed: boolean;
}

/** A unit checked by the file rules, before levels and suppressions. */
export interface CheckedUnit {
  unit: UnitModel;
  raw: RawFinding[];
  parsed: boolean;
}

export function analyzeText(text: string, levels: LevelResolver = new LevelResolver()): Analysis {
  return finish(checkUnit(text, levels), levels);
}

/** Runs the file rules that are not turned off (`parse`: what to collect beyond the document, see `parseText`). */
export function checkUnit(text: string, levels: LevelResolver, parse: ParseOptions = {}): CheckedUnit {
  const parsed = parseText(text, parse);
  const unit = buildModel(parsed, new LineIndex(text));
  let data: unknown;
  if (unit.syntaxErrors.length === 0) {
    const expanded = expandDocument(unit.doc, unit.text);
    if ('error' in expanded) unit.syntaxErrors.push(expanded.error);
    else data = expanded.data;
  }
  const raw: RawFinding[] = [];
  if (unit.syntaxErrors.length > 0) {
    // One problem, one finding: a file that is not YAML gets only that.
    addCapped(raw, yamlSyntax.check(unit, new UnitFacts(unit, undefined)));
  } else {
    const facts = new UnitFacts(unit, data);
    for (const rule of FILE_RULES) {
      if (rule === yamlSyntax || levels.isOff(rule.id)) continue;
      // A file whose top level is not a mapping gets only the schema's word on it.
      if (!unit.isMapping && rule.id !== 'schema') continue;
      addCapped(raw, rule.check(unit, facts));
    }
    return { unit, raw: withoutPlaceholderNoise(unit, raw), parsed: true };
  }
  return { unit, raw, parsed: false };
}

/** A placeholder gets `placeholder` and no other finding about that value (spec 1.1). */
function withoutPlaceholderNoise(unit: UnitModel, raw: RawFinding[]): RawFinding[] {
  const held = placeholderValues(unit);
  if (held.length === 0) return raw;
  const covered = (f: RawFinding) => held.some((p) => p.span.start <= f.span.start && f.span.end <= p.span.end);
  return raw.filter((f) => !RULES_ABOUT_VALUES.has(f.rule) || !covered(f));
}

/**
 * The most findings one rule reports in one file. Why 1,000: a rule finds
 * about one thing per step, and no one works through more than the first few
 * hundred findings of one rule: past that the author has one problem written many times (a
 * generated list of typos, a hostile file). The first ones by position, and
 * one more finding that says how many are left out, keep the Problems panel
 * readable and the editor, the CLI's output and the transport bounded
 * (330,000 findings would be 30 MB of diagnostics).
 */
export const MAX_FINDINGS_PER_RULE = 1000;

function addCapped(raw: RawFinding[], found: RawFinding[]): void {
  if (found.length <= MAX_FINDINGS_PER_RULE) {
    pushAll(raw, found);
    return;
  }
  const byPosition = [...found].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  pushAll(raw, byPosition.slice(0, MAX_FINDINGS_PER_RULE));
  const next = byPosition[MAX_FINDINGS_PER_RULE];
  const more = found.length - MAX_FINDINGS_PER_RULE;
  raw.push({
    rule: next.rule,
    span: next.span,
    message: `${next.message} — and ${more - 1} more like it in this file, not listed (only the first ${MAX_FINDINGS_PER_RULE} of a rule are)`,
  });
}

/**
 * The measured rules that are not off, over a unit and what its log gave
 * (a measurement, or why there is none). A unit that names no log has
 * nothing to measure: pass `[]` to `finish` for it.
 */
export function checkMeasured(unit: UnitModel, measured: Measurement | LogProblem, levels: LevelResolver): RawFinding[] {
  const raw: RawFinding[] = [];
  for (const rule of MEASURED_RULES) if (!levels.isOff(rule.id)) addCapped(raw, rule.check(unit, measured));
  return raw;
}

/**
 * Levels, de-duplication and suppressions. `catalogRaw` holds the catalog
 * rules' findings for this file when a catalog was checked; without it,
 * suppressions naming catalog rules are not judged. Likewise `measuredRaw`:
 * the measured rules' findings once the unit's log is measured (`[]` for a
 * unit without a log); without it — not measured yet, or by an edge that
 * does not measure (`workunit lint`) — suppressions naming measured rules
 * are not judged.
 */
export function finish(checked: CheckedUnit, levels: LevelResolver, catalogRaw?: RawFinding[], measuredRaw?: RawFinding[]): Analysis {
  const { unit } = checked;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const f of [...checked.raw, ...(catalogRaw ?? []), ...(checked.parsed ? (measuredRaw ?? []) : [])]) {
    const severity = levels.severity(f.rule);
    if (!severity) continue;
    // A merged (`<<: *x`) value shared by several items is one problem at one place.
    const key = `${f.rule}@${f.span.start}:${f.span.end}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ...f, severity });
  }
  // A file that is not YAML reports only that: its directives are not judged either.
  const directives = checked.parsed && mayHoldDirective(unit.text) ? parseDirectives(unit.comments, unit.lines) : [];
  const result = applySuppressions(findings, directives, unit.lines, levels, { catalog: catalogRaw !== undefined, measured: measuredRaw !== undefined });
  result.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
  return { unit, findings: result, parsed: checked.parsed };
}

export interface CatalogInput {
  file: string;
  text: string;
  levels: LevelResolver;
}

/** Every file checked alone, then the catalog rules across the files that parsed. */
export function analyzeCatalog(inputs: CatalogInput[]): { file: string; analysis: Analysis }[] {
  const checked = inputs.map((i) => ({ ...i, checked: checkUnit(i.text, i.levels) }));
  const perFile = new Map<string, RawFinding[]>(inputs.map((i) => [i.file, []]));
  const entries = checked.filter((c) => c.checked.parsed && c.checked.unit.isMapping).map((c) => ({ file: c.file, unit: c.checked.unit }));
  for (const rule of CATALOG_RULES) {
    for (const { file, finding } of rule.check(entries)) perFile.get(file)?.push(finding);
  }
  return checked.map((c) => ({ file: c.file, analysis: finish(c.checked, c.levels, perFile.get(c.file)) }));
}
