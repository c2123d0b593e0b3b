/**
 * Quick-fixes. The acceptance part applies every fix offered for every
 * finding of every fixture and example — alone, to the original text, with
 * snippets off and on (tab stops reduced to their default text) — and checks
 * that (1) the result still parses, (2) the finding it answers is gone at
 * that place, (3) no new error (and no unjustified warning) appears, and (4)
 * every line the edits did not touch is still there, unchanged and in order.
 * The same for "fix all". Then focused tests of the file's own style.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { applyEdits, applyFixAll, fixAll, fixAllEdits, fixesFor, RULES_WITH_FIXES, type Fix, type TextEdit } from '../../server/src/core/fixes';
import { LevelResolver } from '../../server/src/core/config/levels';
import type { Finding } from '../../server/src/core/rules/types';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { findFixtures } from '../support/fixtures';

// ---------------------------------------------------------------------------
// Helpers.

/** Snippet syntax reduced to what a user gets by tabbing through: each placeholder's default text. */
function stripSnippet(s: string): string {
  let out = '';
  let i = 0;
  const unescape = (t: string) => t.replace(/\\([\\$}|,])/g, '$1');
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && '\\$}'.includes(s[i + 1])) {
      out += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      const simple = /^\$(\d+)/.exec(s.slice(i));
      if (simple) {
        i += simple[0].length;
        continue;
      }
      const m = /^\$\{(\d+)(?::((?:\\.|[^\\}])*)|\|((?:\\.|[^\\|])*)\|)?\}/.exec(s.slice(i));
      if (m) {
        if (m[2] !== undefined) out += unescape(m[2]);
        else if (m[3] !== undefined) out += unescape(m[3].split(/(?<!\\),/)[0]);
        i += m[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

const linesOf = (t: string) => t.split(/\r\n|\r|\n/);

/** Original lines an edit changes: a replaced range's lines, or the line an insertion lands inside of. */
function touchedLines(text: string, edits: TextEdit[]): Set<number> {
  const li = new LineIndex(text);
  const touched = new Set<number>();
  for (const e of edits) {
    if (e.start === e.end) {
      // An insertion changes its line unless it adds whole lines: at the line's start ending with a
      // line break, or at its end starting with one.
      const line = li.lineAt(e.start);
      const atStart = e.start === li.lineStart(line) && /[\r\n]$/.test(e.newText);
      const atEnd = e.start === li.lineEnd(line) && /^[\r\n]/.test(e.newText);
      if (!atStart && !atEnd && !(e.start === text.length && e.start === li.lineStart(line))) touched.add(line);
      continue;
    }
    for (let l = li.lineAt(e.start); l <= li.lineAt(e.end - 1); l++) touched.add(l);
    // A replacement ending inside a line (not at its start) changes that line too.
    const endLine = li.lineAt(e.end);
    if (e.end > li.lineStart(endLine) && e.end < li.lineEnd(endLine)) touched.add(endLine);
  }
  return touched;
}

/** Where an original offset lands after the edits (text after an insertion point moves past it). */
function mapOffset(offset: number, edits: TextEdit[]): number {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.end <= offset && !(e.start === e.end && e.start > offset)) {
      if (e.start === offset && e.end > offset) return offset + shift;
      shift += e.newText.length - (e.end - e.start);
    } else if (e.start <= offset && offset < e.end) return e.start + shift;
  }
  return offset + shift;
}

/** Is `sub` a subsequence of `seq`? Returns the first line of `sub` that is not. */
function missingFromSubsequence(sub: { line: number; text: string }[], seq: string[]): { line: number; text: string } | undefined {
  let j = 0;
  for (const item of sub) {
    while (j < seq.length && seq[j] !== item.text) j++;
    if (j >= seq.length) return item;
    j++;
  }
  return undefined;
}

interface Place {
  rule: string;
  severity: string;
  key: string;
}

/** Findings by rule and line, lines named by the original line they stand on ("edited" for new text). */
function places(findings: Finding[], li: LineIndex, lineName: (line: number) => string): Place[] {
  return findings.map((f) => ({ rule: f.rule, severity: f.severity, key: `${f.rule}@${lineName(li.lineAt(f.span.start))}` }));
}

