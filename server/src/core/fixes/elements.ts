/**
 * Scaffolds for a missing element or a missing part of one (spec: "Where an
 * element is missing"): written where a reader expects them, in the file's
 * own indentation, with placeholders the author tabs through.
 */
import { placeholder } from '../model/placeholders';
import { actorReferences, stepMode } from '../model/queries';
import type { UnitModel } from '../model/types';
import { humanOwner, humans, needsHuman, type FixBuilder } from './common';
import { choice, ph } from './snippet';
import { mapValue, pairIn, rootMap, sc, setTopLevel, upsertKey, yamlString, type YMap, type YVal } from './yamlEdit';

const KINDS = ['human', 'ai-agent', 'automation'];
const CADENCES = ['weekly', 'daily', 'biweekly', 'monthly', 'quarterly'];

/**
 * A number the author must supply: never a made-up figure, but a `<…>`
 * placeholder (spec 1.1) — a tab stop in a snippet, and in plain text
 * (fix-all, the CLI) a value the `placeholder` rule keeps reporting until a
 * person writes the real one.
 */
export function numberToFill(key: 'baseline' | 'target'): YVal {
  return sc(ph(placeholder(key === 'baseline' ? 'the value before the change' : 'the value to reach')));
}

export function coreMetrics(): YMap[] {
  return [
    { map: [['id', sc('cycle-time')], ['kind', sc('cycle-time')], ['unit', sc(ph('hours'))], ['baseline', numberToFill('baseline')], ['target', numberToFill('target')]] },
    { map: [['id', sc('exception-rate')], ['kind', sc('exception-rate')], ['unit', sc('percent')], ['baseline', numberToFill('baseline')], ['target', numberToFill('target')]] },
  ];
}

/**
 * Who owns the review: the unit's owner when it is a declared human (a safe
 * choice), else a choice of the declared humans; with no actors declared at
 * all, the owner's name as written (nothing can be checked yet).
 */
function reviewOwner(unit: UnitModel): { value: string; safe: boolean } | undefined {
  const owner = humanOwner(unit);
  if (owner) return { value: yamlString(owner), safe: true };
  const people = humans(unit).map((a) => yamlString(a.id));
  if (people.length > 0) return { value: choice(people), safe: false };
  if (unit.actors.size === 0) return { value: unit.owner ? yamlString(unit.owner.name) : ph(placeholder('who reviews the metrics')), safe: false };
  return undefined;
}

function review(unit: UnitModel): { value: YMap; safe: boolean } | undefined {
  const owner = reviewOwner(unit);
  if (!owner) return undefined;
  return { value: { map: [['cadence', sc(choice(CADENCES))], ['owner', sc(owner.value)]] }, safe: owner.safe };
}

const learningMap = (unit: UnitModel) => mapValue(pairIn(rootMap(unit), 'learning'));

export const missingOutcome: FixBuilder = ({ unit, finding, w }) => {
  const statement = sc(ph(placeholder('business result, with its time bound')));
  if (finding.data?.element === 'outcome.statement') {
    const outcome = mapValue(pairIn(rootMap(unit), 'outcome'));
    const edits = outcome && upsertKey(w, outcome, 'statement', statement, []);
    return edits ? [{ title: 'Add an outcome `statement`', edits }] : [];
  }
  const ids = (unit.learning?.metrics?.items ?? []).filter((m) => m.id !== undefined);
  const core = [...ids.filter((m) => m.kind === 'cycle-time' || m.kind === 'exception-rate'), ...ids.filter((m) => m.kind !== 'cycle-time' && m.kind !== 'exception-rate')];
  // An existing metric to pick, or an empty tab stop inside the brackets.
  const measuredBy: YVal = { seq: [sc(core.length > 0 ? choice(core.map((m) => yamlString(m.id!))) : ph(''))], flow: true };
  const outcome: YMap = { map: [['statement', statement], ['doneWhen', sc(ph(placeholder('the observable condition that means done')))], ['measuredBy', measuredBy]] };
  const edits = setTopLevel(w, 'outcome', outcome);
  return edits ? [{ title: 'Add an `outcome` (statement, doneWhen, measuredBy)', edits }] : [];
};

