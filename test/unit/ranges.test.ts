/**
 * Findings land on the right text whatever the encoding details: CRLF, a
 * byte-order mark, tabs inside values, non-ASCII text, anchors and aliases,
 * merge keys — and ajv's instance paths map back to the right YAML nodes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { parseText } from '../../server/src/core/parse/parse';
import { nodeAt, validateSchema } from '../../server/src/core/schema/validate';

const CLEAN = `workunit: 1
id: claims-intake
name: Claims intake
valueStream: claims
owner: lead
outcome:
  statement: Claims registered within 2 days
  measuredBy: [cycle-time, exception-rate]
actors:
  lead: { kind: human, role: Team lead }
  bot: { kind: ai-agent, model: x }
steps:
  - id: register
    name: Register the claim
    performer: bot
    accountable: lead
exceptions:
  - id: unreadable
    when: Form unreadable
    at: register
    owner: lead
learning:
  metrics:
    - { id: cycle-time, kind: cycle-time, baseline: 5, target: 2 }
    - { id: exception-rate, kind: exception-rate, baseline: 10, target: 5 }
  review: { cadence: weekly, owner: lead }
`;

function findings(text: string) {
  const a = analyzeText(text);
  return a.findings.map((f) => {
    const p = a.unit.lines.positionAt(f.span.start);
    return { rule: f.rule, line: p.line, col: p.character, text: text.slice(f.span.start, f.span.end) };
  });
}

describe('ranges', () => {
  it('the clean unit has no findings', () => assert.deepEqual(findings(CLEAN), []));

  it('maps a finding after an emoji to its UTF-16 column', () => {
    const g = findings(CLEAN.replace('name: Register the claim\n    performer: bot', 'name: Prüfung 🧾\n    performer: { x: 1 }'));
    assert.deepEqual(g.filter((x) => x.rule === 'schema').map((x) => [x.line, x.col, x.text]), [[14, 15, '{ x: 1 }']]);
    const h = findings(CLEAN.replace('    performer: bot', '    performer: [\'🧾\', ghost]'));
    // '🧾' is two UTF-16 units: "ghost" starts at column 22, not 21.
    assert.deepEqual(h.filter((x) => x.text === 'ghost'), [{ rule: 'unknown-actor', line: 14, col: 22, text: 'ghost' }]);
  });

  it('keeps lines right with CRLF and a byte-order mark', () => {
    const text = '\uFEFF' + CLEAN.replace('at: register', 'at: regster').replace(/\n/g, '\r\n');
    assert.deepEqual(findings(text), [{ rule: 'unknown-step', line: 19, col: 8, text: 'regster' }]);
  });

  it('points at the first line (after a BOM) when there is no id', () => {
    const text = '\uFEFFworkunit: 1\nname: X\n';
    const f = findings(text);
    assert.ok(f.length > 0);
    // The BOM is offset 0, so the line's content starts at column 1.
    for (const x of f) assert.deepEqual([x.line, x.col, x.text], [0, 1, 'workunit: 1']);
  });

  it('reads tabs inside values', () => {
    const text = CLEAN.replace('name: Register the claim', 'name:\tRegister\tthe claim').replace('at: register', 'at:\tregster');
    assert.deepEqual(findings(text), [{ rule: 'unknown-step', line: 19, col: 8, text: 'regster' }]);
  });

  it('follows aliases: a reference made through *alias points at the alias', () => {
    const text = CLEAN.replace('owner: lead\noutcome', 'owner: &boss lead\noutcome').replace('    accountable: lead', '    accountable: *boss').replace('  bot: {', '  bot: &botdef {');
    assert.deepEqual(findings(text), []);
    const broken = CLEAN.replace('    performer: bot', '    performer: &who ghost').replace('    owner: lead\nlearning', '    owner: *who\nlearning');
    assert.deepEqual(
      findings(broken).map((x) => [x.rule, x.line, x.text]),
      [
        ['unused-actor', 10, 'bot'],
        ['unknown-actor', 14, 'ghost'],
        ['unknown-actor', 20, '*who'],
      ],
    );
  });

  it('expands merge keys, explicit keys winning', () => {
    const text = CLEAN.replace('steps:\n', 'steps:\n  - &base\n    id: first\n    name: First\n    performer: bot\n    accountable: lead\n  - <<: *base\n    id: second\n');
    assert.deepEqual(findings(text), []);
    const noAcc = CLEAN.replace('steps:\n', 'steps:\n  - &base\n    id: first\n    performer: bot\n    accountable: robot\n  - <<: *base\n    id: second\n');
    // One dangling reference written once: one finding, though two steps share it.
    assert.deepEqual(findings(noAcc).map((x) => [x.rule, x.text]), [['unknown-actor', 'robot']]);
  });

  it('maps ajv instance paths to YAML nodes, through aliases and merges', () => {
    const text = 'a: &m { k: [1, {z: 2}] }\nb:\n  <<: *m\n  q: 3\n';
    const { doc } = parseText(text);
    const at = (path: string[]) => {
      const r = nodeAt(doc, path);
      return r && { key: r.key && text.slice(r.key.start, r.key.end), value: r.value && text.slice(r.value.start, r.value.end) };
    };
    assert.deepEqual(at(['a', 'k', '1', 'z']), { key: 'z', value: '2' });
    assert.deepEqual(at(['b', 'k', '0']), { key: undefined, value: '1' });
    assert.deepEqual(at(['b', 'q']), { key: 'q', value: '3' });
    assert.equal(at(['b', 'nope']), undefined);
  });

  it('reports one schema problem per value, at the value', () => {
    const text = CLEAN.replace('    performer: bot', '    performer: 42').replace('baseline: 5', 'baseline: five');
    const { doc } = parseText(text);
    const problems = validateSchema(doc, doc.toJS());
    assert.deepEqual(
      problems.map((p) => [p.kind, p.path.join('/'), p.span && text.slice(p.span.start, p.span.end)]),
      [
        ['value', 'steps/0/performer', '42'],
        ['value', 'learning/metrics/0/baseline', 'five'],
      ],
    );
  });
});
