/**
 * The JSON Schema (`schemas/workunit.schema.json`) run with ajv, and the one
 * place where ajv's instance paths are mapped back to YAML node spans.
 * Both the `schema` and the `unknown-key` rules read this result.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document } from 'yaml';
import compiledValidator from './compiledValidator.generated';
import { allPlaces } from '../format/description';
import { formatSchema } from '../format/schema';
import { entryMap, mapEntries, nodeSpan, resolve, seqItems, type AnyNode } from '../model/yamlAccess';
import type { Span } from '../text/span';

/** The schema, built from the format's description (the same object `schemas/workunit.schema.json` holds). */
export const WORKUNIT_SCHEMA: SchemaNode = formatSchema();

export interface SchemaNode {
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  $ref?: string;
  definitions?: Record<string, SchemaNode>;
  const?: unknown;
  propertyNames?: SchemaNode;
  $schema?: string;
  $id?: string;
}

export interface SchemaProblem {
  /** `unknown-key` problems name the key; the others are type, enum, pattern or required problems. */
  kind: 'unknown-key' | 'required' | 'value';
  /** The JSON pointer segments of the instance (the parent object for unknown-key and required). */
  path: string[];
  message: string;
  span?: Span;
  /** For unknown-key: the key, and the keys allowed at that place. */
  key?: string;
  allowedKeys?: string[];
  /** For enum problems: the allowed values. */
  allowedValues?: unknown[];
  /** For required problems: the missing key. */
  missing?: string;
}

/**
 * The schema's validator, compiled by ajv ahead of time (`npm run generate`,
 * core/format/generated.ts): no process pays for compiling it, and no
 * `new Function` is needed (test/unit/generated.test.ts keeps it fresh).
 */
const validate = compiledValidator as unknown as ValidateFunction;

/** Keys whose empty value is itself a problem; any other empty value means "not given yet". */
const REQUIRED_NON_EMPTY = new Set(allPlaces().filter((p) => p.spec.required).map((p) => p.spec.key));

export function validateSchema(doc: Document, value: unknown): SchemaProblem[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const problems: SchemaProblem[] = [];
  for (const [pointer, errs] of byPath) {
    const path = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
    // Structural problems of the object at this path: unknown and missing keys.
    for (const e of errs) {
      if (e.keyword === 'additionalProperties') {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const parent = e.parentSchema as SchemaNode;
        problems.push({
          kind: 'unknown-key',
          path,
          key,
          allowedKeys: Object.keys(parent.properties ?? {}),
          message: `Unknown key \`${key}\``,
          span: nodeAt(doc, [...path, key])?.key,
        });
      } else if (e.keyword === 'required') {
        const missing = String((e.params as { missingProperty: string }).missingProperty);
        problems.push({ kind: 'required', path, missing, message: `Missing required key \`${missing}\`` });
      }
    }
    // An actor id that is not kebab-case: the problem is the key itself.
    const badNames = new Set<string>();
    for (const e of errs) {
      const name = e.keyword === 'propertyNames' ? (e.params as { propertyName?: string }).propertyName : (e as { propertyName?: string }).propertyName;
      if (name !== undefined) badNames.add(name);
    }
    for (const name of badNames) {
      problems.push({
        kind: 'value',
        path: [...path, name],
        message: `The actor id \`${name}\` must be a kebab-case id (lowercase words joined by hyphens, e.g. \`kyc-screener\`).`,
        span: nodeAt(doc, [...path, name])?.key,
      });
    }
    const valueErrors = errs.filter(
      (e) => !['additionalProperties', 'required', 'propertyNames', 'if'].includes(e.keyword) && (e as { propertyName?: string }).propertyName === undefined,
    );
    if (valueErrors.length === 0) continue;
    const data = valueErrors[0].data;
    const last = path[path.length - 1];
    if (data === null && last !== undefined && !/^\d+$/.test(last) && !REQUIRED_NON_EMPTY.has(last)) continue;
    problems.push(valueProblem(doc, path, valueErrors));
  }
  return problems;
}

