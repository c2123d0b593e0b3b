/**
 * What an actor, a step, a metric or an exception rule is, in a few lines of
 * Markdown: what a reference points at, and what a declaration declares.
 */
import { stepMode } from '../model/queries';
import type { Actor, ExceptionRule, Metric, Ref, Step, StepMode, UnitModel } from '../model/types';
import { actorKindLabel } from '../navigation/symbols';
// Ids from the file as code spans, free text from the file as escaped text: the one Markdown helper.
import { mdCode as code, mdText as plain } from '../text/markdown';

const MODE_NOTES: Record<StepMode, string> = {
  human: 'people only',
  machine: 'machines only',
  hybrid: 'a human and a machine share the step: the human–machine boundary runs inside it',
  unassigned: 'no performer yet',
  unknown: 'a performer is not declared, so its kind is not known',
};


export function stepLabel(step: Step): string {
  return step.id !== undefined ? code(step.id) : `step ${step.index + 1}`;
}

/** `analyst` (human) — an actor reference with the kind of what it names. */
function actorRefLabel(unit: UnitModel, ref: Ref): string {
  const a = unit.actors.get(ref.name);
  return a ? `${code(ref.name)} (${actorKindLabel(a.kind)})` : `${code(ref.name)} (not declared)`;
}

function list(items: string[], none: string): string {
  return items.length > 0 ? items.join(', ') : none;
}

export function actorSummary(unit: UnitModel, actor: Actor): string {
  const steps = unit.steps?.items ?? [];
  const performs = steps.filter((s) => s.performers.some((p) => p.name === actor.id));
  const accountable = steps.filter((s) => s.accountable?.name === actor.id);
  const owns: string[] = [];
  if (unit.owner?.name === actor.id) owns.push('the unit');
  for (const ex of unit.exceptions) if (ex.owner?.name === actor.id) owns.push(`exception ${ex.id !== undefined ? code(ex.id) : ex.index + 1}`);
  if (unit.learning?.review?.owner?.name === actor.id) owns.push('the learning review');

  const lines = [`### Actor ${code(actor.id)}`, '', `- kind: **${actorKindLabel(actor.kind)}**`];
  if (actor.role) lines.push(`- role: ${plain(actor.role)}`);
  if (actor.model) lines.push(`- model: ${plain(actor.model)}`);
  if (actor.system) lines.push(`- system: ${plain(actor.system)}`);
  lines.push(`- performs: ${list(performs.map((s) => withName(s)), 'no step')}`);
  lines.push(`- accountable at: ${list(accountable.map(stepLabel), 'no step')}`);
  if (owns.length > 0) lines.push(`- owns: ${owns.join(', ')}`);
  return lines.join('\n');
}

function withName(step: Step): string {
  return step.name ? `${stepLabel(step)} (${plain(step.name)})` : stepLabel(step);
}

export function stepSummary(unit: UnitModel, step: Step): string {
  const mode = stepMode(unit, step);
  const lines = [`### Step ${stepLabel(step)}`];
  if (step.name) lines.push('', plain(step.name));
  lines.push('', `- mode: **${mode}** — ${MODE_NOTES[mode]}`);
  lines.push(`- performed by: ${list(step.performers.map((p) => actorRefLabel(unit, p)), 'no one')}`);
  lines.push(`- accountable: ${step.accountable ? actorRefLabel(unit, step.accountable) : 'no one'}`);
  if (!step.isDecision) lines.push('- decision point: no');
  else lines.push(step.question ? `- decision point: yes — ${plain(step.question)}` : '- decision point: yes');
  const steps = unit.steps?.items ?? [];
  const next = unit.edges
    .filter((e) => e.from === step.index && e.kind !== 'exception')
    .map((e) => (e.to === 'end' ? 'end' : stepLabel(steps[e.to])));
  if (next.length > 0) lines.push(`- next: ${next.join(', ')}`);
  if (step.expectedDuration) lines.push(`- expected duration: ${plain(step.expectedDuration)}`);
  const exceptions = step.id !== undefined ? unit.exceptions.filter((ex) => ex.at.some((r) => r.name === step.id)) : [];
  if (exceptions.length > 0) lines.push(`- exceptions here: ${exceptions.map((ex) => (ex.id !== undefined ? code(ex.id) : `exception ${ex.index + 1}`)).join(', ')}`);
  return lines.join('\n');
}

export function metricSummary(unit: UnitModel, metric: Metric): string {
  const lines = [`### Metric ${metric.id !== undefined ? code(metric.id) : `metric ${metric.index + 1}`}`, ''];
  lines.push(`- kind: ${metric.kind !== undefined ? plain(metric.kind) : 'not set'}`);
  lines.push(`- unit: ${metric.unit !== undefined ? plain(metric.unit) : 'not set'}`);
  const baseline = metric.hasBaseline ? String(metric.baseline ?? '?') : 'no baseline';
  const target = metric.hasTarget ? String(metric.target ?? '?') : 'no target';
  lines.push(`- baseline → target: ${baseline} → ${target}${metric.unit ? ` ${plain(metric.unit)}` : ''}`);
  if (metric.id !== undefined && unit.outcome?.measuredBy.some((r) => r.name === metric.id)) lines.push('- measures the outcome (`outcome.measuredBy`)');
  return lines.join('\n');
}

export function exceptionSummary(unit: UnitModel, ex: ExceptionRule): string {
  const lines = [`### Exception rule ${ex.id !== undefined ? code(ex.id) : `exception ${ex.index + 1}`}`];
  if (ex.when) lines.push('', `When: ${plain(ex.when)}`);
  lines.push('', `- at: ${list(ex.at.map((r) => code(r.name)), 'no step')}`);
  lines.push(`- owner: ${ex.owner ? actorRefLabel(unit, ex.owner) : 'no one'}`);
  lines.push(`- then: ${ex.then ? (ex.then.name === 'end' ? 'end' : code(ex.then.name)) : 'not set'}`);
  return lines.join('\n');
}
