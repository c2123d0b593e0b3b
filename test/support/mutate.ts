/**
 * Random damage to work units, for the property tests (test/property/):
 * a fixture or example picked at random, then one to four mutations — the
 * kinds of damage an editor sees while someone types: a span deleted, text
 * inserted (random, or YAML-significant snippets; anywhere, or where a
 * line's content starts), a line's indentation shifted, the file truncated, a line duplicated, two lines swapped.
 *
 * Mutations are plain data with positions as fractions of the text (or of
 * its line count), so they apply to any text and shrink towards the start
 * of the file and towards smaller changes. A generated case prints as the
 * fixture's path, the mutations and the mutated text (JSON-escaped), so a
 * failure's counterexample can be pasted into a regression test.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/core/analyze';
import { findFixtures } from './fixtures';

const ROOT = join(__dirname, '..', '..');

export interface Source {
  /** Relative to the repository root. */
  path: string;
  text: string;
}

let sources: Source[] | undefined;

/** Every fixture under test/fixtures/ and every example under examples/, sorted by path. */
export function loadSources(): Source[] {
  sources ??= [...findFixtures(join(ROOT, 'test', 'fixtures')), ...findFixtures(join(ROOT, 'examples'))].map((file) => ({
    path: relative(ROOT, file),
    text: readFileSync(file, 'utf8'),
  }));
  return sources;
}

/** Positions are drawn in [0, SCALE] and scaled to the text: 0 is its start, SCALE its end. */
const SCALE = 10_000;

export type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  /** Inserts `text` where a line's content starts, after its indentation (before a key or a `- `). */
  | { kind: 'prefix'; line: number; text: string }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; line: number; other: number };

/** Text that means something to YAML (or to a text index): the inserts that break files in interesting ways. */
export const YAML_SNIPPETS: readonly string[] = [
  ':',
  ': ',
  '- ',
  '-',
  '&a ',
  '*a',
  '!tag ',
  '!!str ',
  '? ',
  '|',
  '|-',
  '>',
  '>+',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '#',
  ' #',
  '\t',
  '\r\n',
  '\r',
  '\n',
  '\n  ',
  '\n- ',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '<<: *a',
  '😀',
  '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
  '\uFEFF',
  '\u2028',
  '\0',
  '\u0001',
  'é',
  '~',
  'null',
  'end',
  'id: ',
  'performer: ',
  '${1:x}',
  '# workunit-disable-next-line ',
];

const position = fc.integer({ min: 0, max: SCALE });

