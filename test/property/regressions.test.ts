/**
 * Bugs the property tests found, each as the shrunk counterexample (cut down
 * by hand where the fixture around it did not matter), so they stay fixed
 * whatever seed the properties run with.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { applyEdits, fixesFor } from '../../server/src/core/fixes';

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
});
