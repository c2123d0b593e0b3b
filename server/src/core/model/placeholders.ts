/**
 * Placeholders (spec 1.1): a value a scaffold could not know, written as a
 * string that is wholly `<…>` — `<business result, with its time bound>`.
 * It gets the `placeholder` finding and no other finding about that value,
 * and its key counts as present.
 */
import { isCollection, isPair, isScalar } from 'yaml';
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

/** Found once per document: the `placeholder` rule and the filter of the findings it answers for both ask. */
const found = new WeakMap<object, readonly PlaceholderValue[]>();

/** Every value in the unit that is a placeholder (not keys: a key is a name the author chose). */
export function placeholderValues(unit: UnitModel): readonly PlaceholderValue[] {
  let values = found.get(unit.doc);
  if (!values) {
    values = mayHoldPlaceholder(unit.text) ? collect(unit.doc.contents, []) : [];
    found.set(unit.doc, values);
  }
  return values;
}

/**
 * A placeholder's `<` is written as itself or, in a double-quoted string, as
 * an escape (`\x3c`, `\u003c`): a text with neither holds none, and most
 * units are such (a catalog lint asks of every file).
 */
function mayHoldPlaceholder(text: string): boolean {
  return text.includes('<') || text.includes('\\');
}

/** The document's scalars in order, as the library's `visit` meets them, without its path bookkeeping. */
function collect(node: unknown, out: PlaceholderValue[]): PlaceholderValue[] {
  if (isScalar(node)) {
    if (isPlaceholder(node.value) && node.range) out.push({ text: node.value, span: { start: node.range[0], end: node.range[1] } });
  } else if (isCollection(node)) {
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) collect(item, out);
      else {
        // A key is a name, but a collection used as a key holds values.
        if (!isScalar(item.key)) collect(item.key, out);
        collect(item.value, out);
      }
    }
  }
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

