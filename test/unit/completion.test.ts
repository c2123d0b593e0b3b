import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { complete, type CompletionCandidate } from '../../server/src/core/completion/index';
import { buildModel } from '../../server/src/core/model/build';
import type { UnitModel } from '../../server/src/core/model/types';
import { parseText } from '../../server/src/core/parse/parse';

const root = join(__dirname, '..', '..');
const EXAMPLES = join(root, 'examples');
const ONBOARDING = readFileSync(join(EXAMPLES, 'onboarding-review.workunit.yaml'), 'utf8');
const SCHEMA = JSON.parse(readFileSync(join(root, 'schemas', 'workunit.schema.json'), 'utf8'));

function modelOf(text: string): UnitModel {
  const parsed = parseText(text);
  assert.equal(parsed.syntaxErrors.length, 0, 'the model must come from a version that parsed');
  return buildModel(parsed);
}

/** The model the server holds: the example's, which declares the actors, steps and metrics the tests expect. */
const MODEL = modelOf(ONBOARDING);

/** Splits a text at its cursor marker: `$$CURSOR$$` where the text itself holds a `|`, otherwise `|`. */
function at(src: string): { text: string; offset: number } {
  const marker = src.includes('$$CURSOR$$') ? '$$CURSOR$$' : '|';
  const offset = src.indexOf(marker);
  assert.ok(offset >= 0, 'no cursor marker');
  return { text: src.slice(0, offset) + src.slice(offset + marker.length), offset };
}

function run(src: string, model: UnitModel | undefined = MODEL): { text: string; offset: number; items: CompletionCandidate[] } {
  const { text, offset } = at(src);
  return { text, offset, items: complete(text, offset, model) };
}

function labels(items: CompletionCandidate[], kind?: CompletionCandidate['kind']): string[] {
  return items.filter((c) => !kind || c.kind === kind).map((c) => c.label);
}

function find(items: CompletionCandidate[], label: string): CompletionCandidate {
  const c = items.find((i) => i.label === label);
  assert.ok(c, `no candidate "${label}" among ${JSON.stringify(labels(items))}`);
  return c;
}

function replaced(text: string, c: CompletionCandidate): string {
  return text.slice(c.replace.start, c.replace.end);
}

