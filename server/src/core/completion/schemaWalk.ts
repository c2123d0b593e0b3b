/**
 * Asking the JSON Schema what is allowed at a path — the schema is the one
 * source of the format's keys, enums and field docs, so completion never
 * keeps a second list of them. `$ref` and `anyOf` are resolved into
 * alternatives ("an actor id, or a list of actor ids" is two).
 */
import { WORKUNIT_SCHEMA, type SchemaNode } from '../schema/validate';

type Node = SchemaNode & { const?: unknown };

export interface Alternative {
  node: Node;
  /** The last definition reached through `$ref` (`actorRef`, `stepRef`, `metricRef`, `id`…): it says what a string refers to. */
  ref?: string;
  /** The outermost description on the way: a property's own doc wins over its definition's. */
  description?: string;
  title?: string;
}

export interface KeyInfo {
  key: string;
  required: boolean;
  /** Position among the mapping's properties: the schema's order is the format's reading order. */
  order: number;
  alternatives: Alternative[];
  description?: string;
  title?: string;
}

const ROOT = WORKUNIT_SCHEMA as Node;
const MAX_DEPTH = 16;

/** A node with its `$ref` followed and its `anyOf` branches spread out. */
function alternatives(node: Node | undefined, outer: Omit<Alternative, 'node'> = {}, depth = 0): Alternative[] {
  if (!node || depth > MAX_DEPTH) return [];
  const here = {
    ref: outer.ref,
    description: outer.description ?? node.description,
    title: outer.title ?? node.title,
  };
  if (node.$ref) {
    const name = /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1];
    const target = name ? ROOT.definitions?.[name] : undefined;
    return alternatives(target, { ...here, ref: name }, depth + 1);
  }
  // Each branch keeps the property's doc and title ("an actor id or a list of actor ids").
  if (node.anyOf) return node.anyOf.flatMap((b) => alternatives(b, here, depth + 1));
  return [{ node, ...here }];
}

function child(alt: Alternative, seg: string): Alternative[] {
  const n = alt.node;
  if (seg === '*') return n.items ? alternatives(n.items) : [];
  const prop = n.properties?.[seg];
  if (prop) return alternatives(prop);
  if (typeof n.additionalProperties === 'object') return alternatives(n.additionalProperties);
  return [];
}

/** What the schema allows at a path of keys and `*` (a list item). Empty where the format defines nothing. */
export function schemaAt(path: readonly string[]): Alternative[] {
  let alts = alternatives(ROOT);
  for (const seg of path) {
    alts = alts.flatMap((a) => child(a, seg));
    if (alts.length === 0) break;
  }
  return alts;
}

/** The keys a mapping at this place may hold, in the schema's order. */
export function keysOf(alts: Alternative[]): KeyInfo[] {
  const out = new Map<string, KeyInfo>();
  for (const a of alts) {
    const props = a.node.properties ?? {};
    Object.entries(props).forEach(([key, prop], order) => {
      if (out.has(key)) return;
      const p = alternatives(prop);
      out.set(key, {
        key,
        order,
        required: a.node.required?.includes(key) ?? false,
        alternatives: p,
        description: p[0]?.description,
        title: p[0]?.title,
      });
    });
  }
  return [...out.values()];
}

/** The place is a mapping whose keys are names chosen by the author (`actors`): the schema of one entry. */
export function entrySchema(alts: Alternative[]): Alternative[] {
  return alts.flatMap((a) => (typeof a.node.additionalProperties === 'object' && !a.node.properties ? alternatives(a.node.additionalProperties) : []));
}

/** Literal values the schema names: `enum` members and `const`s. */
export function literalsOf(alts: Alternative[]): unknown[] {
  const out: unknown[] = [];
  for (const a of alts) {
    for (const v of a.node.enum ?? []) if (!out.includes(v)) out.push(v);
    if ('const' in a.node && !out.includes(a.node.const)) out.push(a.node.const);
  }
  return out;
}

export type RefTarget = 'actor' | 'step' | 'metric';

/** What a string at this place refers to, read from the definition it comes through. */
export function refTargetOf(alts: Alternative[]): RefTarget | undefined {
  for (const a of alts) {
    if (a.ref === 'actorRef') return 'actor';
    if (a.ref === 'stepRef') return 'step';
    if (a.ref === 'metricRef') return 'metric';
  }
  return undefined;
}

export function hasType(alts: Alternative[], type: 'object' | 'array' | 'string'): boolean {
  return alts.some((a) => (Array.isArray(a.node.type) ? a.node.type.includes(type) : a.node.type === type));
}

/** The schema of a list's items at this place (a list alternative's `items`). */
export function itemAlternatives(alts: Alternative[]): Alternative[] {
  return alts.flatMap((a) => child(a, '*'));
}

/** The description of the property at a path: the docs of a value are its key's docs. */
export function describe(path: readonly string[]): string | undefined {
  // List items carry no docs of their own: use the list's.
  let p = [...path];
  while (p.length > 0 && p[p.length - 1] === '*') p = p.slice(0, -1);
  return schemaAt(p).find((a) => a.description)?.description;
}
