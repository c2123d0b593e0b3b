/**
 * Bugs the property tests found, each as the shrunk counterexample (cut down
 * by hand where the fixture around it did not matter), so they stay fixed
 * whatever seed the properties run with.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { applyEdits, fixesFor } from '../../server/src/core/fixes';
import { stripSnippet } from '../../server/src/core/text/snippet';

const UNIT = [
  'workunit: 1',
  'id: claims-intake',
  'name: Insurance claims intake',
  'owner: lead',
  'actors:',
  '  lead: { kind: human, role: Claims team lead }',
  'steps:',
  '  - id: register',
  '    performer: adjuster',
  '',
].join('\n');

/** Every fix of every finding, applied alone (snippets off), leaves the text parsing. */
function assertEveryFixParses(text: string): void {
  const a = analyzeText(text);
  assert.ok(a.parsed, 'the text parses');
  for (const finding of a.findings) {
    for (const fix of fixesFor(a.unit, finding, { snippets: false })) {
      const after = applyEdits(text, fix.edits);
      assert.ok(analyzeText(after).parsed, `${finding.rule}: "${fix.title}" breaks the YAML: ${JSON.stringify(after)}`);
    }
  }
}

describe('regressions found by the property tests', () => {
  it('a yaml-syntax finding at the end of the text lies inside it (an unclosed `{` at the end of the file)', () => {
    // The yaml library reports the unclosed flow mapping at [length, length + 1].
    const text = 'workunit: 1\nname: Expense claim approval\nactors:\n  finance-lead: {';
    const a = analyzeText(text);
    assert.equal(a.parsed, false);
    for (const f of a.findings) assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `${f.rule} at ${JSON.stringify(f.span)}`);
  });

  it('a fix writes no lone `\\r` line break when the file\'s first line ends with one (the yaml parser reads none there)', () => {
    // Found as: anchors-aliases.workunit.yaml with `#\r` inserted at its start; "Declare `adjuster`" broke the YAML.
    const text = `#\r${UNIT}`;
    const a = analyzeText(text);
    assert.ok(a.parsed);
    const finding = a.findings.find((f) => f.rule === 'unknown-actor');
    assert.ok(finding, 'an unknown-actor finding');
    assert.ok(fixesFor(a.unit, finding, { snippets: false }).some((f) => f.title.includes('Declare')), 'a fix that declares the actor');
    assertEveryFixParses(text);
  });

  it('no fix puts a line after a lone `\\r` (for the yaml parser, that is still the line before)', () => {
    // Found as: anchors-aliases.workunit.yaml with `\r` inserted in its first comment line and `::` after its `#`:
    // "Suppress … in this file" went on the "line" after the `\r`, inside that comment, and what followed it
    // in the comment became YAML.
    assertEveryFixParses(`#:: Edge:\r YAML anchors and aliases.\n${UNIT}`);
  });

  it('no fix lands inside a comment that a lone `\\r` splits into two lines for the editor', () => {
    // Found as: 16-it-offboarding.workunit.yaml with the `\n` after a step's `# expect:` comment deleted:
    // for the yaml parser the step's `performer` is in that comment; "Assign performer" went after the
    // editor's line end, in the comment, and the rest of the comment became a second `performer`.
    const text = UNIT.replace('  - id: register\n    performer: adjuster', '  - id: register # a step\r    performer: adjuster');
    assert.ok(analyzeText(text).findings.some((f) => f.rule === 'step-without-owner'));
    assertEveryFixParses(text);
  });

  it('a fix that changes a block scalar value keeps the line break after it', () => {
    // Found as: incident-triage.workunit.yaml with `>+` inserted before `workunit: 1`'s value: "Change to `1`"
    // replaced `>+1` and its line break, joining `id:` to the line.
    const text = [
      'workunit: >+1',
      ...UNIT.split('\n').slice(1),
    ].join('\n').replace('    performer: adjuster', '    performer: >-\n      leed\n    next: >\n      registr');
    const a = analyzeText(text);
    assert.deepEqual(
      a.findings.filter((f) => ['schema', 'unknown-actor', 'unknown-step'].includes(f.rule)).map((f) => f.rule),
      ['schema', 'unknown-actor', 'unknown-step'],
    );
    assertEveryFixParses(text);
  });

  it('a choice whose option holds an escaped comma reduces to that whole option (plain-text clients, the CLI)', () => {
    // Found as: onboarding-review.workunit.yaml with a span deleted so that an actor id read `ai-agent, model`;
    // "Add an exception rule" offered it as owner, `${3|"ai-agent\\, model",…|}`, and plain text got `"ai-agent\\`.
    assert.equal(stripSnippet('owner: ${3|"lead\\, deputy",bot|}'), 'owner: "lead, deputy"');
    assert.equal(stripSnippet('${1|a\\|b\\}\\$\\\\,c|}'), 'a|b}$\\');
    const text = ['workunit: 1', 'id: claims-intake', 'actors:', '  "lead, deputy": { kind: human }', '  bot: { kind: automation }', 'steps:', '  - id: register', '    performer: bot', ''].join('\n');
    const a = analyzeText(text);
    const finding = a.findings.find((f) => f.rule === 'no-exception-rules');
    assert.ok(finding);
    const fix = fixesFor(a.unit, finding, { snippets: true }).find((f) => f.snippet && f.title.startsWith('Add an exception rule'));
    assert.ok(fix);
    const after = applyEdits(text, fix.edits.map((e) => ({ ...e, newText: stripSnippet(e.newText) })));
    assert.ok(analyzeText(after).parsed, after);
    assert.match(after, /owner: "lead, deputy"/);
  });

  it('a `{` in a placeholder or a choice is text: the plain text of a tab stop ends at its own `}`', () => {
    // Found as: 08-expense-claims.workunit.yaml with `${1:x}:` put before the first actor's id: "Add a review"
    // offered that id as owner, and the plain text of the choice swallowed the line break after it.
    assert.equal(stripSnippet('owner: ${1|"\\${1:x\\}:lead",b|}\n  x'), 'owner: "${1:x}:lead"\n  x');
    assert.equal(stripSnippet('a ${1:{ kind: human \\}} b'), 'a { kind: human } b');
    const text = ['workunit: 1', 'id: claims-intake', 'actors:', '  ${1:x}:lead: { kind: human }', 'steps:', '  - id: register', '    performer: ${1:x}:lead', 'learning:', '  changes: []', ''].join('\n');
    const a = analyzeText(text);
    const finding = a.findings.find((f) => f.rule === 'review-without-owner');
    assert.ok(finding);
    for (const fix of fixesFor(a.unit, finding, { snippets: true })) {
      const after = applyEdits(text, fix.edits.map((e) => ({ ...e, newText: fix.snippet ? stripSnippet(e.newText) : e.newText })));
      assert.ok(analyzeText(after).parsed, `"${fix.title}" breaks the YAML: ${JSON.stringify(after)}`);
    }
  });

  it('a key a fix adds to a mapping lines up with its keys, not with a first key behind an anchor, a tag or `? `', () => {
    // Found as: anchors-aliases.workunit.yaml truncated, with `? ` inserted before its first (comment) line:
    // the root map's first key is then an empty explicit key at column 2, and "Add a learning loop" wrote
    // `learning:` at column 2. `&lead lead: …` as a map's first key did the same at the anchor's width.
    assertEveryFixParses(`? # a comment\n${UNIT}`);
    assertEveryFixParses(`&u workunit: 1\n${UNIT.slice('workunit: 1\n'.length)}`);
    assertEveryFixParses(`!!map\n${UNIT}`);
    assertEveryFixParses(UNIT.replace('  lead: {', '  &l lead: {').replace('  - id: register', '  - &s id: register'));
    assertEveryFixParses(UNIT.replace('  lead: {', '  !!str lead: {'));
  });

  it('a list written left of its key does not set the indentation of the lists fixes write', () => {
    // Found as: incident-triage.workunit.yaml truncated after `actors:`, with `:` then `- id:` after the last
    // actor's flow map: an empty key at column 58 whose list stands at column 2 made the file's list indent
    // -58, and "Add `steps`" wrote the step's keys at column 0, as top-level keys.
    assertEveryFixParses(
      'workunit: 1\nid: incident-triage\nname: x\nowner: desk-manager\nactors:\n  desk-manager:  { kind: human, role: Service desk manager }\n  itsm:          { kind: automation, system: ITSM platform }:\n  - id:',
    );
  });

  it('an enum value offered for an empty value goes after the key, not in its place', () => {
    // Found as: fires-two-on-one-line.workunit.yaml with `,` inserted in `{ kind: ai-agent, … }`, leaving `kind:`
    // empty: "Change to `ai-agent`" replaced the key (the finding's range for an empty value), giving `ai-agent:`.
    const text = UNIT.replace('  lead: { kind: human, role: Claims team lead }', '  lead: { kind: human, role: Claims team lead }\n  bot:\n    kind:\n  reader: { kind:, model: m }');
    const a = analyzeText(text);
    const empty = a.findings.filter((f) => f.rule === 'schema' && f.message.includes('is empty'));
    assert.equal(empty.length, 2);
    for (const finding of empty) {
      const fix = fixesFor(a.unit, finding, { snippets: false }).find((f) => f.title === 'Change to `human`');
      assert.ok(fix, finding.message);
      assert.match(applyEdits(text, fix.edits), /\n {4}kind: human\n|\{ kind: human, model: m \}/);
    }
    assertEveryFixParses(text);
  });

  it('no key is added to a mapping whose keys do not line up (a parse the yaml library makes leniently)', () => {
    // Found as: 27-moderation-appeals.workunit.yaml with `review` deleted from `  review:`: the yaml library reads the
    // `    :` under the metrics list as a key of `learning`, and "Add a review" went between the two, where the
    // lines after it joined the new review and repeated its keys.
    assertEveryFixParses(UNIT.replace('steps:', 'learning:\n  metrics:\n    - id: cycle\n      kind: cycle-time\n      unit: hours\n    :\n    cadence: weekly\n    owner: lead\nsteps:'));
  });

  it('a fix whose text holds a control character from the file renders (the snippet markers are control characters too)', () => {
    // Found as: 04-it-access-request.workunit.yaml with U+0001 inserted before an actor key; rendering
    // "Remove the unused actor" looped, growing its title until "Invalid string length". Written here as
    // a double-quoted escape, which YAML allows.
    const text = UNIT.replace('  lead: { kind: human, role: Claims team lead }', '  lead: { kind: human, role: Claims team lead }\n  "\\x01manager": { kind: human }');
    const a = analyzeText(text);
    assert.ok(a.parsed);
    const unused = a.findings.find((f) => f.rule === 'unused-actor');
    const unknown = a.findings.find((f) => f.rule === 'unknown-actor');
    assert.ok(unused && unknown);
    assert.ok(fixesFor(a.unit, unused, { snippets: false }).some((f) => f.title === 'Remove the unused actor `\u0001manager`'));
    for (const snippets of [false, true]) {
      for (const fix of [...fixesFor(a.unit, unused, { snippets }), ...fixesFor(a.unit, unknown, { snippets })]) {
        assert.ok(fix.title.length < 200, fix.title);
        if (!snippets) assert.ok(analyzeText(applyEdits(text, fix.edits)).parsed, `"${fix.title}" breaks the YAML`);
      }
    }
  });
  it('no key is added to a mapping where a key after the first shares its line with other text (an empty key after a `}`)', () => {
    // Found with seed -1006993680 as: fires-with-unknown-co-performer.workunit.yaml with `steps:` and the lines
    // up to it deleted: `lead: { … }:` ends in an empty key whose value is the list of steps. "Declare `agent`
    // as a human" went on the line after `lead`'s, between the empty key and its `:`, which broke the YAML.
    const text = `${UNIT.replace('steps:\n', '').replace('Claims team lead }', 'Claims team lead }:')}exceptions:\n  - id: unclear\n    owner: agent\n`;
    const a = analyzeText(text);
    assert.deepEqual(a.findings.filter((f) => f.rule === 'unknown-actor').map((f) => f.data?.name), ['agent']);
    assertEveryFixParses(text);
  });

  it('no key is added to a mapping whose empty key stands right of the others (`  :` under a list at column 0)', () => {
    // Found with seed -2027543226 as: fires-no-metrics.workunit.yaml with `learning:` and a line around it deleted:
    // the yaml library reads `  : # …` as an empty key of the root map, with `review:` under it. "Add a learning
    // loop" went before it, and the `review:` under it became a second key of the new `learning`.
    const text = `${UNIT}  : # a comment\n  review:\n    cadence: monthly\n    owner: lead\n`;
    const a = analyzeText(text);
    assert.ok(a.findings.some((f) => f.rule === 'missing-learning-loop'));
    assertEveryFixParses(text);
  });

  it('a key added before an explicit key goes above its `?`, and after it below the key written on the next line', () => {
    // Found with seed 1431730936 (the seed of commit 55567af) as: anchors-aliases.workunit.yaml cut to `? \n- #`:
    // the root map's one key is the list on the line after the `?`. "Add `steps` with a first step" went between
    // the `?` and its key, which made the list a key of `steps`.
    for (const text of ['? \n- #', '? \n- #\n', '?\n\n# a note\n- a\n-\n', `${UNIT}? \n- #\n`]) assertEveryFixParses(text);
  });

  it('a value too long to show whole is described, not cut inside a quote (the file\'s text never reads as the message)', () => {
    // Found with seed 3 as: a list at the top level holding `outcome-is-activity: a gerund ("Reviewing ...") describe`:
    // its JSON cut at 57 characters left a quote open, so the file's `...` stood in the message's prose.
    const text = '\n-  outcome-is-activity: a gerund ("Reviewing ...") describe';
    const [finding] = analyzeText(text).findings;
    assert.equal(finding.message, 'The file must hold a unit, a mapping with `workunit`, `id` and `name`, but holds a list of 1 item.');
    const long = analyzeText(`workunit: 1\nid: x\nname: ${'y'.repeat(80)}\nvalueStream: ${'Z '.repeat(35)}end\n`).findings.find((f) => f.rule === 'schema');
    assert.match(long?.message ?? '', /but is "(?:Z ){25}…"\.$/);
  });

  it('an enum value for a value written on the lines under its key goes after the key\'s colon (`workunit:` then `- 1`)', () => {
    // Found with seed 21 as: a fixture with `workunit: 1` turned into `workunit:` and `-  1` on the next line:
    // "Change to `1`" replaced the list with `1` at column 0, which made it a key.
    const text = `workunit:\n-  1\n${UNIT.slice(UNIT.indexOf('\n') + 1)}`;
    const a = analyzeText(text);
    const finding = a.findings.find((f) => f.rule === 'schema');
    assert.ok(finding, 'a schema finding on the list');
    const fix = fixesFor(a.unit, finding, { snippets: false }).find((f) => f.title === 'Change to `1`');
    assert.ok(fix, 'the fix is offered');
    assert.ok(applyEdits(text, fix.edits).startsWith('workunit: 1\nid: claims-intake\n'));
    assertEveryFixParses(text);
  });
});