const insertText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...YAML_SNIPPETS) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...YAML_SNIPPETS), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }) },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 200 })) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: insertText }),
  fc.record({ kind: fc.constant('prefix' as const), line: position, text: insertText }),
  fc.record({ kind: fc.constant('indent' as const), line: position, by: fc.integer({ min: 1, max: 4 }).chain((n) => fc.constantFrom(n, -n)) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate' as const), line: position }),
  fc.record({ kind: fc.constant('swap' as const), line: position, other: position }),
);

/** `p` in [0, SCALE] as an offset in [0, length]. */
function scaled(p: number, length: number): number {
  return Math.min(length, Math.floor((p * (length + 1)) / (SCALE + 1)));
}

/** The text's lines, each with its line break (the last one may have none). Joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function body(line: string): { content: string; eol: string } {
  const m = /(\r\n|\r|\n)$/.exec(line);
  return m ? { content: line.slice(0, -m[1].length), eol: m[1] } : { content: line, eol: '' };
}

/** Applies one mutation; positions outside the text are clamped, so every mutation applies to every text. */
export function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'delete': {
      const at = scaled(m.at, text.length);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = scaled(m.at, text.length);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, scaled(m.at, text.length));
    case 'indent':
    case 'prefix':
    case 'duplicate':
    case 'swap': {
      const lines = splitLines(text);
      if (lines.length === 0) return text;
      const i = Math.min(lines.length - 1, scaled(m.line, lines.length - 1));
      if (m.kind === 'indent') {
        lines[i] = m.by > 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      } else if (m.kind === 'prefix') {
        const indent = /^[ \t]*/.exec(lines[i])![0].length;
        lines[i] = lines[i].slice(0, indent) + m.text + lines[i].slice(indent);
      } else if (m.kind === 'duplicate') {
        const { content, eol } = body(lines[i]);
        lines.splice(i + 1, 0, content + (eol || '\n'));
        if (!eol) lines[i] = content + '\n';
      } else {
        const j = Math.min(lines.length - 1, scaled(m.other, lines.length - 1));
        const a = body(lines[i]);
        const b = body(lines[j]);
        lines[i] = b.content + a.eol;
        lines[j] = a.content + b.eol;
      }
      return lines.join('');
    }
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

export interface MutatedCase {
  source: Source;
  mutations: Mutation[];
  /** The mutated text. */
  text: string;
}

function describeCase(c: MutatedCase): string {
  return `\n  fixture: ${c.source.path}\n  mutations: ${JSON.stringify(c.mutations)}\n  text: ${JSON.stringify(c.text)}\n`;
}

/**
 * A fixture or example with 1–4 mutations applied; it prints as its path, its
 * mutations and its text. `parsing`: only texts that still parse as YAML
 * (about a quarter of them do) — for what only runs on those, like quick-fixes.
 */
export function mutatedUnit(opts: { parsing?: boolean } = {}): fc.Arbitrary<MutatedCase> {
  const all = loadSources();
  const cases = fc
    .record({ index: fc.integer({ min: 0, max: all.length - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) })
    .map(({ index, mutations }) => {
      const c: MutatedCase = { source: all[index], mutations, text: applyMutations(all[index].text, mutations) };
      return Object.assign(c, { [fc.toStringMethod]: () => describeCase(c) });
    });
  return opts.parsing ? cases.filter((c) => analyzeText(c.text).parsed) : cases;
}

/** `count` cursor positions, as fractions of a text to come (see `offsetsIn`). */
export function positionsArb(count: number): fc.Arbitrary<number[]> {
  return fc.array(position, { minLength: count, maxLength: count });
}

/** Offsets into a text of `length`: both ends, then the drawn positions scaled to it. */
export function offsetsIn(length: number, positions: readonly number[]): number[] {
  return [0, length, ...positions.map((p) => scaled(p, length))];
}

/** The seed when neither FC_SEED nor git says one: any fixed number does, so the run stays the same. */
const FALLBACK_SEED = 20_240_611;

let commitSeed: { seed: number; from: string } | undefined;

/**
 * The seed of this run: FC_SEED when set; else the commit's (its first 8 hex digits as a signed 32-bit
 * number), so one commit always runs the same cases; else, without git, a fixed one.
 */
export function runSeed(env: NodeJS.ProcessEnv = process.env): { seed: number; from: string } {
  const given = env.FC_SEED;
  if (given !== undefined && given.trim() !== '') {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be a whole number, not ${JSON.stringify(given)}`);
    return { seed: seed | 0, from: 'FC_SEED' };
  }
  if (!commitSeed) {
    const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const head = git.status === 0 ? /^[0-9a-f]{8}/.exec(git.stdout.trim())?.[0] : undefined;
    commitSeed = head ? { seed: Number.parseInt(head, 16) | 0, from: `commit ${head}` } : { seed: FALLBACK_SEED, from: 'no git commit: the fixed seed' };
  }
  return commitSeed;
}

/**
 * The options for `fc.assert`: `runs` scaled by FC_NUM_RUNS_SCALE (default 1), the run's seed
 * (`runSeed`), and FC_PATH when set (with the seed, it replays one counterexample).
 * Prints one line with the property's runs, its seed and where the seed came from.
 */
export function propertyOptions<T>(name: string, runs: number): fc.Parameters<T> {
  const scale = Number(process.env.FC_NUM_RUNS_SCALE ?? '1');
  const numRuns = Math.max(1, Math.round(runs * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
  const { seed, from } = runSeed();
  const path = process.env.FC_PATH || undefined;
  console.log(`property ${name}: ${numRuns} runs, seed ${seed} (${from})${path ? `, path ${path}` : ''}`);
  return { numRuns, seed, ...(path !== undefined ? { path } : {}) };
}

/** Throws unless `s` is a well-formed range of a text of `length`: 0 ≤ start ≤ end ≤ length, whole numbers. */
export function assertSpanInside(s: { start: number; end: number } | undefined, length: number, what: string): void {
  if (!s || !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.start > s.end || s.end > length) {
    throw new Error(`${what}: range ${JSON.stringify(s)} is not inside the text (length ${length})`);
  }
}

/**
 * Throws when a message or a fix title has a doubled full stop (`…here.. Fix`), as sentences joined
 * carelessly make. What it quotes from the file may hold any dots: text in backticks, a JSON string,
 * and `verbatim` (the yaml parser's own messages, which quote the file unmarked: `Not a YAML token: a..`),
 * of which only a final full stop is kept, where a sentence joined after it could double it.
 */
export function assertNoDoubledFullStop(text: string, what: string, verbatim: readonly string[] = []): void {
  const own = verbatim.reduce((t, v) => t.split(v).join(v.endsWith('.') ? '«quoted».' : '«quoted»'), text);
  const prose = own.replace(/`[^`]*`/g, '`…`').replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
  assert.ok(!prose.includes('..'), `${what}: a doubled full stop in ${JSON.stringify(text)}`);
}

/** Every `{start, end}` range in a value (maps and arrays included), with the path that leads to it; skips the keys named in `skip`. */
export function rangesIn(value: unknown, skip: ReadonlySet<string>, path = '', seen = new Set<unknown>()): { path: string; span: { start: number; end: number } }[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const out: { path: string; span: { start: number; end: number } }[] = [];
  const v = value as Record<string, unknown>;
  if (typeof v.start === 'number' && typeof v.end === 'number') out.push({ path, span: v as { start: number; end: number } });
  const entries: [string, unknown][] = value instanceof Map ? [...value].map(([k, x]) => [String(k), x]) : Array.isArray(value) ? value.map((x, i) => [String(i), x]) : Object.entries(v);
  for (const [k, x] of entries) if (!skip.has(k)) out.push(...rangesIn(x, skip, `${path}.${k}`, seen));
  return out;
}
