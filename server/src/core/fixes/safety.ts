/**
 * Is a rename safe enough to be preferred (applied by "fix all" unasked)?
 * Safe means: on its own it adds no finding. Decided from the model, not by
 * re-analysing the edited text (that costs a full analysis per fix, which a
 * fix-all over a large unit cannot afford); the acceptance tests check the
 * prediction on every fixture.
 */
import { STRING_KEYS } from '../format/description';
import { isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { makesOrFeedsDecision, performerSummary, reachableSteps, stepIds, stepMode } from '../model/queries';
import type { ActorKind, Step, UnitModel } from '../model/types';
import { resolve } from '../model/yamlAccess';
import { readsAsActivity, statesNumberOrTimeBound } from '../rules/wording';
import type { Span } from '../text/span';
import { mapValue, pairIn, rootMap } from './yamlEdit';

/**
 * Does making `step` performed also by actors of `kinds` add a finding?
 * An AI agent where no one is accountable (`machine-step-without-accountable`),
 * or a first all-machine step in a unit without exception rules
 * (`no-exception-rules`). `others` are the performers that stay.
 */
export function performerAddsFinding(unit: UnitModel, step: Step | undefined, kinds: (ActorKind | undefined)[], others: Step['performers'] = []): boolean {
  if (kinds.some((k) => k === undefined)) return false;
  if (kinds.includes('ai-agent') && !step?.accountable) return true;
  // A machine at a step that makes or feeds a decision needs a human accountable (1.1).
  if (step && !step.accountable && kinds.some((k) => k !== 'human') && makesOrFeedsDecision(unit, step)) return true;
  const machine = kinds.every((k) => k !== 'human');
  if (!machine || unit.exceptions.length > 0 || unit.malformed.has('exceptions')) return false;
  const rest = step ? performerSummary(unit, { ...step, performers: others }) : undefined;
  if (rest?.human || rest?.unknown) return false;
  // The rule fires already when another step is a machine step.
  return !(unit.steps?.items ?? []).some((s) => s !== step && stepMode(unit, s) === 'machine');
}

/** How many steps are reachable from the first when `step`'s fall-through is replaced by an edge to `to`. */
function reachableWith(unit: UnitModel, step: Step, to: number): number {
  const out = new Map<number, number[]>([[step.index, [to]]]);
  for (const e of unit.edges) {
    if (e.to === 'end' || (e.from === step.index && e.kind === 'fall-through')) continue;
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  }
  const seen = new Set([0]);
  const queue = [0];
  while (queue.length > 0) {
    for (const j of out.get(queue.pop()!) ?? []) {
      if (seen.has(j)) continue;
      seen.add(j);
      queue.push(j);
    }
  }
  return seen.size;
}

/**
 * Pointing an unknown `next` reference at `target`: a step that had only
 * unknown names fell through to the step after it; now it goes to `target`,
 * which may leave steps unreachable.
 */
export function nextRenameLosesSteps(unit: UnitModel, ref: Span, target: string): boolean {
  const step = unit.steps?.items.find((s) => s.next?.some((r) => r.span.start === ref.start));
  if (!step) return false;
  if (unit.edges.some((e) => e.from === step.index && e.kind === 'next')) return false;
  const to = unit.steps!.items.find((s) => s.id === target)?.index;
  if (to === undefined) return false;
  return reachableWith(unit, step, to) < reachableSteps(unit).size;
}


function names(unit: UnitModel, node: unknown): string[] | undefined {
  const v = resolve(unit.doc, node as Node);
  const one = (n: unknown): string | undefined => {
    const r = resolve(unit.doc, n as Node);
    return isScalar(r) && (typeof r.value === 'string' || typeof r.value === 'number') && String(r.value) !== '' ? String(r.value) : undefined;
  };
  if (isSeq(v)) {
    const out = v.items.map(one);
    return out.length > 0 && out.every((x) => x !== undefined) ? (out as string[]) : undefined;
  }
  const single = one(v);
  return single === undefined ? undefined : [single];
}

/**
 * Renaming a misspelt key makes its value count. Safe when that value then
 * raises nothing: a text where text is due, references that resolve to the
 * right kind of thing, a statement that reads as a measurable result.
 * Anything else (enums, numbers, ids, flow targets) is offered, not preferred.
 */
export function keyRenameIsSafe(unit: UnitModel, map: YAMLMap, pair: Pair<unknown, unknown>, key: string): boolean {
  const value = resolve(unit.doc, pair.value as Node);
  if (STRING_KEYS.has(key)) return isScalar(value) && typeof value.value === 'string' && value.value !== '';
  const root = rootMap(unit);
  const step = unit.steps?.items.find((s) => map.range && s.span.start === map.range[0]);
  const exception = unit.exceptions.find((e) => map.range && e.span.start === map.range[0]);
  const review = mapValue(pairIn(mapValue(pairIn(root, 'learning')), 'review'));
  const outcome = mapValue(pairIn(root, 'outcome'));
  const written = names(unit, pair.value);
  const kindOf = (n: string) => unit.actors.get(n)?.kind;
  const declared = (n: string) => unit.actors.has(n);
  if (key === 'statement' && map === outcome) {
    if (!isScalar(value) || typeof value.value !== 'string' || value.value === '') return false;
    const measured = (unit.outcome?.measuredBy.length ?? 0) > 0 || !!unit.outcome?.within || statesNumberOrTimeBound(value.value);
    return !readsAsActivity(value.value) && measured;
  }
  if (!written || unit.actors.size === 0) return false;
  if (key === 'performer' && step) {
    if (!written.every(declared)) return false;
    return !performerAddsFinding(unit, step, written.map(kindOf), step.performers);
  }
  if (key === 'accountable' && step) return written.length === 1 && kindOf(written[0]) === 'human';
  if (key === 'owner' && exception) return written.length === 1 && declared(written[0]);
  if (key === 'owner' && (map === review || map === root)) return written.length === 1 && kindOf(written[0]) === 'human';
  const steps = stepIds(unit);
  if (key === 'at' && exception) return written.every((n) => steps.has(n));
  if (key === 'then' && exception) return written.length === 1 && (steps.has(written[0]) || written[0] === 'end');
  if (key === 'measuredBy' && map === outcome) {
    const metrics = new Set((unit.learning?.metrics?.items ?? []).map((m) => m.id));
    return written.every((n) => metrics.has(n));
  }
  return false;
}

