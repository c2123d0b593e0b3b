/**
 * Quick-fixes for findings: `fixesFor` lists what can be done about one
 * finding (keyed on its rule id and `data`, never its message);
 * `fixAllEdits` / `applyFixAll` apply the safe ones ("fix all", `workunit
 * lint --fix`). Pure: a model and findings in, text edits out.
 */
import { analyzeText } from '../analyze';
import type { LevelResolver } from '../config/levels';
import type { UnitModel } from '../model/types';
import { parseText } from '../parse/parse';
import type { Finding } from '../rules/types';
import { assignBuilders } from './assign';
import { cleanupBuilders } from './cleanup';
import { context, type FixBuilder } from './common';
import { elementBuilders } from './elements';
import { metricBuilders } from './metrics';
import { referenceBuilders } from './references';
import { renderFix, type FixDraft } from './snippet';
import { suppressionFixes } from './suppress';
import type { Fix, FixOptions, TextEdit } from './types';

export type { Fix, FixOptions, TextEdit } from './types';

const BUILDERS: Record<string, FixBuilder> = {
  ...elementBuilders(),
  ...assignBuilders(),
  ...metricBuilders(),
  ...referenceBuilders(),
  ...cleanupBuilders(),
};

/** Rule ids with fixes of their own (besides the suppressions every finding but `yaml-syntax` gets). */
export const RULES_WITH_FIXES: readonly string[] = Object.keys(BUILDERS);

/** Two edits that cannot both apply in a well-defined way: they overlap, or both start at one offset. */
export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  if (a.start === b.start) return true;
  return a.start < b.end && b.start < a.end;
}

function wellFormed(edits: TextEdit[]): boolean {
  return edits.every((e, i) => e.start <= e.end && edits.slice(i + 1).every((o) => !editsConflict(e, o)));
}

export function fixesFor(unit: UnitModel, finding: Finding, opts: FixOptions): Fix[] {
  if (unit.syntaxErrors.length > 0 || finding.rule === 'yaml-syntax') return [];
  const ctx = context(unit, finding);
  const own = unit.isMapping ? BUILDERS[finding.rule] : undefined;
  const drafts: FixDraft[] = [...(own ? own(ctx) : []), ...suppressionFixes(ctx)];
  // The editor reads a lone `\r` as a line break and the yaml parser does not, so a fix placed by lines can land
  // inside a comment or a scalar there: in such a (rare) file, only fixes whose result still parses are offered.
  const loneCr = /\r(?!\n)/.test(unit.text);
  return (
    drafts
      .filter((d) => d.edits.length > 0 && wellFormed(d.edits))
      .filter((d) => !loneCr || parseText(applyEdits(unit.text, renderFix(finding.rule, d, { snippets: false }).edits), { collectComments: false }).syntaxErrors.length === 0)
      .map((d) => renderFix(finding.rule, d, opts))
      // A comment only plain text shows renders to nothing in a snippet: no edit.
      .map((f) => ({ ...f, edits: f.edits.filter((e) => e.start !== e.end || e.newText !== '') }))
  );
}

/**
 * The preferred fixes for a set of findings (the first one per finding),
 * merged into one edit list without conflicts: a fix whose edits conflict
 * with those already taken is dropped (the next round of `applyFixAll`
 * gets it). Plain text, never snippets.
 */
export function fixAllEdits(unit: UnitModel, findings: Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    const fix = fixesFor(unit, finding, { snippets: false }).find((f) => f.preferred);
    if (!fix || fix.edits.some((e) => taken.some((t) => editsConflict(t, e)))) continue;
    taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Applies non-conflicting edits (offsets into `text`) in one go. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].end > sorted[i - 1].start) throw new Error(`Overlapping edits at ${sorted[i].start}–${sorted[i].end} and ${sorted[i - 1].start}–${sorted[i - 1].end}`);
  }
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * "Fix all": applies the preferred fixes, re-analyses, and repeats until
 * nothing changes (at most `maxRounds`). A round whose result would not parse
 * is not kept.
 */
export function applyFixAll(text: string, levels?: LevelResolver, maxRounds = 10): string {
  let current = text;
  for (let round = 0; round < maxRounds; round++) {
    const a = analyzeText(current, levels);
    if (!a.parsed) break;
    const edits = fixAllEdits(a.unit, a.findings);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current || !analyzeText(next, levels).parsed) break;
    current = next;
  }
  return current;
}
