/**
 * Hostile inputs (issue 9): what a unit file may hold when it is not a unit
 * at all — built here once, for the protocol tests (as editor text), the
 * soak and the CLI tests (as bytes on disk). Every builder is deterministic:
 * the same input on every run, so a failure reproduces.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateUnit } from './generate';

/**
 * A complete unit (no finding above hint): the "other document" that must keep getting diagnostics — without its
 * `learning.log`: it is opened under made-up paths, where the log it names is not there, and the editor would add
 * `log-unreadable` once it had tried to measure it.
 */
export const CLEAN_UNIT = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8').replace(/^ {2}log:\n(?: {4}.*\n)+/m, '');
/**
 * A unit with known findings, to check that a clean server still diagnoses exactly right (its first diagnostics:
 * those measured from its log, which is not there under a made-up path, come only after the measuring's pause).
 */
export const FINDINGS_UNIT = readFileSync('examples/invoice-matching.workunit.yaml', 'utf8');

/** A megabyte as the size limits count it (MAX_UNIT_TEXT_LENGTH is one). */
export const MB = 1024 * 1024;
/** "A 1 MB single line": a million characters — a unit holding one stays under the 1 MB limit. */
export const MILLION = 1_000_000;

/**
 * "Billion laughs": ten levels of ten aliases each, 10^9 strings once
 * expanded. The parser builds only the (small) alias graph; expanding it
 * for the schema is what must be refused.
 */
export function aliasBomb(): string {
  const lines = ['workunit: 1', 'id: laughs', 'a0: &a0 "lol"'];
  for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  lines.push('steps: *a9', '');
  return lines.join('\n');
}

const bigUnits = new Map<string, string>();

/** A real unit of about `bytes` (at most that many; generated steps, with a few deliberate findings). */
export function bigUnit(bytes: number, id = 'big-unit'): string {
  const key = `${bytes}:${id}`;
  const cached = bigUnits.get(key);
  if (cached) return cached;
  const base = generateUnit(0, id).length;
  const perStep = (generateUnit(1000, id).length - base) / 1000;
  let steps = Math.floor((bytes - base) / perStep);
  let text = generateUnit(steps, id);
  while (text.length > bytes) text = generateUnit((steps -= Math.ceil((text.length - bytes) / perStep)), id);
  bigUnits.set(key, text);
  return text;
}