function countBy(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Rules whose fix scaffolds a missing element or part: afterwards the rule does not fire at all. */
const SCAFFOLDED = new Set(['missing-outcome', 'missing-execution-structure', 'missing-execution-logic', 'missing-learning-loop', 'learning-without-metrics', 'review-without-owner', 'no-exception-rules']);

/**
 * Warnings a fix may bring, each with why it is right that it does. Keyed by
 * the rule the fix answers; matched against the fix title where it matters.
 */
const JUSTIFIED_WARNINGS: { rule: string; title?: RegExp; warning: string; why: string }[] = [
  // An AI agent chosen by the author as performer (from the menu) makes an AI step with no accountable
  // human yet: exactly what that warning exists to say, and the next thing to fix.
  { rule: 'step-without-owner', title: /\(AI agent\)$/, warning: 'machine-step-without-accountable', why: 'the author chose an AI agent as performer' },
  // The same for an automation at a step that makes or feeds a decision (1.1): the boundary rule asks for
  // the accountable human next.
  { rule: 'step-without-owner', title: /\(automation\)$/, warning: 'machine-step-without-accountable', why: 'the author chose a machine where a decision is made or fed' },
  // Declaring an unknown performer as an AI agent turns its step from "performer unknown" (the rule keeps
  // quiet) into an AI step without an accountable.
  { rule: 'unknown-actor', title: /as an (AI agent|automation)$/, warning: 'machine-step-without-accountable', why: 'the declared machine performs a step without an accountable (an AI step, or one at a decision)' },
  // Giving an actor the kind ai-agent: the same, for the steps it performs.
  { rule: 'schema', title: /`(ai-agent|automation)`/, warning: 'machine-step-without-accountable', why: 'the actor is now a machine performing steps without an accountable (AI steps, or steps at a decision)' },
  // A misspelt `performer` renamed: the machine the author wrote there now performs a step at a decision (1.1).
  { rule: 'unknown-key', title: /Rename to `performer`/, warning: 'machine-step-without-accountable', why: 'the author wrote that machine as the performer' },
  // `next: end` (or another step) in place of an unknown name: the step no longer falls through, so the
  // step after it may become unreachable. The author chose where the flow goes; the warning shows the
  // consequence.
  { rule: 'unknown-step', warning: 'unreachable-step', why: 'the flow now follows the chosen reference instead of falling through' },
  // By design, though no fixture has it: steps scaffolded in a unit whose only declared actors are AI
  // agents are performed by one, with no person to be accountable yet.
  { rule: 'missing-execution-logic', warning: 'machine-step-without-accountable', why: 'the only declared actors are AI agents' },
];

/** A scaffold writes what it cannot know as a `<…>` placeholder (spec 1.1): its `placeholder` warning is the point. */
const writesPlaceholder = (fix: Fix) => fix.edits.some((e) => /<[^<>\n]+>/.test(e.newText));

/** Findings a fix is held to: a placeholder it wrote restates the gap it filled, it is not a new problem. */
const counted = (findings: Finding[]) => findings.filter((f) => f.rule !== 'placeholder');

function justified(fix: Fix, warning: string): boolean {
  if (warning === 'placeholder' && writesPlaceholder(fix)) return true;
  return JUSTIFIED_WARNINGS.some((j) => j.rule === fix.rule && j.warning === warning && (!j.title || j.title.test(fix.title)));
}

/** Checks one fix applied alone to `text`; returns what is wrong, each naming the fixture and the fix. */
function checkFix(name: string, text: string, finding: Finding, fix: Fix, mode: string): string[] {
  const problems: string[] = [];
  const where = `${name} [${mode}] ${finding.rule}@${new LineIndex(text).lineAt(finding.span.start) + 1} "${fix.title}"`;
  const edits = fix.edits.map((e) => ({ ...e, newText: mode === 'snippets' ? stripSnippet(e.newText) : e.newText }));
  let result: string;
  try {
    result = applyEdits(text, edits);
  } catch (e) {
    return [`${where}: edits do not apply: ${(e as Error).message}`];
  }
  const before = analyzeText(text);
  const after = analyzeText(result);
  // (1) Still YAML.
  if (!after.parsed || after.findings.some((f) => f.rule === 'yaml-syntax')) {
    return [`${where}: the result does not parse: ${after.findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message).join('; ')}\n${result}`];
  }
  const oli = new LineIndex(text);
  const rli = new LineIndex(result);
  const touched = touchedLines(text, edits);
  // Result line of each untouched original line.
  const image = new Map<number, number>();
  for (let l = 0; l < oli.lineCount; l++) if (!touched.has(l)) image.set(rli.lineAt(mapOffset(oli.lineStart(l), edits)), l);
  const origName = (l: number) => (touched.has(l) ? 'edited' : String(l));
  const resultName = (l: number) => (image.has(l) ? String(image.get(l)) : 'edited');
  // (2) The finding is gone at its place.
  const line = oli.lineAt(finding.span.start);
  const newStart = mapOffset(finding.span.start, edits);
  const newLine = rli.lineAt(newStart);
  const sameRule = after.findings.filter((f) => f.rule === finding.rule);
  const isFileSuppression = /in this file$/.test(fix.title);
  const isLineSuppression = /on this line$/.test(fix.title);
  if (isFileSuppression || (SCAFFOLDED.has(finding.rule) && !isLineSuppression)) {
    if (sameRule.length > 0) problems.push(`${where}: \`${finding.rule}\` still fires (line ${rli.lineAt(sameRule[0].span.start) + 1})`);
  } else if (isLineSuppression) {
    if (sameRule.some((f) => rli.lineAt(f.span.start) === newLine)) problems.push(`${where}: \`${finding.rule}\` still fires on its line`);
  } else if (edits.some((e) => e.newText === '' && e.start <= finding.span.start && finding.span.start < e.end)) {
    // Its text was removed: one finding fewer of the rule.
    if (sameRule.length >= before.findings.filter((f) => f.rule === finding.rule).length) problems.push(`${where}: removing its text left as many \`${finding.rule}\` findings`);
  } else {
    const beforeCount = before.findings.filter((f) => f.rule === finding.rule && oli.lineAt(f.span.start) === line).length;
    const afterCount = sameRule.filter((f) => rli.lineAt(f.span.start) === newLine).length;
    if (afterCount >= beforeCount || sameRule.some((f) => f.span.start === newStart)) problems.push(`${where}: \`${finding.rule}\` still fires at its place (line ${newLine + 1})`);
  }
  // (3) No new error anywhere; no new warning unless justified.
  const was = countBy(places(before.findings, oli, origName).map((p) => `${p.severity}:${p.key}`));
  const now = places(after.findings, rli, resultName);
  const seen = new Map<string, number>();
  for (const p of now) {
    if (p.severity !== 'error' && p.severity !== 'warning') continue;
    const k = `${p.severity}:${p.key}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
    if (seen.get(k)! <= (was.get(k) ?? 0)) continue;
    if (p.severity === 'warning' && justified(fix, p.rule)) continue;
    problems.push(`${where}: new ${p.severity} \`${p.key}\``);
  }
  // A preferred fix is applied by "fix all" unasked: alone, it adds no finding at all.
  if (fix.preferred && counted(after.findings).length > counted(before.findings).length) {
    problems.push(`${where}: preferred, but ${after.findings.length} findings after, ${before.findings.length} before: ${after.findings.map((f) => f.rule).join(', ')}`);
  }
  // (4) Nothing the author wrote is lost.
  const olines = linesOf(text);
  const untouched = olines.map((t, l) => ({ line: l, text: t })).filter((x) => !touched.has(x.line));
  const lost = missingFromSubsequence(untouched, linesOf(result));
  if (lost) problems.push(`${where}: original line ${lost.line + 1} is lost or moved: ${JSON.stringify(lost.text)}`);
  // CRLF files get CRLF lines only.
  if (text.includes('\r\n') && /(^|[^\r])\n/.test(edits.map((e) => e.newText).join('\u0000'))) problems.push(`${where}: LF line break inserted into a CRLF file`);
  return problems;
}

