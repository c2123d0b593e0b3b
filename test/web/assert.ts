/**
 * `node:assert/strict` for the web-worker extension host, which has no Node
 * built-ins: the in-editor suites import it, and the web suite's build
 * (scripts/build.mjs --web-test) puts this module in its place. Only what
 * the suites use.
 */

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

const show = (v: unknown) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v); // a cycle: the string form will do for a message
  }
};

/** Structural equality of plain data (what the suites compare): primitives by Object.is, arrays and objects key by key. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `expected anything but ${show(expected)}`);
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!same(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function match(value: string, pattern: RegExp, message?: string | Error): void {
  if (!pattern.test(value)) fail(message, `${show(value)} does not match ${pattern}`);
}

export function doesNotMatch(value: string, pattern: RegExp, message?: string | Error): void {
  if (pattern.test(value)) fail(message, `${show(value)} matches ${pattern}`);
}
