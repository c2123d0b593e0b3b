/**
 * The pipeline every edge uses (server, CLI, tests): parse → model → rules →
 * levels → suppressions. Pure: text and settings in, findings out.
 */
import { applySuppressions, parseDirectives } from './config/suppressions';
import { LevelResolver } from './config/levels';
import { buildModel } from './model/build';
import type { UnitModel } from './model/types';
import { parseText, type SyntaxProblem } from './parse/parse';
import { UnitFacts } from './rules/facts';
import { FILE_RULES } from './rules/registry';
import type { Finding, RawFinding } from './rules/types';
import { yamlSyntax } from './rules/yaml-syntax';
import { LineIndex } from './text/lineIndex';

export interface Analysis {
  unit: UnitModel;
  /** Sorted by position; levels and suppressions applied. */
  findings: Finding[];
  /** True when the text parsed as YAML: the model is then a good one to keep. */
  parsed: boolean;
}

export function analyzeText(text: string, levels: LevelResolver = new LevelResolver()): Analysis {
  const parsed = parseText(text);
  const lines = new LineIndex(text);
  const unit = buildModel(parsed, lines);
  let data: unknown;
  if (unit.syntaxErrors.length === 0) {
    const expanded = toData(unit);
    if ('error' in expanded) unit.syntaxErrors.push(expanded.error);
    else data = expanded.data;
  }
  const raw: RawFinding[] = [];
  if (unit.syntaxErrors.length > 0) {
    // One problem, one finding: a file that is not YAML gets only that.
    raw.push(...yamlSyntax.check(unit, new UnitFacts(unit, undefined)));
  } else {
    const facts = new UnitFacts(unit, data);
    for (const rule of FILE_RULES) {
      if (rule === yamlSyntax || levels.isOff(rule.id)) continue;
      if (!unit.isMapping && rule.id !== 'schema') continue;
      raw.push(...rule.check(unit, facts));
    }
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const f of raw) {
    const severity = levels.severity(f.rule);
    if (!severity) continue;
    // A merged (`<<: *x`) value shared by several items is one problem at one place.
    const key = `${f.rule}@${f.span.start}:${f.span.end}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ...f, severity });
  }
  const result = applySuppressions(findings, parseDirectives(unit.comments, lines), lines, levels);
  result.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
  return { unit, findings: result, parsed: unit.syntaxErrors.length === 0 };
}

/** The document as plain data for the schema; an alias bomb is a syntax problem, not a crash. */
function toData(unit: UnitModel): { data: unknown } | { error: SyntaxProblem } {
  try {
    return { data: unit.doc.toJS({ maxAliasCount: 1000 }) };
  } catch (e) {
    const alias = unit.text.indexOf('*');
    const start = alias >= 0 ? alias : 0;
    return {
      error: {
        code: 'ALIAS_EXPANSION',
        message: `The YAML expands too many aliases (${(e as Error).message.split('\n')[0]}) — this looks like an alias bomb`,
        span: { start, end: Math.min(unit.text.length, start + 1) },
      },
    };
  }
}
