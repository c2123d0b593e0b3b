/**
 * Phase 0: the unit model as the graph the layout draws — steps with what the
 * diagram shows of them, and edges. No geometry here.
 *
 * Edges are the model's flow and exception edges, deduplicated (`next: [a, a]`
 * is one edge), plus what the model leaves out because it leads nowhere: a
 * `next` or `then` naming an unknown step becomes a dangling edge to that name,
 * so the drawing shows the broken reference instead of a flow that ends. A step
 * whose written `next` names only unknown steps falls through in the model (so
 * one typo does not make every later step unreachable); the drawing shows what
 * was written instead — the dangling edges, no fall-through.
 */
import { stepMode } from '../model/queries';
import type { Step, StepMode, UnitModel } from '../model/types';
import type { Finding } from '../rules/types';
import { edgeCrosses, exceptionKey, stepKey } from './boundary';
import type { DiagramFinding, StepFigures } from './types';

export interface GraphStep {
  key: string;
  index: number;
  label: string;
  mode: StepMode;
  isDecision: boolean;
  question?: string;
  duration?: string;
  /** The step's figures from its log, where measured (layoutDiagram's `figures`). */
  figures?: StepFigures;
  performers: string[];
  accountable?: { actor: string } | { missing: true };
  findings: DiagramFinding[];
  source: { start: number; end: number };
}

export type EdgeTarget = number | 'end' | { unknown: string };

export interface GraphEdge {
  from: number;
  to: EdgeTarget;
  kind: 'next' | 'fall-through' | 'exception';
  /** A branch's label (a decision's `next` map key), where the format gives one. */
  label?: string;
  exception?: { id: string; when?: string; owner?: string };
  crossing: boolean;
}

export interface LayoutGraph {
  steps: GraphStep[];
  edges: GraphEdge[];
}

export function graphOf(unit: UnitModel, findings: readonly Finding[]): LayoutGraph {
  const steps = unit.steps?.items ?? [];
  const modes = steps.map((s) => stepMode(unit, s));
  const graphSteps = steps.map((s, i): GraphStep => {
    const g: GraphStep = {
      key: stepKey(s),
      index: i,
      label: s.name ?? s.id ?? `Step ${i + 1}`,
      mode: modes[i]!,
      isDecision: s.isDecision,
      performers: [...new Set(s.performers.map((r) => r.name))],
      findings: findings
        .filter((f) => f.severity !== 'hint' && f.span.start >= s.span.start && f.span.end <= s.span.end)
        .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message })),
      source: { start: s.span.start, end: s.span.end },
    };
    if (s.question !== undefined) g.question = s.question;
    if (s.expectedDuration !== undefined) g.duration = s.expectedDuration;
    const acc = accountableOf(unit, s, modes[i]!);
    if (acc) g.accountable = acc;
    return g;
  });

  const ids = new Set(steps.flatMap((s) => (s.id === undefined ? [] : [s.id])));
  const unknownNext = (s: Step) => (s.next ?? []).filter((r) => r.name !== 'end' && !ids.has(r.name));
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  const add = (e: GraphEdge) => {
    const to = typeof e.to === 'object' ? `?${e.to.unknown}` : String(e.to);
    const key = `${e.from}>${to}|${e.kind}|${e.exception?.id ?? ''}`;
    if (seen.has(key) || e.from >= steps.length || (typeof e.to === 'number' && e.to >= steps.length)) return;
    seen.add(key);
    edges.push(e);
  };
  for (const e of unit.edges) {
    const from = steps[e.from];
    if (!from) continue;
    // What was written leads nowhere known: draw that (below), not the model's fall-through.
    if (e.kind === 'fall-through' && (from.next?.length ?? 0) > 0 && unknownNext(from).length === from.next!.length) continue;
    const edge: GraphEdge = { from: e.from, to: e.to, kind: e.kind, crossing: edgeCrosses(e, modes) };
    const label = branchLabel(e);
    if (label !== undefined) edge.label = label;
    const rule = e.kind === 'exception' && e.exception !== undefined ? unit.exceptions[e.exception] : undefined;
    if (rule) edge.exception = exceptionOf(rule);
    add(edge);
  }
  for (const s of steps) for (const r of unknownNext(s)) add({ from: s.index, to: { unknown: r.name }, kind: 'next', crossing: false });
  for (const rule of unit.exceptions) {
    if (!rule.then || rule.then.name === 'end' || ids.has(rule.then.name)) continue;
    for (const at of rule.at) {
      const from = steps.find((s) => s.id === at.name);
      if (from) add({ from: from.index, to: { unknown: rule.then.name }, kind: 'exception', crossing: false, exception: exceptionOf(rule) });
    }
  }
  return { steps: graphSteps, edges };
}

/** The label of a branch, from a `next` map (format 1.1); plain `next` lists carry none. */
function branchLabel(e: UnitModel['edges'][number]): string | undefined {
  const labelled = e as { label?: unknown };
  return typeof labelled.label === 'string' ? labelled.label : undefined;
}

function exceptionOf(rule: UnitModel['exceptions'][number]): NonNullable<GraphEdge['exception']> {
  const ex: NonNullable<GraphEdge['exception']> = { id: exceptionKey(rule) };
  if (rule.when !== undefined) ex.when = rule.when;
  if (rule.owner !== undefined) ex.owner = rule.owner.name;
  return ex;
}

/**
 * The accountable human of a machine or hybrid step, or a gap. A gap is shown
 * where the spec's rules want a human and there is none — the step has an
 * AI-agent performer, or it decides and no person performs it — and wherever
 * `accountable` names something that is not a declared human. An
 * automation-only step that decides nothing (and a hybrid step without an AI
 * agent) needs no one named: automations follow fixed rules. So every drawn
 * gap matches a finding of `machine-step-without-accountable`,
 * `decision-without-human`, `accountable-not-human` or `unknown-actor`.
 */
function accountableOf(unit: UnitModel, step: Step, mode: StepMode): { actor: string } | { missing: true } | undefined {
  if (mode !== 'machine' && mode !== 'hybrid') return undefined;
  const named = step.accountable?.name;
  if (named !== undefined) return unit.actors.get(named)?.kind === 'human' ? { actor: named } : { missing: true };
  const kinds = step.performers.map((p) => unit.actors.get(p.name)?.kind);
  const needs = kinds.includes('ai-agent') || (step.isDecision && !kinds.includes('human'));
  return needs ? { missing: true } : undefined;
}