function checkFile(name: string, text: string): { problems: string[]; fixes: number; findings: number } {
  const a = analyzeText(text);
  const problems: string[] = [];
  let fixes = 0;
  for (const finding of a.findings) {
    const plain = fixesFor(a.unit, finding, { snippets: false });
    const snip = fixesFor(a.unit, finding, { snippets: true });
    if (plain.map((f) => f.title).join('|') !== snip.map((f) => f.title).join('|')) problems.push(`${name}: ${finding.rule}: the fixes differ with and without snippets`);
    for (const f of plain) {
      if (f.snippet || f.edits.some((e) => /\$\{?\d/.test(e.newText))) problems.push(`${name}: "${f.title}": snippet syntax with snippets off`);
      if (f.rule !== finding.rule) problems.push(`${name}: "${f.title}": answers \`${f.rule}\`, not \`${finding.rule}\``);
    }
    for (const f of snip) if (f.snippet !== f.edits.some((e) => /\$\{?\d/.test(e.newText))) problems.push(`${name}: "${f.title}": snippet flag does not match its text`);
    if (finding.rule === 'yaml-syntax' && plain.length > 0) problems.push(`${name}: yaml-syntax has fixes`);
    if (finding.rule !== 'yaml-syntax' && !plain.some((f) => /in this file$/.test(f.title))) problems.push(`${name}: ${finding.rule}: no file-wide suppression offered`);
    for (const f of plain) if (!/^Suppress /.test(f.title)) ownFixes.set(f.rule, (ownFixes.get(f.rule) ?? 0) + 1);
    for (const [mode, list] of [['plain', plain], ['snippets', snip]] as const) {
      for (const fix of list) {
        fixes++;
        problems.push(...checkFix(name, text, finding, fix, mode));
      }
    }
  }
  return { problems, fixes, findings: a.findings.length };
}

function lostLines(before: string, after: string, edits: TextEdit[]): { line: number; text: string } | undefined {
  const touched = touchedLines(before, edits);
  const untouched = linesOf(before).map((t, l) => ({ line: l, text: t })).filter((x) => !touched.has(x.line));
  return missingFromSubsequence(untouched, linesOf(after));
}

function checkFixAll(name: string, text: string): string[] {
  const first = analyzeText(text);
  if (!first.parsed) return [];
  const problems: string[] = [];
  // Round by round, as applyFixAll does, checking each round's edits.
  let current = text;
  for (let round = 1; round <= 10; round++) {
    const before = analyzeText(current);
    const edits = fixAllEdits(before.unit, before.findings);
    if (edits.length === 0) break;
    for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].end || edits[i].start === edits[i - 1].start) problems.push(`${name}: round ${round}: edits overlap at ${edits[i].start}`);
    const next = applyEdits(current, edits);
    const after = analyzeText(next);
    if (!after.parsed) problems.push(`${name}: round ${round}: the result does not parse:\n${next}`);
    if (counted(after.findings).length > counted(before.findings).length) problems.push(`${name}: round ${round}: ${after.findings.length} findings, ${before.findings.length} before: ${after.findings.map((f) => f.rule).join(', ')}`);
    if (after.findings.filter((f) => f.severity === 'error').length > before.findings.filter((f) => f.severity === 'error').length) problems.push(`${name}: round ${round}: more errors than before`);
    const lost = lostLines(current, next, edits);
    if (lost) problems.push(`${name}: round ${round}: line ${lost.line + 1} lost: ${JSON.stringify(lost.text)}`);
    if (problems.length > 0 || next === current) break;
    current = next;
  }
  const result = applyFixAll(text);
  if (problems.length === 0 && result !== current) problems.push(`${name}: applyFixAll differs from the rounds of fixAllEdits`);
  if (counted(analyzeText(result).findings).length > counted(first.findings).length) problems.push(`${name}: applyFixAll: more findings than before`);
  if (applyFixAll(result) !== result) problems.push(`${name}: applyFixAll did not reach a fixed point`);
  return problems;
}

