/**
 * Placeholders (spec 1.1): a value a scaffold could not know, written as a
 * string that is wholly `<…>` — `<business result, with its time bound>`.
 * It gets the `placeholder` finding and no other finding about that value,
 * and its key counts as present.
 */
import { isPair, visit, type Scalar } from 'yaml';
import type { Span } from '../text/span';
import type { UnitModel } from './types';

const PLACEHOLDER = /^<[^<>\n]+>$/;

export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && PLACEHOLDER.test(value);
}

/** A placeholder as a scaffold writes it. */
export function placeholder(what: string): string {
  return `<${what}>`;
}

export interface PlaceholderValue {
  text: string;
  span: Span;
}

/** Every value in the unit that is a placeholder (not keys: a key is a name the author chose). */
export function placeholderValues(unit: UnitModel): PlaceholderValue[] {
  const out: PlaceholderValue[] = [];
  visit(unit.doc, {
    Scalar(key, node: Scalar, path) {
      if (key === 'key' || !isPlaceholder(node.value) || !node.range) return;
      const parent = path[path.length - 1];
      if (isPair(parent) && parent.key === node) return;
      out.push({ text: node.value, span: { start: node.range[0], end: node.range[1] } });
    },
  });
  return out;
}

/**
 * The rules whose findings are about a value, which a placeholder answers
 * for. Findings about a step, a block or the unit (a missing performer, an
 * unreachable step, a missing element) stand, even where their range is a
 * placeholder id.
 */
export const RULES_ABOUT_VALUES: ReadonlySet<string> = new Set([
  'schema',
  'unknown-actor',
  'unknown-step',
  'unknown-metric',
  'accountable-not-human',
  'outcome-is-activity',
  'outcome-not-measurable',
  'duplicate-id',
  'duplicate-unit-id',
  'value-stream-size',
]);