/** Pseudo-random bytes from a fixed seed (xorshift32): "a binary file", the same one every run. */
export function randomBytes(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** `[[[[…]]]]`, `depth` levels: a flow sequence nested deeper than any recursion can follow. */
export function deepFlow(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/**
 * `a:\n a:\n  a: …`: `depth` levels of block mappings, one more space of
 * indentation each. The indentation is the cost — sum(0..depth) spaces — so
 * 1,400 levels is just under 1 MB, and 10,000 would be 50 MB (past the size
 * limit: refused for that before its depth is looked at).
 */
export function deepBlockMap(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(i)}a:`);
  lines.push(`${' '.repeat(depth)}end`, '');
  return lines.join('\n');
}

/** `- - - - … x`: `depth` nested block sequences on one line (each `- ` opens one more). */
export function deepDashes(depth: number): string {
  return `${'- '.repeat(depth)}x\n`;
}

/** `{a: {a: {…}}}`: nested flow mappings. */
export function deepFlowMap(depth: number): string {
  return `${'{a: '.repeat(depth)}x${'}'.repeat(depth)}\n`;
}

/** CLEAN_UNIT with another id (so that several can share a catalog). */
export function cleanUnit(id: string): string {
  return CLEAN_UNIT.replace(/^id: .*$/m, `id: ${id}`);
}

/** A complete unit whose `name` is one line of `bytes` characters. */
export function longNameLine(bytes: number): string {
  return cleanUnit('long-name').replace(/^name: .*$/m, `name: ${'n'.repeat(bytes)}`);
}

/**
 * A unit whose `measuredBy` is a flow sequence on one line of about `bytes`
 * characters: the unit's own two metrics, over and over (`unknown: true`:
 * `q`, which no metric declares, over and over: one finding each, 330,000).
 */
export function longFlowLine(bytes: number, unknown = false): string {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = unknown ? 'q' : i % 2 ? 'first-pass-rate' : 'cycle-time';
    items.push(item);
    size += item.length + 2;
  }
  return cleanUnit(unknown ? 'long-flow-unknown' : 'long-flow').replace(/^ {2}measuredBy: .*$/m, `  measuredBy: [${items.join(', ')}]`);
}

/** A unit with invalid UTF-8 in it: lone continuation bytes, an overlong form, a truncated sequence, a surrogate. */
export function invalidUtf8(): Buffer {
  const text = Buffer.from(CLEAN_UNIT, 'utf8');
  const at = text.indexOf('name: ') + 'name: '.length;
  const bad = Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xff, 0xfe]);
  return Buffer.concat([text.subarray(0, at), bad, text.subarray(at)]);
}

/** What an editor sends for bytes on disk: UTF-8 decoded, invalid sequences as U+FFFD. */
export function decoded(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

export interface HostileInput {
  name: string;
  /** The file's bytes (on disk). */
  bytes: () => Buffer;
  /** The text an editor would send for it. */
  text: () => string;
  /** What it must get: one `yaml-syntax` finding whose message matches, or (null) no finding at all. */
  expect: RegExp | null;
}

const TOO_DEEP = /nested more than 100 levels deep/;
const BINARY = /NUL character.*binary data/;

const fromText = (name: string, make: () => string, expect: RegExp | null): HostileInput => ({ name, text: make, bytes: () => Buffer.from(make(), 'utf8'), expect });

/**
 * Every hostile input of issue 9 that is a file's content (the folder named
 * like a unit and the symlinks are the tests' own), with what the server and
 * the CLI must say about it.
 */
export function hostileInputs(): HostileInput[] {
  return [
    fromText('alias-bomb', aliasBomb, /too many aliases.*alias bomb/),
    fromText('five-mb-unit', () => bigUnit(5 * MB), /This file is 5 MB, more than the 1 MB a work unit may have/),
    { name: 'random-binary', bytes: () => randomBytes(256 * 1024), text: () => decoded(randomBytes(256 * 1024)), expect: BINARY },
    fromText('deep-flow-seq', () => deepFlow(10_000), TOO_DEEP),
    fromText('deep-flow-map', () => deepFlowMap(10_000), TOO_DEEP),
    fromText('deep-block-map', () => deepBlockMap(1_400), TOO_DEEP),
    fromText('deep-dashes', () => deepDashes(10_000), TOO_DEEP),
    fromText('one-mb-name', () => longNameLine(MILLION), null),
    // 83,000 entries: past the item limit (parsing them would take about a second).
    fromText('one-mb-flow-seq', () => longFlowLine(MILLION), /more than 50,000 items/),
    { name: 'invalid-utf8', bytes: invalidUtf8, text: () => decoded(invalidUtf8()), expect: /not valid UTF-8/ },
    fromText('nul-bytes', () => `workunit: 1\nid: nul\u0000\u0000\nname: \u0000\u0001\u0002\n`, BINARY),
    fromText('control-characters', () => CLEAN_UNIT.replace(/^name: (.*)$/m, 'name: \u001b[31m$1\u001b[0m\u0007'), /control character \(U\+001B\)/),
  ];
}

/**
 * A folder of hostile files, as a workspace or `lint` meets them: every
 * hostile input; a 6 MB unit (`six-mb`); a clean unit (`clean-unit`); a
 * folder named `folder.workunit.yaml` holding a clean unit (`inside-unit`);
 * `loop -> .`; a dangling link and a link to itself named like units; a
 * named pipe (where `mkfifo` exists); and `unreadable.workunit.yaml`, mode
 * 000 (`unreadable-unit` — root still reads it: the caller checks).
 */
export function writeHostileFolder(dir: string): { fifo: boolean } {
  const path = (name: string) => join(dir, name);
  for (const h of hostileInputs()) writeFileSync(path(`${h.name}.workunit.yaml`), h.bytes());
  writeFileSync(path('six-mb.workunit.yaml'), bigUnit(6 * MB, 'six-mb'));
  writeFileSync(path('clean.workunit.yaml'), cleanUnit('clean-unit'));
  mkdirSync(path('folder.workunit.yaml'));
  writeFileSync(path('folder.workunit.yaml/inside.workunit.yaml'), cleanUnit('inside-unit'));
  symlinkSync('.', path('loop'));
  symlinkSync('nowhere.workunit.yaml', path('dangling.workunit.yaml'));
  symlinkSync('self.workunit.yaml', path('self.workunit.yaml'));
  writeFileSync(path('unreadable.workunit.yaml'), cleanUnit('unreadable-unit'));
  chmodSync(path('unreadable.workunit.yaml'), 0);
  return { fifo: spawnSync('mkfifo', [path('pipe.workunit.yaml')]).status === 0 };
}
