/**
 * A validator of LSP messages against the official meta model
 * (`test/fixtures-lsp/metaModel.json`, LSP 3.17 with the proposed 3.18 parts
 * marked): walks a type — base, reference (structure, enumeration, type
 * alias), or, and, literal, stringLiteral, array, map, tuple — against a
 * value, following a structure's `extends` and `mixins`. Strict: a property
 * a structure does not declare, or one (or a type, or an enumeration value)
 * marked proposed, is an error, as it is not LSP 3.17.
 *
 * No npm package validates against the meta model (the `vscode-languageserver-
 * protocol` types are compile-time only), hence this one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Type =
  | { kind: 'base'; name: string }
  | { kind: 'reference'; name: string }
  | { kind: 'array'; element: Type }
  | { kind: 'map'; key: Type; value: Type }
  | { kind: 'and' | 'or' | 'tuple'; items: Type[] }
  | { kind: 'literal'; value: { properties: Property[] } }
  | { kind: 'stringLiteral'; value: string }
  | { kind: 'integerLiteral' | 'booleanLiteral'; value: number | boolean };

interface Property {
  name: string;
  type: Type;
  optional?: boolean;
  proposed?: boolean;
}
interface Structure {
  name: string;
  properties: Property[];
  extends?: Type[];
  mixins?: Type[];
  proposed?: boolean;
}
interface Enumeration {
  name: string;
  type: Type;
  values: { name: string; value: string | number; proposed?: boolean }[];
  supportsCustomValues?: boolean;
  proposed?: boolean;
}
interface TypeAlias {
  name: string;
  type: Type;
  proposed?: boolean;
}
interface Message {
  method: string;
  params?: Type | Type[];
  result?: Type;
  messageDirection: 'clientToServer' | 'serverToClient' | 'both';
  proposed?: boolean;
}
interface Model {
  metaData: { version: string };
  requests: Message[];
  notifications: Message[];
  structures: Structure[];
  enumerations: Enumeration[];
  typeAliases: TypeAlias[];
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const UINT_MAX = 2147483647;

export const META_MODEL_PATH = resolve('test/fixtures-lsp/metaModel.json');

export class MetaModel {
  readonly version: string;
  private readonly structures = new Map<string, Structure>();
  private readonly enumerations = new Map<string, Enumeration>();
  private readonly aliases = new Map<string, TypeAlias>();
  private readonly requests = new Map<string, Message>();
  private readonly notifications = new Map<string, Message>();

  constructor(model: Model = JSON.parse(readFileSync(META_MODEL_PATH, 'utf8')) as Model) {
    this.version = model.metaData.version;
    for (const s of model.structures) this.structures.set(s.name, s);
    for (const e of model.enumerations) this.enumerations.set(e.name, e);
    for (const a of model.typeAliases) this.aliases.set(a.name, a);
    for (const r of model.requests) this.requests.set(r.method, r);
    for (const n of model.notifications) this.notifications.set(n.method, n);
  }

  /** Whether the protocol defines this request (or notification). */
  hasRequest(method: string): boolean {
    return this.requests.has(method);
  }
  hasNotification(method: string): boolean {
    return this.notifications.has(method);
  }

  /** Problems of a result the server sent for a request of `method`. */
  checkResult(method: string, result: unknown): string[] {
    const r = this.requests.get(method);
    if (!r) return [`${method}: not a request of LSP ${this.version}`];
    const problems = r.proposed ? [`${method}: a proposed request`] : [];
    return [...problems, ...this.check(r.result ?? { kind: 'base', name: 'null' }, result, `${method} result`)];
  }

  /** Problems of a notification or request the server sent to the client. */
  checkServerMessage(kind: 'request' | 'notification', method: string, params: unknown): string[] {
    const m = (kind === 'request' ? this.requests : this.notifications).get(method);
    if (!m) return [`${method}: not a ${kind} of LSP ${this.version}`];
    const problems: string[] = [];
    if (m.proposed) problems.push(`${method}: a proposed ${kind}`);
    if (m.messageDirection === 'clientToServer') problems.push(`${method}: a ${kind} only a client may send`);
    if (m.params === undefined) {
      if (params !== undefined) problems.push(`${method}: takes no params, got ${JSON.stringify(params).slice(0, 80)}`);
    } else if (Array.isArray(m.params)) {
      problems.push(...this.check({ kind: 'tuple', items: m.params }, params, `${method} params`));
    } else {
      problems.push(...this.check(m.params, params, `${method} params`));
    }
    return problems;
  }

  /** Problems of `value` as a `type`, each naming where (`at`). */
  check(type: Type, value: unknown, at: string): string[] {
    switch (type.kind) {
      case 'base':
        return this.checkBase(type.name, value, at);
      case 'reference':
        return this.checkReference(type.name, value, at);
      case 'array':
        if (!Array.isArray(value)) return [`${at}: expected an array, got ${describe(value)}`];
        return value.flatMap((v, i) => this.check(type.element, v, `${at}[${i}]`));
      case 'map': {
        if (!isObject(value)) return [`${at}: expected a map, got ${describe(value)}`];
        return Object.entries(value).flatMap(([k, v]) => [...this.checkKey(type.key, k, `${at} key ${JSON.stringify(k)}`), ...this.check(type.value, v, `${at}[${JSON.stringify(k)}]`)]);
      }
      case 'and':
        return type.items.flatMap((t) => this.check(t, value, at));
      case 'or': {
        const attempts = type.items.map((t) => this.check(t, value, at));
        if (attempts.some((p) => p.length === 0)) return [];
        // The alternative that came closest says best what is wrong.
        const closest = attempts.reduce((a, b) => (b.length < a.length ? b : a));
        return [`${at}: matches none of ${type.items.map(typeName).join(' | ')}; closest: ${closest.slice(0, 3).join('; ')}`];
      }
      case 'tuple':
        if (!Array.isArray(value) || value.length !== type.items.length) return [`${at}: expected a tuple of ${type.items.length}, got ${describe(value)}`];
        return type.items.flatMap((t, i) => this.check(t, value[i], `${at}[${i}]`));
      case 'literal':
        return this.checkProperties(type.value.properties, value, at, true);
      case 'stringLiteral':
      case 'integerLiteral':
      case 'booleanLiteral':
        return value === type.value ? [] : [`${at}: expected ${JSON.stringify(type.value)}, got ${describe(value)}`];
    }
  }

  private checkKey(type: Type, key: string, at: string): string[] {
    if (type.kind === 'base' && (type.name === 'integer' || type.name === 'uinteger')) return /^-?\d+$/.test(key) ? [] : [`${at}: expected an integer key`];
    return this.check(type, key, at);
  }

  private checkBase(name: string, value: unknown, at: string): string[] {
    const ok = (() => {
      switch (name) {
        case 'string':
        case 'DocumentUri':
        case 'URI':
        case 'RegExp':
          return typeof value === 'string';
        case 'integer':
          return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX;
        case 'uinteger':
          return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= UINT_MAX;
        case 'decimal':
          return typeof value === 'number' && Number.isFinite(value);
        case 'boolean':
          return typeof value === 'boolean';
        case 'null':
          return value === null;
        default:
          return false;
      }
    })();
    return ok ? [] : [`${at}: expected ${name}, got ${describe(value)}`];
  }

  private checkReference(name: string, value: unknown, at: string): string[] {
    const s = this.structures.get(name);
    if (s) {
      if (s.proposed) return [`${at}: ${name} is a proposed type`];
      return this.checkProperties(this.allProperties(s), value, `${at} (${name})`, false);
    }
    const e = this.enumerations.get(name);
    if (e) {
      if (e.proposed) return [`${at}: ${name} is a proposed enumeration`];
      const base = this.check(e.type, value, at);
      if (base.length > 0) return base;
      const known = e.values.find((v) => v.value === value);
      if (known?.proposed) return [`${at}: ${name}.${known.name} is a proposed value`];
      if (!known && !e.supportsCustomValues) return [`${at}: ${JSON.stringify(value)} is not a value of ${name}`];
      return [];
    }
    const a = this.aliases.get(name);
    if (a) return a.proposed ? [`${at}: ${name} is a proposed type`] : this.check(a.type, value, at);
    return [`${at}: the meta model has no type ${name}`];
  }

  private allProperties(s: Structure): Property[] {
    const inherited = [...(s.extends ?? []), ...(s.mixins ?? [])].flatMap((t) => {
      const parent = t.kind === 'reference' ? this.structures.get(t.name) : undefined;
      return parent ? this.allProperties(parent) : [];
    });
    const own = new Set(s.properties.map((p) => p.name));
    return [...inherited.filter((p) => !own.has(p.name)), ...s.properties];
  }

  private checkProperties(properties: Property[], value: unknown, at: string, literal: boolean): string[] {
    if (!isObject(value)) return [`${at}: expected ${literal ? 'an object literal' : 'an object'}, got ${describe(value)}`];
    const problems: string[] = [];
    const declared = new Map(properties.map((p) => [p.name, p]));
    for (const key of Object.keys(value)) if (!declared.has(key)) problems.push(`${at}: property ${JSON.stringify(key)} is not declared`);
    for (const p of properties) {
      const v = value[p.name];
      if (v === undefined) {
        if (!p.optional) problems.push(`${at}: property ${p.name} is missing`);
        continue;
      }
      if (p.proposed) problems.push(`${at}.${p.name}: a proposed property`);
      problems.push(...this.check(p.type, v, `${at}.${p.name}`));
    }
    return problems;
  }
}

function typeName(t: Type): string {
  switch (t.kind) {
    case 'base':
    case 'reference':
      return t.name;
    case 'array':
      return `${typeName(t.element)}[]`;
    case 'stringLiteral':
      return JSON.stringify(t.value);
    default:
      return t.kind;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