/** The example with one passage rewritten (literally: `$$` in the new text stays `$$`). */
function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the example no longer holds ${JSON.stringify(from)}`);
  return text.split(from).join(to);
}

/** Snippet syntax to the text it inserts when every placeholder keeps its default. */
function stripSnippet(s: string): string {
  return s
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

/** A step of the onboarding example, as the author is editing it. */
const STEP = (body: string) => `workunit: 1\nid: onboarding-review\nsteps:\n  - id: screen\n    name: Screen identity\n${body}`;

describe('completion: references from the model', () => {
  it('offers every actor at `performer`, each with its kind and role', () => {
    const { items } = run(STEP('    performer: |\n'));
    assert.deepEqual(labels(items), ['onboarding-lead', 'analyst', 'kyc-screener', 'crm']);
    assert.equal(find(items, 'analyst').detail, 'human · Compliance analyst');
    assert.equal(find(items, 'kyc-screener').detail, 'ai-agent · kyc-screen-v3');
    assert.equal(find(items, 'crm').detail, 'automation · CRM workflow');
    assert.ok(items.every((c) => c.kind === 'reference' && !c.isSnippet));
  });

  it('offers only humans where a human is required: `accountable`, the unit `owner`, the review `owner`', () => {
    assert.deepEqual(labels(run(STEP('    performer: kyc-screener\n    accountable: |\n')).items), ['onboarding-lead', 'analyst']);
    assert.deepEqual(labels(run('workunit: 1\nowner: |\n').items), ['onboarding-lead', 'analyst']);
    assert.deepEqual(labels(run('learning:\n  review:\n    cadence: weekly\n    owner: |\n').items), ['onboarding-lead', 'analyst']);
  });

  it('offers every actor at an exception `owner` (a machine may handle an exception)', () => {
    assert.deepEqual(labels(run('exceptions:\n  - id: late\n    owner: |\n').items), ['onboarding-lead', 'analyst', 'kyc-screener', 'crm']);
  });

  it('offers step ids and `end` at `next` and `then`, and no `end` at `at`', () => {
    const next = run(STEP('    next: |\n')).items;
    // `screen` is the step being edited: still offered, but last among the steps.
    assert.deepEqual(labels(next), ['intake', 'decide', 'notify', 'screen', 'end']);
    assert.match(find(next, 'screen').detail ?? '', /^this step/);
    assert.equal(find(next, 'decide').detail, 'step 3 · Approve, decline or escalate');
    assert.deepEqual(labels(run('exceptions:\n  - id: late\n    then: |\n').items), ['intake', 'screen', 'decide', 'notify', 'end']);
    assert.deepEqual(labels(run('exceptions:\n  - id: late\n    at: |\n').items), ['intake', 'screen', 'decide', 'notify']);
    assert.deepEqual(labels(run('exceptions:\n  - id: late\n    at: [intake, |]\n').items), ['screen', 'decide', 'notify']);
  });

  it('offers metric ids in `measuredBy: [`, without those already listed', () => {
    const { items } = run('outcome:\n  statement: Reviewed within a day\n  measuredBy: [|\n');
    assert.deepEqual(labels(items), ['cycle-time', 'exception-rate', 'first-pass-rate']);
    assert.equal(find(items, 'cycle-time').detail, 'cycle-time · 40 → 24 hours');
    assert.deepEqual(labels(run('outcome:\n  measuredBy: [cycle-time, |]\n').items), ['exception-rate', 'first-pass-rate']);
  });

  it('leaves out the items already in a flow list, before and after the cursor', () => {
    assert.deepEqual(labels(run(STEP('    performer: [analyst, |, crm]\n')).items), ['onboarding-lead', 'kyc-screener']);
  });

  it('works inside a block list, leaving out the items above and below', () => {
    const { items } = run(STEP('    performer:\n      - analyst\n      - |\n      - crm\n    accountable: analyst\n'));
    assert.deepEqual(labels(items), ['onboarding-lead', 'kyc-screener']);
    assert.equal(find(items, 'kyc-screener').insertText, 'kyc-screener');
  });

  it('works in a block list written at its key\'s column (`next:\\n- a`)', () => {
    const { items } = run('steps:\n- id: screen\n  next:\n  - notify\n  - |\n  name: Screen\n');
    assert.deepEqual(labels(items), ['intake', 'decide', 'screen', 'end']);
  });

  it('offers `- id` items where a block list of ids starts and no `- ` is typed yet', () => {
    const { items } = run(STEP('    performer:\n      |\n'));
    assert.equal(find(items, 'analyst').insertText, '- analyst');
    assert.equal(find(items, 'analyst').filterText, 'analyst');
  });

  it('replaces a half-typed value, so `performer: ky|` filters to `kyc-screener`', () => {
    const { text, items } = run(STEP('    performer: ky|\n'));
    const c = find(items, 'kyc-screener');
    assert.equal(replaced(text, c), 'ky');
    assert.equal(c.insertText, 'kyc-screener');
  });

  it('replaces the whole word when the cursor is inside it', () => {
    const { text, items } = run(STEP('    next: [no|tif, end]\n'));
    assert.equal(replaced(text, find(items, 'notify')), 'notif');
    // `end` is in the same list already.
    assert.ok(!labels(items).includes('end'));
  });

  it('puts a space before the value right after `key:` or a flow list\'s `,`', () => {
    assert.equal(find(run(STEP('    performer:|\n')).items, 'crm').insertText, ' crm');
    assert.equal(find(run(STEP('    performer: [analyst,|]\n')).items, 'crm').insertText, ' crm');
    assert.equal(find(run(STEP('    performer: [analyst, |]\n')).items, 'crm').insertText, 'crm');
  });

  it('wraps metric ids in brackets where `measuredBy` (a list) is being written as a plain value', () => {
    assert.equal(find(run('outcome:\n  measuredBy: |\n').items, 'cycle-time').insertText, '[cycle-time]');
  });

  it('reads the names from the text itself when no model is given', () => {
    const text = edit(ONBOARDING, '    accountable: analyst\n    decision', '    accountable: $$CURSOR$$\n    decision');
    assert.deepEqual(labels(run(text, undefined).items), ['onboarding-lead', 'analyst']);
  });
});

describe('completion: keys', () => {
  it('offers the keys of the level, required first, each documented from the schema', () => {
    const { items: rootItems } = run('workunit: 1\n|\n');
    const sorted = [...rootItems].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(labels(sorted).slice(0, 2), ['id', 'name']);
    assert.equal(find(rootItems, 'id').detail?.split(' · ')[0], 'required');
    assert.equal(find(rootItems, 'name').documentation, SCHEMA.properties.name.description);
    assert.equal(find(rootItems, 'outcome').documentation, SCHEMA.properties.outcome.description);
    assert.match(find(rootItems, 'learning').detail ?? '', /^element 4/);
    // `description` is optional: it sorts after the required keys and the four elements.
    const rank = (l: string) => labels(sorted).indexOf(l);
    assert.ok(rank('description') > rank('learning') && rank('description') > rank('name'));
  });

  it('documents nested keys from the schema definitions', () => {
    const { items } = run(STEP('    |\n'));
    assert.equal(find(items, 'accountable').documentation, SCHEMA.definitions.step.properties.accountable.description);
    assert.equal(find(items, 'accountable').kind, 'key');
  });

  it('never offers a key the same mapping already has, above or below the cursor', () => {
    const { items } = run(STEP('    performer: crm\n    |\n    decision: true\n  - id: notify\n    next: end\n'));
    const keys = labels(items, 'key');
    for (const present of ['id', 'name', 'performer', 'decision']) assert.ok(!keys.includes(present), present);
    // `next` belongs to the next step, not this one.
    assert.deepEqual(keys, ['accountable', 'next', 'expectedDuration', 'activity']);
  });

  it('completes a half-typed key: `perf|` becomes `performer: `', () => {
    const { text, items } = run(STEP('    perf|\n'));
    const c = find(items, 'performer');
    assert.equal(replaced(text, c), 'perf');
    assert.equal(c.insertText, 'performer: ');
    assert.equal(c.isSnippet, false);
  });

  it('inserts only the name when a `:` already follows the word', () => {
    const { text, items } = run(STEP('    perf|: crm\n'));
    const c = find(items, 'performer');
    assert.equal(c.insertText, 'performer');
    assert.equal(replaced(text, c), 'perf');
  });

  it('opens a block key with a snippet in the file\'s indentation', () => {
    const two = find(run('workunit: 1\nactors:\n  a: { kind: human }\nste|').items, 'steps');
    assert.equal(two.insertText, 'steps:\n  - id: ${1:step-id}\n    name: ${2:<what the step does>}\n    performer: ${3}');
    assert.equal(two.isSnippet, true);
    const four = find(run('workunit: 1\nactors:\n    a: { kind: human }\nste|').items, 'steps');
    assert.equal(four.insertText, 'steps:\n    - id: ${1:step-id}\n      name: ${2:<what the step does>}\n      performer: ${3}');
    // Lists written at their key's column stay so.
    const compact = find(run('workunit: 1\nsteps:\n- id: a\n  name: b\nexc|').items, 'exceptions');
    assert.match(compact.insertText, /^exceptions:\n- id: \$\{1:exception-id\}\n {2}when: /);
  });

  it('continues a nested block snippet from the key\'s own column', () => {
    const c = find(run('learning:\n  metrics: []\n  rev|').items, 'review');
    // The review owner defaults to the unit's (human) owner, as the spec scaffolds it.
    assert.equal(c.insertText, 'review:\n    cadence: ${1:monthly}\n    owner: ${2:onboarding-lead}');
  });

  it('inserts `workunit: 1` whole: the key has one possible value', () => {
    assert.equal(find(run('wo|').items, 'workunit').insertText, 'workunit: 1');
  });

  it('offers the keys of a flow mapping, without those it holds', () => {
    assert.deepEqual(labels(run('actors:\n  analyst: { kind: human, | }\n').items), ['role', 'model', 'system', 'resources']);
    assert.deepEqual(labels(run('actors:\n  analyst: { |, role: Analyst }\n').items), ['kind', 'model', 'system', 'resources']);
  });
});

describe('completion: enum values', () => {
  it('offers actor kinds, in a flow mapping too', () => {
    assert.deepEqual(labels(run('actors:\n  analyst: { kind: | }\n').items), ['human', 'ai-agent', 'automation']);
    assert.deepEqual(labels(run('actors:\n  analyst:\n    kind: |\n').items), ['human', 'ai-agent', 'automation']);
    assert.ok(run('actors:\n  analyst: { kind: | }\n').items.every((c) => c.kind === 'value'));
  });

  it('offers review cadences, metric kinds, `workunit: 1` and `decision: true`', () => {
    assert.deepEqual(labels(run('learning:\n  review:\n    cadence: w|\n').items), ['daily', 'weekly', 'biweekly', 'monthly', 'quarterly']);
    assert.deepEqual(labels(run('learning:\n  metrics:\n    - id: t\n      kind: |\n').items), [
      'cycle-time',
      'exception-rate',
      'quality',
      'throughput',
      'cost',
      'impact',
      'custom',
    ]);
    assert.deepEqual(labels(run('workunit: |\n').items), ['1']);
    assert.deepEqual(labels(run(STEP('    decision: |\n')).items), ['true']);
  });

  it('replaces the half-typed value', () => {
    const { text, items } = run('learning:\n  review:\n    cadence: wee|\n');
    assert.equal(replaced(text, find(items, 'weekly')), 'wee');
  });
});

describe('completion: snippets', () => {
  it('offers a new step on an empty line inside `steps:`, with its `- ` and tab stops', () => {
    const { items } = run('steps:\n  - id: intake\n    performer: crm\n  |\n');
    const c = find(items, 'New step');
    assert.equal(c.kind, 'snippet');
    assert.equal(c.insertText, '- id: ${1:step-id}\n    name: ${2:<what the step does>}\n    performer: ${3}');
  });

  it('offers a new step after a typed `- `, without a second dash, first among the step keys', () => {
    const { items } = run('steps:\n  - |\n');
    const c = find(items, 'New step');
    assert.equal(c.insertText, 'id: ${1:step-id}\n    name: ${2:<what the step does>}\n    performer: ${3}');
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.equal(sorted[0].kind, 'snippet');
    assert.ok(labels(items, 'key').includes('performer'));
  });

  it('offers a new step from inside a step, re-indenting to the dash column', () => {
    const { text, items } = run(STEP('    performer: crm\n    |\n'));
    const c = find(items, 'New step');
    assert.equal(replaced(text, c), '  ');
    assert.match(c.insertText, /^- id: \$\{1:step-id\}\n {4}name: /);
  });

  it('offers a new exception rule and a new metric in their lists', () => {
    const ex = find(run('exceptions:\n  - |\n').items, 'New exception rule');
    assert.match(ex.insertText, /^id: \$\{1:exception-id\}\n {4}when: \$\{2:[^}]+\}\n {4}at: \$\{3\}\n {4}owner: \$\{4\}/);
    const m = find(run('learning:\n  metrics:\n    |\n').items, 'New metric');
    assert.match(m.insertText, /^- id: \$\{1:metric-id\}\n {6}kind: /);
    assert.match(m.insertText, /baseline: \$\{4:<the value before the change>\}\n {6}target: \$\{5:<the value to reach>\}$/);
  });

  it('offers new actors inside `actors:`, ids as placeholders', () => {
    const { items } = run('actors:\n  analyst: { kind: human }\n  |\n');
    assert.deepEqual(labels(items, 'snippet'), ['New human actor', 'New AI agent', 'New automation']);
    for (const c of items) assert.match(c.insertText, /^\$\{1:[a-z-]+\}: \{ kind: /);
  });

  it('offers to declare an actor that is referenced but not declared', () => {
    const src = 'workunit: 1\nowner: lead\nactors:\n  lead: { kind: human }\n  $$CURSOR$$\nsteps:\n  - id: a\n    performer: reviewer\n';
    const model = modelOf(src.replace('$$CURSOR$$', ''));
    const c = find(run(src, model).items, 'reviewer');
    assert.equal(c.insertText, 'reviewer: { kind: ${1:human}, role: ${2:<role>} \\}');
    assert.ok(!labels(run(src, model).items).includes('lead'));
  });

  it('gives a new file one skeleton with every element, in tab stops', () => {
    for (const src of ['|', '   |', '# a new unit\n|\n', '\ufeff|']) {
      const { items } = run(src, undefined);
      assert.equal(items.length, 1, JSON.stringify(src));
      assert.equal(items[0].kind, 'skeleton');
      assert.ok(items[0].isSnippet);
      assert.match(items[0].insertText, /^workunit: 1\nid: \$\{1:unit-id\}/);
      for (const key of ['outcome:', 'actors:', 'steps:', 'exceptions:', 'learning:', 'review:', 'kind: ai-agent', 'kind: automation', 'kind: cycle-time', 'kind: exception-rate'])
        assert.ok(items[0].insertText.includes(key), key);
    }
  });

  it('puts the skeleton at column 0 and keeps a comment the cursor stands before', () => {
    const { text, items } = run('  |  # heading\n', undefined);
    assert.equal(replaced(text, items[0]), '    ');
    const after = text.slice(0, items[0].replace.start) + stripSnippet(items[0].insertText) + text.slice(items[0].replace.end);
    assert.match(after, /^workunit: 1\n/);
    assert.match(after, /\n# heading\n$/);
  });

  it('the skeleton, left at its defaults, invents nothing: placeholders, and no other error or warning finding', () => {
    const { text, items } = run('|', undefined);
    const unit = text.slice(0, items[0].replace.start) + stripSnippet(items[0].insertText) + text.slice(items[0].replace.end);
    assert.ok(!unit.includes('${'));
    const findings = analyzeText(unit).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.ok(findings.some((f) => f.rule === 'placeholder'));
    assert.deepEqual(findings.filter((f) => f.rule !== 'placeholder').map((f) => `${f.rule}: ${f.message}`), []);
    // Without its learning loop it would not pass: the check above has teeth.
    const cut = unit.slice(0, unit.indexOf('learning:'));
    assert.ok(analyzeText(cut).findings.some((f) => f.rule === 'missing-learning-loop'));
  });

  it('renders the skeleton in CRLF for a CRLF file', () => {
    const { items } = run('# new\r\n|');
    assert.match(items[0].insertText, /^workunit: 1\r\nid: /);
    assert.ok(!/[^\r]\n/.test(items[0].insertText));
  });
});

describe('completion: while the YAML is broken', () => {
  const lastGood = MODEL;

  it('offers humans at `accountable` with an unclosed `[` two lines above', () => {
    const text = edit(
      ONBOARDING,
      '    performer: [analyst, kyc-screener]   # hybrid: machine proposes, human decides\n    accountable: analyst\n',
      '    performer: [analyst, kyc-scr\n    name: Decide\n    accountable: $$CURSOR$$\n',
    );
    const { text: t } = at(text);
    assert.ok(parseText(t).syntaxErrors.length > 0, 'the text must be invalid YAML');
    assert.deepEqual(labels(run(text, lastGood).items), ['onboarding-lead', 'analyst']);
  });

  it('completes inside the unclosed `[` itself', () => {
    const text = edit(ONBOARDING, '    performer: [analyst, kyc-screener]', '    performer: [analyst, ky$$CURSOR$$');
    const r = run(text, lastGood);
    assert.ok(parseText(r.text).syntaxErrors.length > 0);
    assert.deepEqual(labels(r.items), ['onboarding-lead', 'kyc-screener', 'crm']);
    assert.equal(replaced(r.text, find(r.items, 'kyc-screener')), 'ky');
  });

  it('offers step keys on a line with just `perf`', () => {
    const text = edit(ONBOARDING, '    performer: kyc-screener\n', '    perf$$CURSOR$$\n');
    const r = run(text, lastGood);
    assert.ok(parseText(r.text).syntaxErrors.length > 0);
    const c = find(r.items, 'performer');
    assert.equal(replaced(r.text, c), 'perf');
    // `accountable` is already in that step.
    assert.ok(!labels(r.items).includes('accountable'));
  });

  it('offers step ids at `next` below a line with just `perf` and a stray `:`', () => {
    const text = edit(ONBOARDING, '    performer: crm\n\nexceptions', '    perf\n    :\n    next: $$CURSOR$$\n\nexceptions');
    const r = run(text, lastGood);
    assert.ok(parseText(r.text).syntaxErrors.length > 0);
    assert.deepEqual(labels(r.items), ['intake', 'screen', 'decide', 'notify', 'end']);
  });

  it('offers enum values with a stray `:` line in the same mapping', () => {
    const text = 'actors:\n  bot:\n    : oops\n    kind: $$CURSOR$$\n';
    assert.deepEqual(labels(run(text, lastGood).items), ['human', 'ai-agent', 'automation']);
  });

  it('works on CRLF text', () => {
    const text = STEP('    performer: crm\n    |\n').replace(/\n/g, '\r\n');
    const { items } = run(text);
    assert.deepEqual(labels(items, 'key'), ['accountable', 'decision', 'next', 'expectedDuration', 'activity']);
    assert.match(find(items, 'New step').insertText, /^- id: \$\{1:step-id\}\r\n {4}name: /);
    const refs = run('steps:\r\n  - id: a\r\n    accountable: a|\r\n').items;
    assert.deepEqual(labels(refs), ['onboarding-lead', 'analyst']);
  });

  it('works after a BOM and with tabs in the file', () => {
    assert.deepEqual(labels(run('\ufeffworkunit: 1\nowner: |\n').items), ['onboarding-lead', 'analyst']);
    assert.deepEqual(labels(run('steps:\n\t- id: a\n\t  accountable: |\n').items), ['onboarding-lead', 'analyst']);
  });
});

describe('completion: nothing where nothing fits', () => {
  it('offers nothing inside a comment, even in a file that is otherwise empty', () => {
    assert.deepEqual(run('# a new unit |', undefined).items, []);
    assert.equal(run('# a new unit\n|', undefined).items.length, 1);
  });

  it('offers values on a `key:` line under a plain scalar: that is restructuring, not text', () => {
    assert.deepEqual(labels(run('learning:\n  review: monthly\n    cadence: w|\n').items), ['daily', 'weekly', 'biweekly', 'monthly', 'quarterly']);
  });

  it('offers nothing in free text after a reference key', () => {
    assert.deepEqual(run(STEP('    accountable: an ana|\n')).items, []);
  });

  it('offers nothing under a key that holds a scalar: plain, folded or literal', () => {
    assert.deepEqual(run('outcome: Reviewed\n  $$CURSOR$$\n').items, []);
    assert.deepEqual(run('learning: >\n  Some text: here\n  $$CURSOR$$\n').items, []);
    assert.deepEqual(run(STEP('    accountable: |$$CURSOR$$\n')).items, []);
    // Under `|` or `>`, even a line that looks like `key: value` is text, however deep.
    assert.deepEqual(run('learning: |\n  review:\n    cadence: $$CURSOR$$\n').items, []);
    assert.deepEqual(run('learning: >\n  metrics: [$$CURSOR$$\n').items, []);
    // The same places under a key that opens a block do offer something.
    assert.ok(run('outcome:\n  $$CURSOR$$\n').items.length > 0);
    assert.ok(run(STEP('    accountable: $$CURSOR$$\n')).items.length > 0);
  });
});

describe('completion: robustness', () => {
  it('never throws, whatever the text and offset', () => {
    const texts = ['', '\ufeff', '\r', '\r\n', '[', '{{{{', ']]', '- - - -', ':', ': : :', '\t\t\tkind: [', '"unterminated', "'", 'a: |\n  b', '&a [*a, *a]', '\u0000\uffff', 'x:\n'.repeat(50), ONBOARDING.replace(/\n/g, '\r')];
    for (const text of texts) {
      for (const offset of [-5, 0, 1, text.length >> 1, text.length, text.length + 10, Number.NaN, Number.POSITIVE_INFINITY]) {
        for (const model of [undefined, MODEL]) {
          const items = complete(text, offset, model);
          assert.ok(Array.isArray(items));
          for (const c of items) assert.ok(c.replace.start >= 0 && c.replace.start <= c.replace.end && c.replace.end <= text.length);
        }
      }
    }
  });

  it('returns within the text at every offset of every example (LF, CRLF, cut short), with and without a model', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    assert.ok(files.length >= 3);
    let withItems = 0;
    for (const f of files) {
      const lf = readFileSync(join(EXAMPLES, f), 'utf8');
      const model = modelOf(lf);
      for (const variant of ['lf', 'crlf', 'cut'] as const) {
        const full = variant === 'crlf' ? lf.replace(/\n/g, '\r\n') : lf;
        for (let offset = 0; offset <= full.length; offset++) {
          // `cut`: the file as it was while being typed, up to the cursor.
          const text = variant === 'cut' ? full.slice(0, offset) : full;
          const items = complete(text, offset, variant === 'lf' ? model : undefined);
          if (items.length > 0) withItems++;
          // The cursor an editor can show: not between `\r` and `\n`.
          const cursor = text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset;
          for (const c of items) {
            assert.ok(c.replace.start >= 0 && c.replace.end <= text.length, `${f} ${variant} @${offset}: ${JSON.stringify(c.replace)}`);
            assert.ok(c.replace.start <= cursor && cursor <= c.replace.end, `${f} ${variant} @${offset}: the span must hold the cursor`);
            assert.ok(!text.slice(c.replace.start, c.replace.end).includes('\n'), 'a span stays on its line');
          }
        }
      }
    }
    assert.ok(withItems > 1000, `completion answered at ${withItems} offsets only`);
  });
});
