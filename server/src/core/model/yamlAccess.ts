/**
 * Reading the YAML AST the way the model needs it: aliases resolved (a
 * reference made through `*alias` keeps the alias's own range), merge keys
 * (`<<: *defaults`) expanded with explicit keys winning, nulls treated as
 * absent. Nothing here throws on odd input.
 */
import { Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Span } from '../text/span';
import { pushAll } from '../collections';

export type AnyNode = Node | null | undefined;

export interface Entry {
  key: string;
  keyNode: Scalar;
  /** The value as written (an alias stays an alias, so its range is the alias). */
  valueNode: AnyNode;
  /** The value after resolving aliases. */
  value: AnyNode;
}

/** Alias chains longer than this are treated as broken (they cannot occur in valid YAML). */
const MAX_ALIAS_HOPS = 32;

export function resolve(doc: Document, node: AnyNode): AnyNode {
  let n = node;
  for (let hops = 0; n && isAlias(n); hops++) {
    if (hops >= MAX_ALIAS_HOPS) return undefined;
    n = n.resolve(doc) as AnyNode;
  }
  return n;
}

export function nodeSpan(node: AnyNode): Span | undefined {
  if (!node || !node.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.source === '<<'));
}

/** A null scalar, an empty plain scalar or a missing node: the author wrote no value. */
export function isAbsent(node: AnyNode): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

/**
 * The entries of a mapping in source order, merge keys expanded after the
 * explicit keys (which take precedence, as YAML's merge semantics say).
 */
export function mapEntries(doc: Document, map: AnyNode, seen: Set<Node> = new Set()): Entry[] {
  const m = resolve(doc, map);
  if (!isMap(m) || seen.has(m)) return [];
  seen.add(m);
  const out: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of (m as YAMLMap).items as Pair<unknown, unknown>[]) {
    const keyNode = pair.key;
    if (isMergeKey(keyNode)) {
      const src = resolve(doc, pair.value as AnyNode);
      const sources = isSeq(src) ? (src.items as AnyNode[]) : [src];
      for (const s of sources) pushAll(merged, mapEntries(doc, s, seen));
      continue;
    }
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') continue;
    const valueNode = pair.value as AnyNode;
    out.push({ key: String(keyNode.value), keyNode, valueNode, value: resolve(doc, valueNode) });
  }
  const have = new Set(out.map((e) => e.key));
  for (const e of merged) {
    if (!have.has(e.key)) {
      out.push(e);
      have.add(e.key);
    }
  }
  return out;
}

export function entryMap(entries: Entry[]): Map<string, Entry> {
  const m = new Map<string, Entry>();
  for (const e of entries) if (!m.has(e.key)) m.set(e.key, e);
  return m;
}

/** Items of a sequence: each with its written node (for ranges) and its resolved value. */
export function seqItems(doc: Document, seq: AnyNode): { node: AnyNode; value: AnyNode }[] {
  const s = resolve(doc, seq);
  if (!isSeq(s)) return [];
  return (s.items as AnyNode[]).map((node) => ({ node, value: resolve(doc, node) }));
}

/** A scalar's string value, if it is a non-empty string. */
export function stringValue(node: AnyNode): string | undefined {
  if (!isScalar(node)) return undefined;
  return typeof node.value === 'string' && node.value.length > 0 ? node.value : undefined;
}