// ---------------------------------------------------------------------------
// Acceptance over every fixture and example.

const files = [...findFixtures('test/fixtures'), ...findFixtures('examples')];
const totals = { fixes: 0, findings: 0 };
/** Fixes other than suppressions, by rule: every rule with fixes of its own must show some. */
const ownFixes = new Map<string, number>();

describe('fixes: every fix on every fixture', () => {
  it('finds the fixtures and examples', () => assert.ok(files.length >= 250, `only ${files.length} files`));
  for (const file of files) {
    const name = relative('.', file);
    const text = readFileSync(file, 'utf8');
    it(name, () => {
      const r = checkFile(name, text);
      totals.fixes += r.fixes;
      totals.findings += r.findings;
      assert.deepEqual(r.problems, [], `\n${r.problems.join('\n')}`);
    });
    it(`${name} (CRLF)`, () => {
      const crlf = text.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n');
      const r = checkFile(`${name} (CRLF)`, crlf);
      assert.deepEqual(r.problems, [], `\n${r.problems.join('\n')}`);
    });
    it(`${name} (byte-order mark)`, () => {
      const r = checkFile(`${name} (BOM)`, `\ufeff${text}`);
      assert.deepEqual(r.problems, [], `\n${r.problems.join('\n')}`);
    });
    it(`${name} (fix all)`, () => {
      const problems = checkFixAll(name, text);
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
    });
  }
  it('every rule with fixes of its own offered some on the fixtures', () => {
    assert.deepEqual(RULES_WITH_FIXES.filter((r) => !ownFixes.has(r)), []);
  });
  it('offered fixes for the findings', () => {
    assert.ok(totals.findings > 300, `${totals.findings} findings`);
    assert.ok(totals.fixes > totals.findings * 2, `${totals.fixes} fixes for ${totals.findings} findings`);
  });
});

/** Shapes no fixture has, run through the same acceptance checks. */
const SHAPES: Record<string, string> = {
  'no final newline, nothing but a header': 'workunit: 1\nid: bare-unit\nname: Bare\nowner: lead',
  'document markers and a comment after the end': '# head\n---\nworkunit: 1\nid: marked\nname: Marked\nowner: lead\nsteps:\n  - id: a\n    performer: lead\n...\n# after the end\n',
  'a flow root': '{ workunit: 1, id: flow-root, name: Flow root, owner: lead }\n',
  'an empty file': '',
  // The property run of adbbc55 (seed -1380203171): a fix added `metrics:` beside a collection key and broke the YAML.
  'a collection as a key in learning: `? metrics:` at a column of its own': [
    'workunit: 1', 'id: explicit-key', 'name: Explicit key', 'owner: lead', 'outcome:', '  statement: Every claim paid', '  measuredBy: [cycle-time]',
    'actors:', '  lead: { kind: human }', 'steps:', '  - id: a', '    performer: lead',
    'learning:', ' ? metrics:', '    - id: cycle-time', '      kind: cycle-time', '      baseline: 9', '      target: 5', '  review:', '    cadence: monthly', '    owner: lead',
  ].join('\n') + '\n',
  'only comments': '# nothing yet\n# still nothing\n',
  'no header keys, no id': 'actors:\n  lead: { kind: human }\nsteps:\n  - id: a\n    performer: lead\n',
  'a step through an alias, a step from a merge': [
    'workunit: 1', 'id: alias-steps', 'name: Alias steps', 'owner: lead', 'actors:', '  lead: { kind: human }', '  bot: { kind: ai-agent }',
    'steps:', '  - &first', '    id: a', '    name: First', '  - *first', '  - <<: *first', '    id: b', '    performer: bot',
  ].join('\n') + '\n',
  'quoted keys and values, tabs in values, unicode': [
    'workunit: 1', 'id: "quoted-unit"', "name: 'Quoted — ünïcode 👍'", 'owner: "lead"', 'actors:', '  "lead": { kind: "human" }', "  'bot': { kind: ai-agent }",
    'steps:', '  - id: "a"', '    name: "tab\there"', '    performer: "bot"', '  - id: b', '    performer: "ghost"',
    'learning:', '  metrics:', '    - id: "ct"', '      kind: cycle-time',
  ].join('\n') + '\n',
  'comments between a key and its block': [
    'workunit: 1', 'id: commented', 'name: Commented', 'owner: lead', 'actors:', '  # people', '  lead: { kind: human }', '  spare: { kind: human }',
    'steps:', '  # the first step', '  - id: a', '    # its performer', '    performer: lead', '  - id: b',
  ].join('\n') + '\n',
  'four spaces, CRLF and a byte-order mark': '\ufeff' + [
    'workunit: 1', 'id: four-crlf', 'name: Four CRLF', 'owner: lead', 'actors:', '    lead:', '        kind: human', '    bot:', '        kind: ai-agent',
    'steps:', '    -   id: a', '        performer: bot', '        decision: true', '    -   id: b',
  ].join('\r\n') + '\r\n',
};

describe('fixes: shapes no fixture has', () => {
  for (const [name, text] of Object.entries(SHAPES)) {
    it(name, () => {
      const r = checkFile(name, text);
      const problems = [...r.problems, ...checkFixAll(name, text)];
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
    });
  }
});

// ---------------------------------------------------------------------------
// Focused tests.

const unitText = (lines: string[], eol = '\n') => lines.join(eol) + eol;

