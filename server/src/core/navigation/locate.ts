/**
 * "What is at this offset?" — the one question hover, go to definition, find
 * references, rename and highlights all start from. Answers in the format's
 * terms: a declaration or a reference of an actor, a step or a metric, an
 * exception rule's id, or a key.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { actorReferences } from '../model/queries';
import type { Ref, UnitModel } from '../model/types';
import { containsOffset, type Span } from '../text/span';

export type SymbolKind = 'actor' | 'step' | 'metric' | 'exception';

export interface Occurrence {
  kind: SymbolKind;
  name: string;
  span: Span;
  /** The declaration itself (actor key, step/metric/exception `id` value), or a reference to it. */
  role: 'declaration' | 'reference';
  /** For references: which key makes it (`performer`, `next`, `measuredBy`…). */
  via?: string;
}

export type Located =
  | { type: 'symbol'; occurrence: Occurrence }
  | { type: 'key'; key: string; span: Span; path: string[] }
  | undefined;

/** Every declaration and reference in the unit, in source order. */
export function occurrences(unit: UnitModel): Occurrence[] {
  const out: Occurrence[] = [];
  for (const a of unit.actors.values()) out.push({ kind: 'actor', name: a.id, span: a.keySpan, role: 'declaration' });
  for (const { ref, role } of actorReferences(unit)) {
    const via = role === 'exception-owner' || role === 'review-owner' ? 'owner' : role;
    out.push({ kind: 'actor', name: ref.name, span: ref.span, role: 'reference', via });
  }
  const stepRef = (ref: Ref, via: string) => {
    if (ref.name !== 'end') out.push({ kind: 'step', name: ref.name, span: ref.span, role: 'reference', via });
  };
  for (const s of unit.steps?.items ?? []) {
    if (s.id !== undefined && s.idSpan) out.push({ kind: 'step', name: s.id, span: s.idSpan, role: 'declaration' });
    for (const r of s.next ?? []) stepRef(r, 'next');
  }
  for (const ex of unit.exceptions) {
    if (ex.id !== undefined && ex.idSpan) out.push({ kind: 'exception', name: ex.id, span: ex.idSpan, role: 'declaration' });
    for (const r of ex.at) stepRef(r, 'at');
    if (ex.then) stepRef(ex.then, 'then');
  }
  for (const m of unit.learning?.metrics?.items ?? []) {
    if (m.id !== undefined && m.idSpan) out.push({ kind: 'metric', name: m.id, span: m.idSpan, role: 'declaration' });
  }
  for (const r of unit.outcome?.measuredBy ?? []) out.push({ kind: 'metric', name: r.name, span: r.span, role: 'reference', via: 'measuredBy' });
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The symbol or key at `offset` (a cursor at either end of a token counts as on it). */
export function locate(unit: UnitModel, offset: number): Located {
  const hit = occurrences(unit).find((o) => containsOffset(o.span, offset));
  if (hit) return { type: 'symbol', occurrence: hit };
  const key = keyAt(unit.doc.contents as Node | null, offset, []);
  return key ? { type: 'key', ...key } : undefined;
}

/** All occurrences of the same symbol (same kind and name). */
export function sameSymbol(unit: UnitModel, o: Occurrence): Occurrence[] {
  return occurrences(unit).filter((x) => x.kind === o.kind && x.name === o.name);
}

function keyAt(node: Node | null | undefined, offset: number, path: string[]): { key: string; span: Span; path: string[] } | undefined {
  if (!node || !node.range || offset < node.range[0] || offset > node.range[2]) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as Node | null;
      if (isScalar(k) && k.range && typeof k.value === 'string' && containsOffset({ start: k.range[0], end: k.range[1] }, offset)) {
        return { key: k.value, span: { start: k.range[0], end: k.range[1] }, path: [...path, k.value] };
      }
      const inner = keyAt(pair.value as Node | null, offset, isScalar(k) ? [...path, String(k.value)] : path);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const inner = keyAt(node.items[i] as Node | null, offset, [...path, String(i)]);
      if (inner) return inner;
    }
  }
  return undefined;
}
