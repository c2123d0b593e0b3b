/**
 * The human–machine boundary of a unit, as the spec defines it (docs/format.md,
 * "The human–machine boundary"):
 *
 * - a **crossing** is a flow edge (`next`, or falling through to the next
 *   step) or an exception route (`at` → `then`) whose two steps have different
 *   modes: human ↔ machine, and into or out of a hybrid step. Edges to `end`
 *   never cross. A step that is `unassigned` (no performer) or `unknown` (an
 *   undeclared performer, or one without a valid kind) stands on neither side
 *   of the boundary yet, so an edge touching it is not claimed as a crossing:
 *   the missing performer is reported by its own rule instead.
 * - a **hand-off** is an exception rule at a machine or hybrid step whose
 *   `owner` is a human actor: the case leaves the machine for a person. A rule
 *   that fires at several such steps is one hand-off at each of them.
 */
import { stepMode } from '../model/queries';
import type { Edge, ExceptionRule, Step, StepMode, UnitModel } from '../model/types';
import type { DiagramCrossing, DiagramHandoff } from './types';

/** How the diagram names a step: its id, or `#<index+1>` for a step without one. */
export function stepKey(step: Pick<Step, 'id' | 'index'>): string {
  return step.id ?? `#${step.index + 1}`;
}

/** How the diagram names an exception rule: its id, or `#<index+1>` for a rule without one. */
export function exceptionKey(rule: Pick<ExceptionRule, 'id' | 'index'>): string {
  return rule.id ?? `#${rule.index + 1}`;
}

const SIDED: ReadonlySet<StepMode> = new Set<StepMode>(['human', 'machine', 'hybrid']);

/** Two modes on different sides of the boundary (or one of them holding it: hybrid). */
export function modesCross(a: StepMode, b: StepMode): boolean {
  return SIDED.has(a) && SIDED.has(b) && a !== b;
}

/** Whether a model edge crosses the boundary; `modes` are the steps' modes by index. */
export function edgeCrosses(edge: Edge, modes: readonly StepMode[]): boolean {
  if (edge.to === 'end') return false;
  const a = modes[edge.from];
  const b = modes[edge.to];
  return a !== undefined && b !== undefined && modesCross(a, b);
}

export interface Boundary {
  crossings: DiagramCrossing[];
  handoffs: DiagramHandoff[];
}

/** Crossings (flow edges first, then exception routes, in source order) and hand-offs (in rule order). */
export function crossingsAndHandoffs(unit: UnitModel): Boundary {
  const steps = unit.steps?.items ?? [];
  const modes = steps.map((s) => stepMode(unit, s));
  const crossings: DiagramCrossing[] = [];
  const seen = new Set<string>();
  const ordered = [...unit.edges.filter((e) => e.kind !== 'exception'), ...unit.edges.filter((e) => e.kind === 'exception')];
  for (const e of ordered) {
    if (e.to === 'end' || !edgeCrosses(e, modes)) continue;
    const from = stepKey(steps[e.from]!);
    const to = stepKey(steps[e.to]!);
    const rule = e.kind === 'exception' && e.exception !== undefined ? unit.exceptions[e.exception] : undefined;
    const c: DiagramCrossing = rule ? { from, to, via: 'exception', exception: exceptionKey(rule) } : { from, to, via: 'flow' };
    // `next: [a, a]` is one crossing, not two.
    const key = `${e.from}>${e.to}|${c.via}|${e.exception ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    crossings.push(c);
  }

  const byId = new Map<string, Step>();
  for (const s of steps) if (s.id !== undefined && !byId.has(s.id)) byId.set(s.id, s);
  const handoffs: DiagramHandoff[] = [];
  for (const rule of unit.exceptions) {
    const owner = rule.owner?.name;
    if (owner === undefined || unit.actors.get(owner)?.kind !== 'human') continue;
    const done = new Set<number>();
    for (const at of rule.at) {
      const step = byId.get(at.name);
      if (!step || done.has(step.index)) continue;
      const mode = modes[step.index];
      if (mode !== 'machine' && mode !== 'hybrid') continue;
      done.add(step.index);
      handoffs.push({ exception: exceptionKey(rule), at: stepKey(step), owner });
    }
  }
  return { crossings, handoffs };
}