function findingOf(text: string, rule: string): { unit: ReturnType<typeof analyzeText>['unit']; finding: Finding } {
  const a = analyzeText(text);
  const finding = a.findings.find((f) => f.rule === rule);
  assert.ok(finding, `no \`${rule}\` finding in:\n${text}\nfound: ${a.findings.map((f) => f.rule).join(', ')}`);
  return { unit: a.unit, finding };
}

function theFix(text: string, rule: string, title: RegExp, snippets = false): Fix {
  const { unit, finding } = findingOf(text, rule);
  const fixes = fixesFor(unit, finding, { snippets });
  const fix = fixes.find((f) => title.test(f.title));
  assert.ok(fix, `no fix ${title} for \`${rule}\`; offered: ${fixes.map((f) => f.title).join(' | ')}`);
  return fix;
}

const applied = (text: string, fix: Fix) => applyEdits(text, fix.edits);

/** A unit with every element but the learning loop (and with what a test adds). */
const BASE = [
  '# Claims payout: a small unit for the focused tests.',
  'workunit: 1',
  'id: claims-payout',
  'name: Claim payout',
  'owner: payout-lead',
  '',
  'outcome:',
  '  statement: Every approved claim paid within 3 days',
  '',
  'actors:',
  '  payout-lead: { kind: human, role: Payout lead }',
  '  bank-link: { kind: automation, system: Bank gateway }',
  '',
  'steps:',
  '  - id: pay',
  '    name: Send the payment',
  '    performer: bank-link',
  '  - id: confirm',
  '    name: Confirm the payment',
  '    performer: payout-lead',
  '',
  'exceptions:',
  '  - id: bank-rejects',
  '    when: The bank rejects the payment',
  '    at: pay',
  '    owner: payout-lead',
];

const LEARNING_2 = [
  '',
  'learning:',
  '  metrics:',
  '    - id: cycle-time',
  '      kind: cycle-time',
  '      unit: hours',
  '      baseline: <the value before the change>',
  '      target: <the value to reach>',
  '    - id: exception-rate',
  '      kind: exception-rate',
  '      unit: percent',
  '      baseline: <the value before the change>',
  '      target: <the value to reach>',
  '  review:',
  '    cadence: weekly',
  '    owner: payout-lead',
];

describe('fixes: the test’s own helpers', () => {
  it('reduces snippet syntax to the default text', () => {
    assert.equal(stripSnippet('a ${1:x\\}y} ${2|p,q|} $3${4} \\$ \\\\'), 'a x}y p  $ \\');
  });
});