/** One finding per value, however many alternatives (anyOf) ajv tried. */
function valueProblem(doc: Document, path: string[], errs: ErrorObject[]): SchemaProblem {
  // The outermost schema at this path describes what was expected as a whole.
  const outer = errs.find((e) => e.keyword === 'anyOf') ?? errs[errs.length - 1];
  const schema = outer.parentSchema as SchemaNode;
  const where = describePath(path);
  const shown = preview(outer.data);
  let expected = schema.title ?? describeType(schema);
  let allowedValues: unknown[] | undefined;
  const enumError = errs.find((e) => e.keyword === 'enum');
  if (enumError) allowedValues = (enumError.parentSchema as SchemaNode).enum;
  if (enumError && !schema.title) expected = `one of ${allowedValues!.map(String).join(', ')}`;
  const got = outer.data === null ? 'is empty' : `is ${shown}`;
  if (path.length === 0) return { kind: 'value', path, message: notAUnit(outer.data, shown), span: nodeAt(doc, path)?.value };
  return {
    kind: 'value',
    path,
    allowedValues,
    message: `${where} must be ${expected}, but ${got}.`,
    span: nodeAt(doc, path)?.value,
  };
}

/** The file's top level is not a mapping: empty (or comments only), or some other value. */
function notAUnit(data: unknown, shown: string): string {
  const keys = (WORKUNIT_SCHEMA.required ?? []).map((k) => `\`${k}\``);
  const needs = keys.length > 1 ? `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}` : keys.join('');
  return data === null ? `The file holds no unit yet: a work unit needs ${needs} — start with \`workunit: 1\`.` : `The file must hold a unit, a mapping with ${needs}, but holds ${shown}.`;
}

/** A short rendering of a value for a message (values may be huge, or circular: `&a [*a]`). */
/**
 * The value as the message shows it: its JSON when short; else what it is (a list and its length, a mapping),
 * or a string's start in closed quotes — JSON cut in the middle would leave a quote open and the file's text
 * reading as the message's own words.
 */
function preview(value: unknown): string {
  const s = json(value);
  if (s !== undefined && s.length <= 60) return s;
  if (typeof value === 'string') return JSON.stringify(`${value.slice(0, 50)}…`);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object' && value !== null) return 'a mapping';
  const text = String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** JSON text, or undefined for what JSON cannot write: a circular value (the TypeError `JSON.stringify` throws for it). */
function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (e instanceof TypeError) return undefined;
    throw e;
  }
}

function describeType(schema: SchemaNode): string {
  const t = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  return t ? `a ${t}` : 'a valid value';
}

/** `steps/2/performer` → "`performer` of step 3"; top-level keys as themselves. */
export function describePath(path: string[]): string {
  if (path.length === 0) return 'The unit';
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const container: Record<string, string> = { steps: 'step', exceptions: 'exception rule', metrics: 'metric', changes: 'change' };
  if (/^\d+$/.test(last) && parent !== undefined) {
    const what = container[parent] ?? `item of \`${parent}\``;
    return `${capitalise(what)} ${Number(last) + 1}`;
  }
  if (path.length >= 3 && /^\d+$/.test(path[path.length - 2])) {
    const what = container[path[path.length - 3]] ?? 'item';
    return `\`${last}\` of ${what} ${Number(path[path.length - 2]) + 1}`;
  }
  if (parent === 'actors') return `Actor \`${last}\``;
  if (path.length >= 2 && path[0] === 'actors') return `\`${last}\` of actor \`${path[1]}\``;
  return `\`${path.join('.')}\``;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The key and value spans of the node at a JSON-pointer path (aliases and merges followed). */
export function nodeAt(doc: Document, path: string[]): { key?: Span; value?: Span } | undefined {
  let node: AnyNode = doc.contents as AnyNode;
  let keySpan: Span | undefined;
  let valueSpan: Span | undefined = nodeSpan(node);
  for (const seg of path) {
    const container = resolve(doc, node);
    const entries = entryMap(mapEntries(doc, container));
    const entry = entries.get(seg);
    if (entry) {
      keySpan = nodeSpan(entry.keyNode);
      node = entry.valueNode;
      // An empty value (`name:`) has a zero-width span; point at its key instead.
      const vs = nodeSpan(node);
      valueSpan = vs && vs.end > vs.start ? vs : keySpan;
      continue;
    }
    const items = seqItems(doc, container);
    const i = /^\d+$/.test(seg) ? Number(seg) : -1;
    if (i >= 0 && i < items.length) {
      keySpan = undefined;
      node = items[i].node;
      valueSpan = nodeSpan(node);
      continue;
    }
    return undefined;
  }
  return { key: keySpan, value: valueSpan };
}
