/**
 * The documentation of a key at a place in a unit, read from the JSON Schema
 * (the single source of field docs): the key's path is walked through
 * `properties`, `items`, `additionalProperties`, `$ref` and `anyOf`, so that
 * `kind` under an actor and `kind` under a metric each get their own text.
 */
import { WORKUNIT_SCHEMA, type SchemaNode } from '../schema/validate';

export interface KeyDoc {
  key: string;
  /** What holds the key: "an actor", "a metric", "the outcome", "the work unit"… */
  owner: string;
  description?: string;
  /** The schema's short statement of the expected value ("a step id or `end`"). */
  title?: string;
  /** For enums: the allowed values. */
  allowedValues?: unknown[];
}

/** What each definition is called when it holds a key. */
const DEFINITION_NAMES: Record<string, string> = { actor: 'an actor', step: 'a step', exception: 'an exception rule', metric: 'a metric' };
/** What the inline objects of the schema are called, by the key that holds them. */
const OBJECT_NAMES: Record<string, string> = { outcome: 'the outcome', learning: 'the learning loop', review: 'the learning review', changes: 'a change log entry' };

interface Place {
  node: SchemaNode;
  /** The definition the node came from, if it was reached through a `$ref`. */
  definition?: string;
  /** The last key of the path that led here (for naming inline objects). */
  via?: string;
}

/** The schema's documentation of the key at the end of `path` (a key path as `locate` gives it), or undefined for a key the format does not define. */
export function keyDoc(path: readonly string[], schema: SchemaNode = WORKUNIT_SCHEMA): KeyDoc | undefined {
  if (path.length === 0) return undefined;
  const key = path[path.length - 1];
  const parent = walk(schema, path.slice(0, -1));
  if (!parent) return undefined;
  const node = property(schema, parent.node, key);
  if (!node) return undefined;
  const target = deref(schema, node.node).node;
  const allowed = allowedValues(schema, node.node);
  return {
    key,
    owner: ownerName(schema, parent),
    description: node.node.description ?? target.description,
    title: node.node.title ?? target.title,
    allowedValues: allowed,
  };
}

/** The keys the format allows where `path` (a path to a mapping) points; empty where it allows any key or nothing is known. */
export function keysAt(path: readonly string[], schema: SchemaNode = WORKUNIT_SCHEMA): string[] {
  const place = walk(schema, path);
  if (!place) return [];
  const out = new Set<string>();
  for (const alt of alternatives(schema, place.node)) for (const k of Object.keys(alt.properties ?? {})) out.add(k);
  return [...out];
}

function walk(schema: SchemaNode, path: readonly string[]): Place | undefined {
  let place: Place = { node: schema };
  for (const seg of path) {
    const next = childOf(schema, place.node, seg);
    if (!next) return undefined;
    place = { ...next, via: /^\d+$/.test(seg) ? place.via : seg };
  }
  return place;
}

/** A named key of a mapping schema (not a list index nor an arbitrary map key). */
function property(schema: SchemaNode, node: SchemaNode, key: string): Place | undefined {
  for (const alt of alternatives(schema, node)) {
    if (alt.properties && Object.prototype.hasOwnProperty.call(alt.properties, key)) {
      const node = alt.properties[key];
      return { node, definition: deref(schema, node).definition };
    }
  }
  return undefined;
}

/** The schema of a child at `seg`: a property, a list item, or a value of a map with free keys. */
function childOf(schema: SchemaNode, node: SchemaNode, seg: string): Place | undefined {
  const named = property(schema, node, seg);
  if (named) return named;
  for (const alt of alternatives(schema, node)) {
    if (/^\d+$/.test(seg) && alt.items) return withDefinition(schema, alt.items);
    if (alt.additionalProperties && typeof alt.additionalProperties === 'object') return withDefinition(schema, alt.additionalProperties);
  }
  return undefined;
}

function withDefinition(schema: SchemaNode, node: SchemaNode): Place {
  const d = deref(schema, node);
  return { node: d.node, definition: d.definition };
}

/** A node and every `anyOf` alternative under it, references followed. */
function alternatives(schema: SchemaNode, node: SchemaNode, depth = 0): SchemaNode[] {
  if (depth > 8) return [];
  const d = deref(schema, node);
  const out: SchemaNode[] = [d.node];
  for (const alt of d.node.anyOf ?? []) out.push(...alternatives(schema, alt, depth + 1));
  return out;
}

/** Follows `$ref: #/definitions/x` (a few hops at most). */
function deref(schema: SchemaNode, node: SchemaNode): { node: SchemaNode; definition?: string } {
  let n = node;
  let definition: string | undefined;
  for (let hops = 0; n.$ref && hops < 8; hops++) {
    const m = /^#\/definitions\/(.+)$/.exec(n.$ref);
    const target = m ? schema.definitions?.[m[1]] : undefined;
    if (!target) break;
    definition = m![1];
    n = target;
  }
  return { node: n, definition };
}

function allowedValues(schema: SchemaNode, node: SchemaNode): unknown[] | undefined {
  const values: unknown[] = [];
  for (const alt of alternatives(schema, node)) if (alt.enum) values.push(...alt.enum);
  return values.length > 0 ? values : undefined;
}

function ownerName(schema: SchemaNode, parent: Place): string {
  if (parent.node === schema) return 'the work unit';
  if (parent.definition && DEFINITION_NAMES[parent.definition]) return DEFINITION_NAMES[parent.definition];
  if (parent.via && OBJECT_NAMES[parent.via]) return OBJECT_NAMES[parent.via];
  return parent.via ? `\`${parent.via}\`` : 'the work unit';
}
