/**
 * What bounds the work one file can cause: items parsed, findings per rule,
 * and array helpers that take any length (`push(...x)` overflows the stack
 * past some 100,000 elements). The hostile-input tests drive the same limits
 * end to end (test/protocol/hostile.test.ts, test/cli/hostile.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, MAX_FINDINGS_PER_RULE } from '../../server/src/core/analyze';
import { maxOf, minOf, pushAll } from '../../server/src/core/collections';
import { MAX_ITEMS } from '../../server/src/core/parse/parse';

const unitWith = (measuredBy: string) => `workunit: 1
id: limits
name: Limits
owner: lead
outcome:
  statement: Refunds decided within 2 days
  measuredBy: ${measuredBy}
actors:
  lead: { kind: human }
steps:
  - id: decide
    name: Decide
    performer: lead
learning:
  metrics:
    - { id: cycle-time, kind: cycle-time, baseline: 4, target: 2 }
  review: { cadence: weekly, owner: lead }
`;

describe('limits on one file', () => {
  it(`reports the first ${MAX_FINDINGS_PER_RULE} findings of a rule by position and one more that counts the rest`, () => {
    const names = Array.from({ length: 5000 }, (_, i) => `typo-${i}`);
    const a = analyzeText(unitWith(`[${names.join(', ')}]`));
    const unknown = a.findings.filter((f) => f.rule === 'unknown-metric');
    assert.equal(unknown.length, MAX_FINDINGS_PER_RULE + 1);
    for (let i = 1; i < unknown.length; i++) assert.ok(unknown[i - 1].span.start < unknown[i].span.start, 'in file order');
    assert.equal(a.unit.text.slice(unknown[0].span.start, unknown[0].span.end), 'typo-0');
    const last = unknown[MAX_FINDINGS_PER_RULE];
    assert.equal(a.unit.text.slice(last.span.start, last.span.end), `typo-${MAX_FINDINGS_PER_RULE}`);
    assert.match(last.message, new RegExp(`and ${5000 - MAX_FINDINGS_PER_RULE - 1} more like it in this file, not listed`));
  });

  it('reports every finding up to the limit, with no summary', () => {
    const names = Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, i) => `typo-${i}`);
    const unknown = analyzeText(unitWith(`[${names.join(', ')}]`)).findings.filter((f) => f.rule === 'unknown-metric');
    assert.equal(unknown.length, MAX_FINDINGS_PER_RULE);
    assert.ok(unknown.every((f) => !/not listed/.test(f.message)));
  });

  it(`refuses a flow list of more than ${MAX_ITEMS.toLocaleString('en')} entries with one yaml-syntax finding where the limit is crossed`, () => {
    const text = unitWith(`[${Array.from({ length: MAX_ITEMS + 10 }, () => 'q').join(', ')}]`);
    const a = analyzeText(text);
    assert.deepEqual(a.findings.map((f) => f.rule), ['yaml-syntax']);
    assert.match(a.findings[0].message, new RegExp(`more than ${MAX_ITEMS.toLocaleString('en')} items`));
    assert.equal(a.unit.text[a.findings[0].span.start], ',');
  });

  it(`refuses a file of more than ${MAX_ITEMS.toLocaleString('en')} lines`, () => {
    const a = analyzeText(`${unitWith('[cycle-time]')}${'#\n'.repeat(MAX_ITEMS)}`);
    assert.deepEqual(a.findings.map((f) => f.rule), ['yaml-syntax']);
    assert.match(a.findings[0].message, new RegExp(`more than ${MAX_ITEMS.toLocaleString('en')} items`));
  });

  it('a 2,000-step unit is far below the item limit: analysed', () => {
    const text = unitWith('[cycle-time]').replace('steps:\n', `steps:\n${Array.from({ length: 2000 }, (_, i) => `  - id: s-${i}\n    name: Step ${i}\n    performer: lead\n`).join('')}`);
    assert.ok(analyzeText(text).parsed);
  });

  it('the array helpers take 300,000 elements (spreading them into a call would overflow the stack)', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    assert.throws(() => [].push(...(many as never[])), RangeError, 'the hazard is real on this engine');
    assert.equal(pushAll([-1], many).length, 300_001);
    assert.equal(maxOf(many), 299_999);
    assert.equal(minOf(many), 0);
    assert.equal(maxOf([]), -Infinity);
    assert.equal(minOf([]), Infinity);
  });
});
