/**
 * The status of the four elements, exactly as the spec's "Element status"
 * defines it, computed once and shown in the same words everywhere (the code
 * lens, the preview header, the Work Units view, the catalog report and
 * `workunit lint`): each element is missing (its `missing-…` condition holds,
 * whatever that rule's level), incomplete (present, with at least one
 * `error` or `warning` finding that belongs to it, after levels and
 * suppressions) or complete.
 */
import type { UnitModel } from '../model/types';
import type { Finding } from '../rules/types';
import type { Span } from '../text/span';

/** The elements by their spec names, in the spec's order. */
export type ElementName = 'outcome' | 'execution logic' | 'execution structure' | 'learning loop';
export const ELEMENT_NAMES: readonly ElementName[] = ['outcome', 'execution logic', 'execution structure', 'learning loop'];

export type ElementState = 'missing' | 'incomplete' | 'complete';

/** The spec's rule-to-element table. `schema`, `unknown-key`, `placeholder` and `duplicate-id` go by where they stand. */
const RULE_ELEMENT: Record<string, ElementName> = {
  'missing-outcome': 'outcome',
  'outcome-is-activity': 'outcome',
  'outcome-not-measurable': 'outcome',
  'unknown-metric': 'outcome',
  'missing-execution-logic': 'execution logic',
  'unknown-step': 'execution logic',
  'unreachable-step': 'execution logic',
  'no-path-to-end': 'execution logic',
  'no-exception-rules': 'execution logic',
  'missing-execution-structure': 'execution structure',
  'step-without-owner': 'execution structure',
  'exception-without-owner': 'execution structure',
  'unknown-actor': 'execution structure',
  'accountable-not-human': 'execution structure',
  'machine-step-without-accountable': 'execution structure',
  'decision-without-human': 'execution structure',
  'unused-actor': 'execution structure',
  'missing-learning-loop': 'learning loop',
  'learning-without-metrics': 'learning loop',
  'metric-without-baseline': 'learning loop',
  'metric-without-target': 'learning loop',
  'missing-core-metrics': 'learning loop',
  'review-without-owner': 'learning loop',
};

/** Rules that belong to the element whose block holds their range. */
const BY_PLACE = new Set(['schema', 'unknown-key', 'placeholder', 'duplicate-id']);

/** Which top-level block holds each element. */
const BLOCK_ELEMENT: Record<string, ElementName> = {
  outcome: 'outcome',
  steps: 'execution logic',
  exceptions: 'execution logic',
  actors: 'execution structure',
  learning: 'learning loop',
};

export interface ElementReport {
  name: ElementName;
  state: ElementState;
  /** The `error` and `warning` findings that belong to it. */
  findings: number;
}

export interface ElementStatus {
  elements: ElementReport[];
  /** Present per element (the four booleans the catalog view and report carry). */
  outcome: boolean;
  logic: boolean;
  structure: boolean;
  learning: boolean;
  /** How many of the four are present. */
  count: number;
  /** How many are complete. */
  complete: number;
  /** The missing elements, in the spec's order. */
  missing: ElementName[];
  /** The spec's words: "4 of 4 elements complete", "4 of 4 present, 3 complete — execution structure: 2 findings"… */
  label: string;
  /** One line per element, for a tooltip ("◐ 3. execution structure: incomplete (2 findings)"). */
  lines: string[];
  /** Where the status belongs: the unit's `id` value (the first line where there is none). */
  span: Span;
}

/** The four elements by the short keys the catalog view and the diagram use. */
export type ElementKey = 'outcome' | 'logic' | 'structure' | 'learning';
const ELEMENT_KEYS: readonly ElementKey[] = ['outcome', 'logic', 'structure', 'learning'];

/** What the catalog view and the preview header carry of a unit's status: presence, states, the label and one line per element. */
export interface ElementSummary {
  outcome: boolean;
  logic: boolean;
  structure: boolean;
  learning: boolean;
  /** How many of the four are present. */
  count: number;
  /** In the spec's words: "4 of 4 elements complete", "3 of 4 — no learning loop: the unit will plateau". */
  label: string;
  /** Each element's state: missing, incomplete or complete. */
  states: Record<ElementKey, ElementState>;
  /** One line per element, as the code lens tooltip has them ("◐ 3. execution structure: incomplete (2 findings)"). */
  lines: string[];
}