export const missingExecutionStructure: FixBuilder = ({ unit, w }) => {
  const named = new Map<string, boolean>();
  for (const { ref, role } of actorReferences(unit)) named.set(ref.name, (named.get(ref.name) ?? false) || needsHuman(role));
  const entries: [string, YVal][] = [];
  // An accountable or owner can only be a person; everyone else is the author's call.
  for (const [name, human] of named) entries.push([yamlString(name), { map: [['kind', sc(human ? 'human' : choice(KINDS))]], flow: true }]);
  if (entries.length === 0) entries.push([ph('unit-owner'), { map: [['kind', sc('human')]], flow: true }]);
  const edits = setTopLevel(w, 'actors', { map: entries });
  const title = named.size > 0 ? `Declare \`actors\` (${[...named.keys()].map((n) => `\`${n}\``).join(', ')})` : 'Declare `actors` (the unit owner)';
  return edits ? [{ title, edits }] : [];
};

/** Who performs a scaffolded step: the owner or another person first. */
function performerChoice(unit: UnitModel): string {
  const ids = [...unit.actors.keys()];
  if (ids.length === 0) return unit.owner ? yamlString(unit.owner.name) : ph(placeholder('who does it'));
  const owner = humanOwner(unit);
  const order = [...(owner ? [owner] : []), ...humans(unit).map((a) => a.id), ...ids];
  return choice([...new Set(order)].map(yamlString));
}

export const missingExecutionLogic: FixBuilder = ({ unit, w }) => {
  // Steps the exception rules already name become the scaffold's steps, so their references resolve.
  const named: string[] = [];
  for (const ex of unit.exceptions) for (const r of [...ex.at, ...(ex.then ? [ex.then] : [])]) if (r.name !== 'end' && !named.includes(r.name)) named.push(r.name);
  const ids = named.length > 0 ? named.map(yamlString) : [ph('first-step')];
  const items: YMap[] = ids.map((id) => ({ map: [['id', sc(id)], ['name', sc(ph(placeholder('what happens in this step')))], ['performer', sc(performerChoice(unit))]] }));
  const edits = setTopLevel(w, 'steps', { seq: items });
  const title = named.length > 0 ? `Add \`steps\` (${named.map((n) => `\`${n}\``).join(', ')})` : 'Add `steps` with a first step';
  return edits ? [{ title, edits }] : [];
};

export const missingLearningLoop: FixBuilder = ({ unit, w }) => {
  const r = review(unit);
  const value: YMap = { map: [['metrics', { seq: coreMetrics() }]] };
  if (r) value.map.push(['review', r.value]);
  const edits = setTopLevel(w, 'learning', value);
  return edits ? [{ title: 'Add a learning loop (cycle time, exception rate, review)', edits, preferred: !!r?.safe }] : [];
};

export const learningWithoutMetrics: FixBuilder = ({ unit, w }) => {
  const learning = learningMap(unit);
  const edits = learning && upsertKey(w, learning, 'metrics', { seq: coreMetrics() }, []);
  return edits ? [{ title: 'Add the core metrics (cycle time, exception rate)', edits }] : [];
};

export const reviewWithoutOwner: FixBuilder = ({ unit, finding, w }) => {
  const learning = learningMap(unit);
  if (!learning) return [];
  if (finding.data?.block === 'review') {
    const owner = reviewOwner(unit);
    const map = mapValue(pairIn(learning, 'review'));
    const edits = owner && map && upsertKey(w, map, 'owner', sc(owner.value), ['cadence']);
    return edits ? [{ title: owner!.safe ? `Add review owner \`${unit.owner!.name}\`` : 'Add a review owner', edits, preferred: owner!.safe }] : [];
  }
  const r = review(unit);
  const edits = r && upsertKey(w, learning, 'review', r.value, ['metrics']);
  return edits ? [{ title: r!.safe ? `Add a review owned by \`${unit.owner!.name}\`` : 'Add a review', edits, preferred: r!.safe }] : [];
};

export const noExceptionRules: FixBuilder = ({ unit, w }) => {
  const machine = (unit.steps?.items ?? []).find((s) => s.id !== undefined && stepMode(unit, s) === 'machine');
  const owner = unit.owner && unit.actors.has(unit.owner.name) ? unit.owner.name : undefined;
  const candidates = [...new Set([...(owner ? [owner] : []), ...humans(unit).map((a) => a.id), ...unit.actors.keys()])];
  const rule: YMap = { map: [['id', sc(ph('needs-a-person'))], ['when', sc(ph(placeholder('what sends the case to a person')))]] };
  if (machine) rule.map.push(['at', sc(yamlString(machine.id!))]);
  if (candidates.length > 0) rule.map.push(['owner', sc(choice(candidates.map(yamlString)))]);
  const edits = setTopLevel(w, 'exceptions', { seq: [rule] });
  return edits ? [{ title: machine ? `Add an exception rule at \`${machine.id}\`` : 'Add an exception rule', edits }] : [];
};

export function elementBuilders(): Record<string, FixBuilder> {
  return {
    'missing-outcome': missingOutcome,
    'missing-execution-structure': missingExecutionStructure,
    'missing-execution-logic': missingExecutionLogic,
    'missing-learning-loop': missingLearningLoop,
    'learning-without-metrics': learningWithoutMetrics,
    'review-without-owner': reviewWithoutOwner,
    'no-exception-rules': noExceptionRules,
  };
}