describe('fixes: the file’s own style', () => {
  it('a 2-space file with indented lists gets a 2-space learning loop, a blank line before, at the end', () => {
    const text = unitText(BASE);
    const fix = theFix(text, 'missing-learning-loop', /learning loop/);
    assert.equal(applied(text, fix), unitText([...BASE, ...LEARNING_2]));
  });

  it('a 4-space file with lists not indented under their key gets the same', () => {
    const four = [
      'workunit: 1',
      'id: claims-payout',
      'name: Claim payout',
      'owner: payout-lead',
      '',
      'outcome:',
      '    statement: Every approved claim paid within 3 days',
      '',
      'actors:',
      '    payout-lead:',
      '        kind: human',
      '    bank-link:',
      '        kind: automation',
      '',
      'steps:',
      '-   id: pay',
      '    performer: bank-link',
      '-   id: confirm',
      '    performer: payout-lead',
      '',
      'exceptions:',
      '-   id: bank-rejects',
      '    at: pay',
      '    owner: payout-lead',
    ];
    const text = unitText(four);
    const fix = theFix(text, 'missing-learning-loop', /learning loop/);
    const expected = [
      '',
      'learning:',
      '    metrics:',
      '    -   id: cycle-time',
      '        kind: cycle-time',
      '        unit: hours',
      '        baseline: <the value before the change>',
      '        target: <the value to reach>',
      '    -   id: exception-rate',
      '        kind: exception-rate',
      '        unit: percent',
      '        baseline: <the value before the change>',
      '        target: <the value to reach>',
      '    review:',
      '        cadence: weekly',
      '        owner: payout-lead',
    ];
    assert.equal(applied(text, fix), unitText([...four, ...expected]));
    // A key added inside a 4-space block follows it too.
    const noPerformer = unitText(four.filter((l) => l !== '    performer: payout-lead'));
    const assign = theFix(noPerformer, 'step-without-owner', /payout-lead/);
    assert.match(applied(noPerformer, assign), /\n-   id: confirm\n    performer: payout-lead\n/);
  });

  it('a CRLF file gets CRLF line breaks, and nothing else changes', () => {
    const text = unitText(BASE, '\r\n');
    const fix = theFix(text, 'missing-learning-loop', /learning loop/);
    const out = applied(text, fix);
    assert.equal(out, unitText([...BASE, ...LEARNING_2], '\r\n'));
    assert.doesNotMatch(out, /[^\r]\n/, 'a lone LF in the result');
    const suppress = theFix(text, 'missing-learning-loop', /on this line/);
    assert.match(suppress.edits[0].newText, /\r\n$/);
    assert.doesNotMatch(applied(text, suppress), /[^\r]\n/);
  });

  it('keeps comments: around, inside and after the blocks, and before a document end marker', () => {
    const lines = [
      '# header comment',
      '---',
      'workunit: 1 # the version',
      'id: claims-payout # the id',
      'name: Claim payout',
      'owner: payout-lead',
      '',
      '# the outcome',
      'outcome: # block',
      '  statement: Every approved claim paid within 3 days # result',
      '',
      'steps: # the steps',
      '  - id: pay # first',
      '    performer: payout-lead',
      '    # an indented comment that belongs to the step',
      '# a comment before the end',
      '...',
      '# after the end marker',
    ];
    const text = unitText(lines);
    for (const rule of ['missing-execution-structure', 'missing-learning-loop']) {
      const fix = theFix(text, rule, /^(Declare|Add)/);
      const out = applied(text, fix);
      const comments = lines.filter((l) => l.includes('#'));
      assert.deepEqual(out.split('\n').filter((l) => comments.includes(l)), comments, `${fix.title}: comments lost or reordered`);
      assert.ok(analyzeText(out).parsed, `${fix.title}: does not parse:\n${out}`);
      assert.ok(out.indexOf(rule === 'missing-learning-loop' ? '\nlearning:' : '\nactors:') < out.indexOf('\n...'), `${fix.title}: written after the document end`);
      // The step's own comment stays with the step.
      assert.match(out, /performer: payout-lead\n {4}# an indented comment that belongs to the step\n/);
    }
  });
});

describe('fixes: scaffolds', () => {
  it('the learning loop is reviewed by the unit’s owner, by id, and is preferred when the owner is a declared human', () => {
    const text = unitText(BASE);
    const fix = theFix(text, 'missing-learning-loop', /learning loop/, true);
    assert.equal(fix.preferred, true);
    assert.equal(fix.snippet, true);
    assert.match(fix.edits[0].newText, /\n {2}review:\n {4}cadence: \$\{\d+\|weekly,daily,biweekly,monthly,quarterly\|\}\n {4}owner: payout-lead$/);
    assert.match(fix.edits[0].newText, /unit: \$\{1:hours\}\n {6}baseline: \$\{2:<the value before the change>\}\n {6}target: \$\{3:<the value to reach>\}/);
    // An owner that is not a person: a choice of the declared humans, not preferred.
    const botOwned = unitText(BASE.map((l) => (l === 'owner: payout-lead' ? 'owner: bank-link' : l)));
    const other = theFix(botOwned, 'missing-learning-loop', /learning loop/, true);
    assert.equal(other.preferred, false);
    assert.match(other.edits[0].newText, /owner: payout-lead$/, 'the only human, as a one-item choice');
  });

  it('actors are declared from the performers, accountables and owners the file names', () => {
    const lines = [
      'workunit: 1',
      'id: contract-renewal',
      'name: Contract renewal',
      'owner: account-manager',
      '',
      'outcome:',
      '  statement: Renewal signed 30 days before contract end',
      '',
      'steps:',
      '  - id: forecast',
      '    performer: crm-job',
      '  - id: negotiate',
      '    performer: [account-manager, pricing-bot]',
      '    accountable: sales-director',
      '    decision: true',
    ];
    const text = unitText(lines);
    const plain = theFix(text, 'missing-execution-structure', /Declare/);
    const out = applied(text, plain);
    assert.match(out, /\n\nactors:\n {2}account-manager: \{ kind: human \}\n {2}crm-job: \{ kind: human \}\n {2}pricing-bot: \{ kind: human \}\n {2}sales-director: \{ kind: human \}\n\nsteps:/);
    const snip = theFix(text, 'missing-execution-structure', /Declare/, true);
    const t = snip.edits[0].newText;
    assert.match(t, /account-manager: \{ kind: human \}/, 'the unit owner can only be a person');
    assert.match(t, /sales-director: \{ kind: human \}/, 'an accountable can only be a person');
    assert.match(t, /crm-job: \{ kind: \$\{1\|human,ai-agent,automation\|\} \}/);
    assert.match(t, /pricing-bot: \{ kind: \$\{2\|human,ai-agent,automation\|\} \}/);
    assert.equal(analyzeText(out).findings.filter((f) => f.rule === 'missing-execution-structure' || f.rule === 'unknown-actor').length, 0);
    // Nothing named: one human actor for the unit owner.
    const bare = unitText(lines.filter((l) => !/performer|accountable|owner/.test(l)));
    assert.match(theFix(bare, 'missing-execution-structure', /Declare/, true).edits[0].newText, /\n {2}\$\{1:unit-owner\}: \{ kind: human \}$/);
  });

  it('steps are scaffolded with the steps the exception rules name, performed by the owner', () => {
    const lines = [...BASE.slice(0, 13), 'exceptions:', '  - id: bank-rejects', '    at: pay', '    owner: payout-lead', '    then: confirm'];
    const text = unitText(lines);
    const fix = theFix(text, 'missing-execution-logic', /steps/);
    const out = applied(text, fix);
    assert.match(out, /\n\nsteps:\n {2}- id: pay\n {4}name: <what happens in this step>\n {4}performer: payout-lead\n {2}- id: confirm\n/);
    assert.deepEqual(analyzeText(out).findings.filter((f) => f.severity === 'error').map((f) => f.rule), []);
  });

  it('an exception rule goes at the first machine step, owned by the unit owner, between steps and learning', () => {
    const text = unitText([...BASE.slice(0, 20), ...LEARNING_2]);
    const fix = theFix(text, 'no-exception-rules', /exception rule/);
    assert.match(applied(text, fix), /performer: payout-lead\n\nexceptions:\n {2}- id: needs-a-person\n {4}when: <what sends the case to a person>\n {4}at: pay\n {4}owner: payout-lead\n\nlearning:/);
  });

  it('an outcome without a statement gets one, first in the block; a null statement gets its value', () => {
    const text = unitText(BASE.map((l) => (l.startsWith('  statement:') ? '  doneWhen: Paid' : l)));
    assert.match(applied(text, theFix(text, 'missing-outcome', /statement/)), /\noutcome:\n {2}statement: <business result, with its time bound>\n {2}doneWhen: Paid\n/);
    const nul = unitText(BASE.map((l) => (l.startsWith('  statement:') ? '  statement:' : l)));
    assert.match(applied(nul, theFix(nul, 'missing-outcome', /statement/)), /\n {2}statement: <business result, with its time bound>\n\n/);
  });

  it('a metric’s missing baseline: a placeholder, a tab stop with snippets, never a made-up figure; never preferred', () => {
    const text = unitText([...BASE, ...LEARNING_2.map((l) => (l.includes('before the change') ? '' : l)).filter((l, i, a) => l !== '' || i === 0 || a[i - 1] !== '')]);
    const snip = theFix(text, 'metric-without-baseline', /baseline/, true);
    assert.equal(snip.edits[0].newText, '\n      baseline: ${1:<the value before the change>}');
    const plain = theFix(text, 'metric-without-baseline', /baseline/);
    assert.equal(plain.edits[0].newText, '\n      baseline: <the value before the change>');
    assert.equal(plain.preferred, false);
  });
});

describe('fixes: references, ids and suppressions', () => {
  it('unknown-actor: the suggestion (preferred), or declaring it; only as a human where a person is due', () => {
    const text = unitText(BASE.map((l) => (l === '    performer: payout-lead' ? '    performer: payout-led\n    accountable: auditor' : l)));
    const rename = theFix(text, 'unknown-actor', /Change to `payout-lead`/);
    assert.equal(rename.preferred, true);
    const a = analyzeText(text);
    const auditor = a.findings.find((f) => f.rule === 'unknown-actor' && f.data?.name === 'auditor')!;
    assert.deepEqual(fixesFor(a.unit, auditor, { snippets: false }).filter((f) => /Declare/.test(f.title)).map((f) => f.title), ['Declare `auditor` as a human']);
    const declare = fixesFor(a.unit, auditor, { snippets: false }).find((f) => /Declare/.test(f.title))!;
    assert.match(applied(text, declare), /\n {2}bank-link: \{ kind: automation, system: Bank gateway \}\n {2}auditor: \{ kind: human \}\n/);
  });

  it('a rename that would add a finding is offered, not preferred', () => {
    // An AI agent where the unknown name stood, on a step nobody is accountable for.
    const ai = unitText(BASE.map((l) => (l === '  bank-link: { kind: automation, system: Bank gateway }' ? l + '\n  pay-bot: { kind: ai-agent }' : l === '    performer: bank-link' ? '    performer: pay-bt' : l)));
    const toBot = theFix(ai, 'unknown-actor', /Change to `pay-bot`/);
    assert.equal(toBot.preferred, false);
    assert.ok(analyzeText(applied(ai, toBot)).findings.some((f) => f.rule === 'machine-step-without-accountable'));
    // A `next` that skips the step it fell through to.
    const skip = unitText([...BASE.slice(0, 17), '    next: confrim-later', ...BASE.slice(17, 20), '  - id: confirm-later', '    performer: payout-lead']);
    const toLater = theFix(skip, 'unknown-step', /Change to `confirm-later`/);
    assert.equal(toLater.preferred, false);
    assert.ok(analyzeText(applied(skip, toLater)).findings.some((f) => f.rule === 'unreachable-step'));
    // The same rename where nothing is skipped is preferred.
    const noSkip = unitText([...BASE.slice(0, 17), '    next: confrim', ...BASE.slice(17)]);
    assert.equal(theFix(noSkip, 'unknown-step', /Change to `confirm`/).preferred, true);
  });

  it('duplicate-id: each repeat gets the next free suffix', () => {
    const text = unitText([...BASE.slice(0, 20), '  - id: pay', '    performer: payout-lead', '  - id: pay', '    performer: payout-lead', '  - id: pay-2', '    performer: payout-lead']);
    const a = analyzeText(text);
    const dups = a.findings.filter((f) => f.rule === 'duplicate-id');
    assert.deepEqual(dups.map((d) => fixesFor(a.unit, d, { snippets: false })[0].title), ['Rename to `pay-3`', 'Rename to `pay-4`']);
    const out = applyEdits(text, fixAllEdits(a.unit, a.findings));
    assert.equal(analyzeText(out).findings.filter((f) => f.rule === 'duplicate-id').length, 0);
  });

  it('unknown-key: renamed to the suggestion, never onto a key the mapping has; not preferred when the value then fails', () => {
    const typo = unitText(BASE.map((l) => (l === '    performer: payout-lead' ? '    perfomer: payout-lead' : l)));
    assert.equal(theFix(typo, 'unknown-key', /Rename to `performer`/).preferred, true);
    const both = unitText(BASE.map((l) => (l === '    performer: payout-lead' ? '    performer: payout-lead\n    perfomer: bank-link' : l)));
    const b = findingOf(both, 'unknown-key');
    assert.deepEqual(fixesFor(b.unit, b.finding, { snippets: false }).filter((f) => /Rename/.test(f.title)), []);
    const ghost = unitText(BASE.map((l) => (l === '    performer: payout-lead' ? '    perfomer: ghost' : l)));
    assert.equal(theFix(ghost, 'unknown-key', /Rename to `performer`/).preferred, false, 'the rename reveals an unknown actor');
  });

  it('suppressions: above the finding’s line at its indentation; not inside a multi-line flow list; file-wide after the header', () => {
    const text = unitText(BASE.map((l) => (l === '    performer: payout-lead' ? '    performer: ghost' : l)));
    const line = theFix(text, 'unknown-actor', /on this line/, true);
    assert.equal(line.edits[0].newText, '    # workunit-disable-next-line unknown-actor -- ${1:reason}\n');
    assert.match(applied(text, theFix(text, 'unknown-actor', /on this line/)), /\n {4}# workunit-disable-next-line unknown-actor -- reason\n {4}performer: ghost\n/);
    const file = theFix(text, 'unknown-actor', /in this file/);
    assert.match(applied(text, file), /^# Claims payout: a small unit for the focused tests\.\n# workunit-disable unknown-actor -- reason\nworkunit: 1\n/);
    const flow = unitText(BASE.map((l) => (l === '    performer: payout-lead' ? '    performer: [\n      payout-lead,\n      ghost\n    ]' : l)));
    const f = findingOf(flow, 'unknown-actor');
    assert.deepEqual(fixesFor(f.unit, f.finding, { snippets: false }).filter((x) => /on this line/.test(x.title)), []);
    assert.equal(fixesFor(f.unit, f.finding, { snippets: false }).filter((x) => /in this file/.test(x.title)).length, 1);
  });

  it('unused-suppression: removes the name, or the whole comment line when it is the only one; preferred', () => {
    const two = unitText(BASE.map((l) => (l === '  - id: confirm' ? '  # workunit-disable-next-line unknown-actor, step-without-owner -- why\n  - id: confirm' : l)));
    const a = analyzeText(two);
    const unused = a.findings.filter((f) => f.rule === 'unused-suppression');
    assert.equal(unused.length, 2);
    const first = fixesFor(a.unit, unused[0], { snippets: false })[0];
    assert.equal(first.preferred, true);
    assert.match(applied(two, first), /\n {2}# workunit-disable-next-line step-without-owner -- why\n/);
    // Fix all: the suppression goes (and the learning loop comes, preferred too).
    assert.equal(applyFixAll(two), unitText([...BASE, ...LEARNING_2]));
  });

  it('no fixes for yaml-syntax; only suppressions for outcome-is-activity', () => {
    const broken = 'workunit: 1\nid: x\n  name: bad\n';
    const b = analyzeText(broken);
    assert.ok(b.findings.every((f) => f.rule === 'yaml-syntax'));
    for (const f of b.findings) assert.deepEqual(fixesFor(b.unit, f, { snippets: true }), []);
    const activity = unitText(BASE.map((l) => (l.startsWith('  statement:') ? '  statement: Match supplier invoices within 3 days' : l)));
    assert.deepEqual(theFixTitles(activity, 'outcome-is-activity'), ['Suppress `outcome-is-activity` on this line', 'Suppress `outcome-is-activity` in this file']);
  });
});

function theFixTitles(text: string, rule: string): string[] {
  const { unit, finding } = findingOf(text, rule);
  return fixesFor(unit, finding, { snippets: false }).map((f) => f.title);
}

describe('fixes: fix all', () => {
  it('applies the preferred fixes round after round to a fixed point', () => {
    const lines = BASE.map((l) => (l === '    performer: payout-lead' ? '    perfomer: payout-lead' : l === '    at: pay' ? '    at: pya' : l));
    lines.splice(14, 0, '  # workunit-disable-next-line unused-actor -- nothing to silence');
    const text = unitText(lines);
    const before = analyzeText(text).findings.map((f) => f.rule).sort();
    assert.deepEqual(before, ['missing-learning-loop', 'step-without-owner', 'unknown-key', 'unknown-step', 'unused-suppression']);
    const { text: out, applied } = fixAll(text);
    // What fix-all could not know stays a placeholder for a person to fill in: the learning loop's figures.
    assert.deepEqual(analyzeText(out).findings.map((f) => f.rule), ['placeholder', 'placeholder', 'placeholder', 'placeholder']);
    assert.equal(out, unitText([...BASE, ...LEARNING_2]));
    // And it says what it changed, rule by rule (what `lint --fix` prints).
    assert.deepEqual(applied.map((a) => a.replace(/^line \d+: /, '')).sort(), [
      'Add a learning loop (cycle time, exception rate, review) (missing-learning-loop)',
      'Change to `pay` (unknown-step)',
      'Remove the unused suppression comment (unused-suppression)',
      'Rename to `performer` (unknown-key)',
    ]);
    assert.equal(applyFixAll(out), out);
  });

  it('drops a later fix whose edits conflict, and applyEdits refuses overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]), /Overlapping/);
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 4, newText: '+' }, { start: 1, end: 3, newText: 'X' }]), 'aXd+ef');
  });

  it('respects levels: a rule turned off is not fixed', () => {
    const text = unitText(BASE);
    const levels = new LevelResolver({ 'missing-learning-loop': 'off' });
    assert.equal(applyFixAll(text, levels), text);
  });
});
