/**
 * The spec's test made visible: which of the four elements a unit has, and
 * the code-lens label that says what follows from it ("A unit with two of
 * the four produces inconsistent outputs; with three it plateaus").
 */
import type { UnitModel } from '../model/types';
import type { Span } from '../text/span';

/** The elements by their spec names, in the spec's order. */
export type ElementName = 'outcome' | 'execution logic' | 'execution structure' | 'learning loop';
export const ELEMENT_NAMES: readonly ElementName[] = ['outcome', 'execution logic', 'execution structure', 'learning loop'];

export interface ElementStatus {
  /** An `outcome` with a `statement`. */
  outcome: boolean;
  /** At least one step. */
  logic: boolean;
  /** At least one actor. */
  structure: boolean;
  /** A `learning` block. */
  learning: boolean;
  /** How many of the four are present. */
  count: number;
  /** The missing elements, in the spec's order. */
  missing: ElementName[];
  /** The code-lens title: "4 of 4 elements", "3 of 4 — no learning loop: the unit will plateau"… */
  label: string;
  /** One line per element, present or not, for the lens's tooltip. */
  tooltip: string;
  /** Where the lens belongs: the unit's `id` value (the first line where there is none), where missing-element findings point. */
  span: Span;
}

export function elementStatus(unit: UnitModel): ElementStatus {
  const present: Record<ElementName, boolean> = {
    outcome: !!unit.outcome?.hasStatement,
    'execution logic': (unit.steps?.count ?? 0) > 0,
    'execution structure': unit.actors.size > 0,
    'learning loop': !!unit.learning,
  };
  const missing = ELEMENT_NAMES.filter((e) => !present[e]);
  const count = ELEMENT_NAMES.length - missing.length;
  return {
    outcome: present.outcome,
    logic: present['execution logic'],
    structure: present['execution structure'],
    learning: present['learning loop'],
    count,
    missing,
    label: elementLabel(missing),
    tooltip: ELEMENT_NAMES.map((e, i) => `${present[e] ? '✓' : '✗'} ${i + 1}. ${e}`).join('\n'),
    span: unit.anchor,
  };
}

/** The label for a unit missing these elements. */
export function elementLabel(missing: readonly ElementName[]): string {
  const count = ELEMENT_NAMES.length - missing.length;
  if (count === 4) return '4 of 4 elements';
  if (count === 0) return '0 of 4 — not yet a work unit';
  const gaps = missing.map((m) => `no ${m}`).join(', ');
  const consequence = count === 3 ? 'the unit will plateau' : count === 2 ? 'outputs will be inconsistent' : 'not yet a work unit';
  return `${count} of 4 — ${gaps}: ${consequence}`;
}