export function elementSummary(status: ElementStatus): ElementSummary {
  const states = {} as Record<ElementKey, ElementState>;
  ELEMENT_KEYS.forEach((key, i) => (states[key] = status.elements[i]!.state));
  return {
    outcome: status.outcome,
    logic: status.logic,
    structure: status.structure,
    learning: status.learning,
    count: status.count,
    label: status.label,
    states,
    lines: status.lines,
  };
}

export function elementStatus(unit: UnitModel, findings: readonly Finding[]): ElementStatus {
  const present: Record<ElementName, boolean> = {
    outcome: !!unit.outcome?.hasStatement,
    'execution logic': (unit.steps?.count ?? 0) > 0,
    'execution structure': unit.actors.size > 0,
    'learning loop': !!unit.learning,
  };
  const counts = new Map<ElementName, number>();
  const blocks = topLevelBlocks(unit);
  for (const f of findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    const element = elementOf(unit, f, blocks);
    if (element) counts.set(element, (counts.get(element) ?? 0) + 1);
  }
  const elements: ElementReport[] = ELEMENT_NAMES.map((name) => {
    const n = counts.get(name) ?? 0;
    return { name, findings: n, state: !present[name] ? 'missing' : n > 0 ? 'incomplete' : 'complete' };
  });
  const missing = elements.filter((e) => e.state === 'missing').map((e) => e.name);
  const count = ELEMENT_NAMES.length - missing.length;
  const complete = elements.filter((e) => e.state === 'complete').length;
  return {
    elements,
    outcome: present.outcome,
    logic: present['execution logic'],
    structure: present['execution structure'],
    learning: present['learning loop'],
    count,
    complete,
    missing,
    label: statusLabel(elements),
    lines: elements.map((e, i) => `${STATE_MARK[e.state]} ${i + 1}. ${e.name}: ${stateText(e)}`),
    span: unit.anchor,
  };
}

/** The marks of the element states: the code lens tooltip, the catalog report, the preview's chips. */
export const STATE_MARK: Record<ElementState, string> = { complete: '✓', incomplete: '◐', missing: '✗' };

function stateText(e: ElementReport): string {
  return e.state === 'incomplete' ? `incomplete (${findingsText(e.findings)})` : e.state;
}

function findingsText(n: number): string {
  return n === 1 ? '1 finding' : `${n} findings`;
}

/** The spec's wording, from the four elements' states. */
export function statusLabel(elements: readonly ElementReport[]): string {
  const missing = elements.filter((e) => e.state === 'missing');
  const count = elements.length - missing.length;
  if (count === 4) {
    const incomplete = elements.filter((e) => e.state === 'incomplete');
    if (incomplete.length === 0) return '4 of 4 elements complete';
    return `4 of 4 present, ${4 - incomplete.length} complete — ${incomplete.map((e) => `${e.name}: ${findingsText(e.findings)}`).join('; ')}`;
  }
  if (count <= 1) return `${count} of 4 — not yet a work unit`;
  const gaps = missing.map((m) => `no ${m.name}`).join(', ');
  return `${count} of 4 — ${gaps}: ${count === 3 ? 'the unit will plateau' : 'outputs will be inconsistent'}`;
}

/** Each top-level block's whole extent (key to end of value). */
function topLevelBlocks(unit: UnitModel): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  const root = unit.doc.contents as { items?: { key?: { range?: number[]; value?: unknown }; value?: { range?: number[] } | null }[] } | null;
  for (const pair of root?.items ?? []) {
    const key = pair.key && typeof pair.key.value === 'string' ? pair.key.value : undefined;
    const start = pair.key?.range?.[0];
    const end = pair.value?.range?.[2] ?? pair.value?.range?.[1] ?? pair.key?.range?.[1];
    if (key !== undefined && start !== undefined && end !== undefined) out.push({ key, start, end });
  }
  return out;
}

function elementOf(unit: UnitModel, f: Finding, blocks: { key: string; start: number; end: number }[]): ElementName | undefined {
  if (!BY_PLACE.has(f.rule)) return RULE_ELEMENT[f.rule];
  const at = f.span.start;
  const block = blocks.find((b) => b.start <= at && at <= b.end);
  const element = block ? BLOCK_ELEMENT[block.key] : undefined;
  if (element !== 'execution logic') return element;
  // Who does the work is structure, wherever it is written.
  const within = (s: Span | undefined) => !!s && s.start <= at && at < Math.max(s.end, s.start + 1);
  for (const s of unit.steps?.items ?? []) if (s.performers.some((p) => within(p.span)) || within(s.accountable?.span)) return 'execution structure';
  for (const ex of unit.exceptions) if (within(ex.owner?.span)) return 'execution structure';
  return element;
}
