/**
 * Naming who does or owns something: a performer for a step, a human
 * accountable, an exception owner, a human in place of a machine. One fix per
 * candidate: which actor is right is the author's call, so none is preferred.
 */
import { BLOCKS, keyOrder } from '../format/description';
import { humans, kindLabel, replace, type FixBuilder } from './common';
import { sc, upsertKey, writtenMap, yamlString } from './yamlEdit';

/** The spec's key order inside a step, an exception rule and a metric (from the format's description). */
export const STEP_KEYS = keyOrder(BLOCKS.STEP);
export const EXCEPTION_KEYS = keyOrder(BLOCKS.EXCEPTION);
export const METRIC_KEYS = keyOrder(BLOCKS.METRIC);

/** The keys that come before `key` in `order`. */
export const before = (order: string[], key: string) => order.slice(0, order.indexOf(key));

export const stepWithoutOwner: FixBuilder = ({ unit, finding, w }) => {
  const step = unit.steps?.items[finding.data?.step as number];
  const map = step && writtenMap(unit, step.span);
  if (!map) return [];
  const out = [];
  for (const actor of unit.actors.values()) {
    const edits = upsertKey(w, map, 'performer', sc(yamlString(actor.id)), before(STEP_KEYS, 'performer'));
    if (edits) out.push({ title: `Assign performer \`${actor.id}\` (${kindLabel(actor.kind)})`, edits });
  }
  return out;
};

/** `machine-step-without-accountable` and `decision-without-human`: a human accountable. */
export const addAccountable: FixBuilder = ({ unit, finding, w }) => {
  const step = unit.steps?.items[finding.data?.step as number];
  const map = step && writtenMap(unit, step.span);
  if (!map) return [];
  const out = [];
  for (const person of humans(unit)) {
    const edits = upsertKey(w, map, 'accountable', sc(yamlString(person.id)), before(STEP_KEYS, 'accountable'));
    if (edits) out.push({ title: `Make \`${person.id}\` accountable`, edits });
  }
  return out;
};

export const exceptionWithoutOwner: FixBuilder = ({ unit, finding, w }) => {
  const ex = unit.exceptions[finding.data?.exception as number];
  const map = ex && writtenMap(unit, ex.span);
  if (!map) return [];
  const out = [];
  for (const person of humans(unit)) {
    const edits = upsertKey(w, map, 'owner', sc(yamlString(person.id)), before(EXCEPTION_KEYS, 'owner'));
    if (edits) out.push({ title: `Make \`${person.id}\` the owner`, edits });
  }
  return out;
};

export const accountableNotHuman: FixBuilder = ({ unit, finding }) =>
  humans(unit).map((person) => ({ title: `Change to \`${person.id}\` (human)`, edits: [replace(unit.text, finding.span, yamlString(person.id))] }));

export function assignBuilders(): Record<string, FixBuilder> {
  return {
    'step-without-owner': stepWithoutOwner,
    'machine-step-without-accountable': addAccountable,
    'decision-without-human': addAccountable,
    'exception-without-owner': exceptionWithoutOwner,
    'accountable-not-human': accountableNotHuman,
  };
}
