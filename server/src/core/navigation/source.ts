/**
 * The written source behind the model's spans, for the features that edit or
 * outline it: which scalar or alias starts at an offset, what an alias points
 * at, the part of a scalar that holds its name (inside quotes), and the span
 * of a `key: value` pair. Pure reads of the YAML AST; nothing here throws.
 */
import { isScalar, visit, type Alias, type Scalar } from 'yaml';
import type { UnitModel } from '../model/types';
import { nodeSpan, resolve, type AnyNode, type Entry } from '../model/yamlAccess';
import type { Span } from '../text/span';

export interface SourceIndex {
  /** Every scalar (keys included) by the offset it starts at. */
  scalars: Map<number, Scalar>;
  /** Every alias (`*name`) by the offset it starts at. */
  aliases: Map<number, Alias>;
}

const indexes = new WeakMap<UnitModel, SourceIndex>();

export function sourceIndex(unit: UnitModel): SourceIndex {
  let index = indexes.get(unit);
  if (index) return index;
  index = { scalars: new Map(), aliases: new Map() };
  const { scalars, aliases } = index;
  visit(unit.doc, {
    Scalar(_, node) {
      if (node.range && !scalars.has(node.range[0])) scalars.set(node.range[0], node);
    },
    Alias(_, node) {
      if (node.range && !aliases.has(node.range[0])) aliases.set(node.range[0], node);
    },
  });
  indexes.set(unit, index);
  return index;
}

/** The scalar a written value stands for: itself, or the anchored scalar an alias at `span` points at. */
export function writtenScalar(unit: UnitModel, span: Span): { scalar: Scalar; viaAlias: boolean } | undefined {
  const index = sourceIndex(unit);
  const alias = index.aliases.get(span.start);
  if (alias) {
    const target = resolve(unit.doc, alias as AnyNode);
    return isScalar(target) && target.range ? { scalar: target, viaAlias: true } : undefined;
  }
  const scalar = index.scalars.get(span.start);
  return scalar && scalar.range ? { scalar, viaAlias: false } : undefined;
}

/**
 * The characters of a scalar that hold its text: the whole plain scalar, or
 * what is between the quotes. Undefined for block scalars (`|`, `>`), which
 * no id is written as and no rename should rewrite.
 */
export function scalarTextSpan(unit: UnitModel, scalar: Scalar): Span | undefined {
  if (!scalar.range) return undefined;
  const start = scalar.range[0];
  const end = scalar.range[1];
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') return undefined;
  if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') {
    const q = scalar.type === 'QUOTE_DOUBLE' ? '"' : "'";
    if (end - start >= 2 && unit.text[start] === q && unit.text[end - 1] === q) return { start: start + 1, end: end - 1 };
    return undefined;
  }
  return { start, end };
}

/** A span without the whitespace and line breaks at its end (block nodes end after their last line break). */
export function trimEnd(text: string, s: Span): Span {
  let end = s.end;
  while (end > s.start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start: s.start, end };
}

/** `key: value` as a whole: from the key to the end of the written value. */
export function entrySpan(unit: UnitModel, e: Entry): Span | undefined {
  const key = nodeSpan(e.keyNode);
  if (!key) return undefined;
  const value = nodeSpan(e.valueNode);
  const end = value && value.start >= key.start ? Math.max(key.end, trimEnd(unit.text, value).end) : key.end;
  return { start: key.start, end };
}

export function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Spans de-duplicated (a merge key makes one written reference count for several items) and in source order. */
export function uniqueSpans(spans: Span[]): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const s of spans) {
    const k = `${s.start}:${s.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
