/**
 * Go to definition, find references and document highlights: all three start
 * from `locate` and read the same occurrences, so they always agree.
 */
import type { UnitModel } from '../model/types';
import type { Span } from '../text/span';
import { locate, sameSymbol, type Occurrence } from './locate';
import { uniqueSpans } from './source';

/** The occurrence under the cursor, if the cursor is on an actor, step, metric or exception id. */
function symbolAt(unit: UnitModel, offset: number): Occurrence | undefined {
  const hit = locate(unit, offset);
  return hit?.type === 'symbol' ? hit.occurrence : undefined;
}

/**
 * From a reference (`performer`, `accountable`, any `owner`, `next`, `at`,
 * `then`, `measuredBy`) to its declaration. On a declaration, the declaration
 * itself (editors then offer its references). Nothing for `end`, keys or an
 * undeclared name. A duplicated id gives every declaration.
 */
export function definition(unit: UnitModel, offset: number): Span[] {
  const o = symbolAt(unit, offset);
  if (!o) return [];
  if (o.role === 'declaration' && o.kind === 'exception') return [o.span];
  return uniqueSpans(sameSymbol(unit, o).filter((x) => x.role === 'declaration').map((x) => x.span));
}

/** Every use of the symbol under the cursor (from a declaration or a use), with its declaration if asked. */
export function references(unit: UnitModel, offset: number, includeDeclaration: boolean): Span[] {
  const o = symbolAt(unit, offset);
  if (!o) return [];
  // Exception ids are referenced by nothing: the rule under the cursor is all there is.
  const all = o.kind === 'exception' ? [o] : sameSymbol(unit, o);
  return uniqueSpans(all.filter((x) => includeDeclaration || x.role === 'reference').map((x) => x.span));
}

export interface Highlight {
  span: Span;
  kind: 'write' | 'read';
}

/** The declaration (write) and the references (read) of the symbol under the cursor. */
export function highlights(unit: UnitModel, offset: number): Highlight[] {
  const o = symbolAt(unit, offset);
  if (!o) return [];
  const all = o.kind === 'exception' ? [o] : sameSymbol(unit, o);
  const byKey = new Map<string, Highlight>();
  for (const x of all) {
    const key = `${x.span.start}:${x.span.end}`;
    const kind = x.role === 'declaration' ? 'write' : 'read';
    const seen = byKey.get(key);
    if (!seen || (seen.kind === 'read' && kind === 'write')) byKey.set(key, { span: x.span, kind });
  }
  return [...byKey.values()].sort((a, b) => a.span.start - b.span.start);
}
