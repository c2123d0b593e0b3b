/**
 * The JSON Schema of the format, derived from its description. The same
 * object is written to `schemas/workunit.schema.json` for other YAML tools
 * (`npm run generate`) and used at run time by the `schema` rule,
 * completion and hover, so none of them keeps its own copy.
 */
import type { SchemaNode } from '../schema/validate';
import { UNIT, type BlockSpec, type KeySpec, type ValueSpec } from './description';

/** Kebab-case, with the Latin-1 letters a German or Dutch id may hold. */
const ID_PATTERN = '^[a-z0-9ß-öø-ÿ]+(-[a-z0-9ß-öø-ÿ]+)*$';
const DURATION_PATTERN =
  '^(\\d+(\\.\\d+)?\\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|(business|working) ?days?|bd|w|wks?|weeks?|mo|months?|y|yrs?|years?)|P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?)$';

const REF_DEFINITION = { actor: 'actorRef', step: 'stepRef', metric: 'metricRef' } as const;

export function formatSchema(unit: BlockSpec = UNIT): SchemaNode {
  const definitions: Record<string, SchemaNode> = {
    id: { title: 'a kebab-case id (lowercase words joined by hyphens, e.g. `kyc-screener`)', type: 'string', pattern: ID_PATTERN },
    actorRef: { title: 'an actor id', type: 'string' },
    stepRef: { title: 'a step id or `end`', type: 'string' },
    metricRef: { title: 'a metric id', type: 'string' },
    duration: { title: 'a duration such as `24h`, `3d`, `15m`, `2w` or `5 days`', type: 'string', pattern: DURATION_PATTERN },
  };
  const root = blockSchema(unit, definitions);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://work-unit-studio.dev/schemas/workunit.schema.json',
    title: unit.title,
    description: unit.doc,
    ...root,
    definitions,
  } as SchemaNode;
}

function blockSchema(block: BlockSpec, definitions: Record<string, SchemaNode>): SchemaNode {
  const required = block.keys.filter((k) => k.required).map((k) => k.key);
  const properties: Record<string, SchemaNode> = {};
  for (const k of block.keys) properties[k.key] = keySchema(k, definitions);
  return {
    ...(block === UNIT ? {} : { title: block.title }),
    type: 'object',
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    properties,
  };
}

/** A named block is written once, as a definition; its places refer to it. */
function blockRef(block: BlockSpec, definitions: Record<string, SchemaNode>): SchemaNode {
  if (!block.definition) return blockSchema(block, definitions);
  if (!definitions[block.definition]) {
    definitions[block.definition] = {}; // taken before recursing
    definitions[block.definition] = blockSchema(block, definitions);
  }
  return { $ref: `#/definitions/${block.definition}` };
}

function keySchema(k: KeySpec, definitions: Record<string, SchemaNode>): SchemaNode {
  const value = valueSchema(k.value, definitions);
  const title = k.title ?? (value.$ref ? undefined : value.title);
  const { title: _drop, ...rest } = value;
  void _drop;
  return { ...(title ? { title } : {}), ...rest, description: k.doc };
}

function valueSchema(v: ValueSpec, definitions: Record<string, SchemaNode>): SchemaNode {
  switch (v.type) {
    case 'version':
      return { title: 'the format version 1', enum: [1] };
    case 'id':
      return { $ref: '#/definitions/id' };
    case 'string':
      return { title: 'a string', type: 'string' };
    case 'number':
      return { title: 'a number', type: 'number' };
    case 'duration':
      return { $ref: '#/definitions/duration' };
    case 'date':
      return { title: 'a date such as 2026-09-14', type: 'string' };
    case 'enum':
      return { title: v.title ?? `one of ${v.values.map((e) => e.value).join(', ')}`, enum: v.values.map((e) => e.value) };
    case 'decision':
      return { title: '`true` or the question decided', anyOf: [{ const: true }, { type: 'string' }] as SchemaNode[] };
    case 'names':
      return { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
    case 'name-list':
      return { type: 'array', items: { type: 'string' } };
    case 'ref': {
      const one: SchemaNode = { $ref: `#/definitions/${REF_DEFINITION[v.to]}` };
      const alternatives: SchemaNode[] = [one];
      if (v.list === 'only') return { type: 'array', items: one };
      if (v.list) alternatives.push({ type: 'array', items: one });
      // A branch without its target yet (`unsure:` while typing) is not a second problem.
      if (v.labelled) alternatives.push({ type: 'object', additionalProperties: { anyOf: [one, { type: 'null' }] } });
      return alternatives.length === 1 ? one : { anyOf: alternatives };
    }
    case 'block':
      return blockRef(v.block, definitions);
    case 'list':
      return { type: 'array', items: blockRef(v.block, definitions) };
    case 'map':
      return { type: 'object', propertyNames: { $ref: '#/definitions/id' }, additionalProperties: blockRef(v.block, definitions) };
  }
}
