/**
 * Questions the rules, the features and the diagram ask of a model. Derived
 * on demand from the model, never stored in it, so nothing goes stale.
 */
import { HUMAN_ONLY_PATHS } from '../format/description';
import type { Actor, Ref, Step, StepMode, UnitModel } from './types';

export function isMachineKind(kind: Actor['kind']): boolean {
  return kind === 'ai-agent' || kind === 'automation';
}

/** The declared actor a reference names, if any. */
export function actorOf(unit: UnitModel, ref: Ref | undefined): Actor | undefined {
  return ref ? unit.actors.get(ref.name) : undefined;
}

export interface PerformerSummary {
  human: boolean;
  aiAgent: boolean;
  automation: boolean;
  /** A performer is undeclared or has no valid kind: rules that need kinds stay quiet. */
  unknown: boolean;
}

export function performerSummary(unit: UnitModel, step: Step): PerformerSummary {
  const s: PerformerSummary = { human: false, aiAgent: false, automation: false, unknown: false };
  for (const p of step.performers) {
    const kind = unit.actors.get(p.name)?.kind;
    if (kind === 'human') s.human = true;
    else if (kind === 'ai-agent') s.aiAgent = true;
    else if (kind === 'automation') s.automation = true;
    else s.unknown = true;
  }
  return s;
}

/** The spec's mode: all human = human; all machine = machine; both = hybrid; none = unassigned. */
export function stepMode(unit: UnitModel, step: Step): StepMode {
  if (step.performers.length === 0) return 'unassigned';
  const s = performerSummary(unit, step);
  if (s.unknown) return 'unknown';
  const machine = s.aiAgent || s.automation;
  if (s.human && machine) return 'hybrid';
  return s.human ? 'human' : 'machine';
}

export function stepIds(unit: UnitModel): Set<string> {
  const ids = new Set<string>();
  for (const s of unit.steps?.items ?? []) if (s.id !== undefined) ids.add(s.id);
  return ids;
}

/** Step indexes reachable from the first step along flow and exception edges. */
export function reachableSteps(unit: UnitModel): Set<number> {
  const steps = unit.steps?.items ?? [];
  const seen = new Set<number>();
  if (steps.length === 0) return seen;
  const out = new Map<number, number[]>();
  for (const e of unit.edges) {
    if (e.to === 'end') continue;
    const list = out.get(e.from) ?? [];
    list.push(e.to);
    out.set(e.from, list);
  }
  const queue = [0];
  seen.add(0);
  while (queue.length > 0) {
    const i = queue.pop()!;
    for (const j of out.get(i) ?? []) {
      if (!seen.has(j)) {
        seen.add(j);
        queue.push(j);
      }
    }
  }
  return seen;
}

export type ActorRole = 'performer' | 'accountable' | 'owner' | 'exception-owner' | 'review-owner';

/** Where each kind of actor reference stands in the format's description. */
const ROLE_PATH: Record<ActorRole, string> = {
  owner: 'owner',
  performer: 'steps.*.performer',
  accountable: 'steps.*.accountable',
  'exception-owner': 'exceptions.*.owner',
  'review-owner': 'learning.review.owner',
};

/** References where only a person will do (`accountable-not-human` otherwise), as the description marks them. */
export function roleNeedsHuman(role: unknown): boolean {
  return typeof role === 'string' && role in ROLE_PATH && HUMAN_ONLY_PATHS.includes(ROLE_PATH[role as ActorRole]);
}

/** Every reference to an actor in the unit, with what kind of reference it is. */
export function actorReferences(unit: UnitModel): { ref: Ref; role: ActorRole }[] {
  const out: { ref: Ref; role: ActorRole }[] = [];
  if (unit.owner) out.push({ ref: unit.owner, role: 'owner' });
  for (const s of unit.steps?.items ?? []) {
    for (const p of s.performers) out.push({ ref: p, role: 'performer' });
    if (s.accountable) out.push({ ref: s.accountable, role: 'accountable' });
  }
  for (const ex of unit.exceptions) if (ex.owner) out.push({ ref: ex.owner, role: 'exception-owner' });
  const review = unit.learning?.review;
  if (review?.owner) out.push({ ref: review.owner, role: 'review-owner' });
  return out;
}

/** The decision step that `step`'s `next` (or falling through) leads straight into, if any: the step feeds it. */
export function decisionFed(unit: UnitModel, step: Step): Step | undefined {
  const steps = unit.steps?.items ?? [];
  for (const e of unit.edges) {
    if (e.from !== step.index || e.kind === 'exception' || e.to === 'end') continue;
    if (steps[e.to]?.isDecision) return steps[e.to];
  }
  return undefined;
}

/** The step is a decision, or feeds one (the boundary rule of 1.1). */
export function makesOrFeedsDecision(unit: UnitModel, step: Step): boolean {
  return step.isDecision || decisionFed(unit, step) !== undefined;
}
