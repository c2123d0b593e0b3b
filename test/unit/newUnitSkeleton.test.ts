/**
 * "Work Unit: New Work Unit" writes the completion's skeleton with the id and
 * value stream. It invents nothing (spec 1.1): every value it cannot know is a
 * `<…>` placeholder, so a fresh unit reads "4 of 4 present, 0 complete" and
 * carries `placeholder` findings — and once a person fills them in, it is
 * "4 of 4 elements complete".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unitSkeleton, validateUnitId } from '../../client/src/catalog/skeleton';
import { analyzeText } from '../../server/src/core/analyze';
import { elementStatus } from '../../server/src/core/navigation/elements';

const status = (text: string) => {
  const a = analyzeText(text);
  return { label: elementStatus(a.unit, a.findings).label, findings: a.findings };
};

/** What a person writes in place of each placeholder, by its key. */
const FILLED: Record<string, string> = {
  name: 'Claims intake',
  statement: 'Claims registered and routed within 2 days',
  doneWhen: 'Claim recorded in the claims system',
  role: 'Claims lead',
  model: 'claims-triage-v2',
  system: 'Claims workflow',
  decision: 'Is the claim complete?',
  when: 'Assistant confidence below 0.6',
  baseline: '40',
  target: '24',
};

function fillIn(text: string): string {
  return text
    .replace(/^(\s*(?:- )?)([A-Za-z]+): <[^<>\n]+>$/gm, (_, lead: string, key: string) => `${lead}${key}: ${FILLED[key] ?? `filled ${key}`}`)
    .replace(/(role|model|system): <[^<>\n]+>/g, (_, key: string) => `${key}: ${FILLED[key]}`);
}

describe('the new-unit skeleton', () => {
  it('has all four elements and the id and value stream, and invents no value: 4 of 4 present, 0 complete', () => {
    const text = unitSkeleton('claims-intake', 'record-to-report');
    assert.match(text, /^id: claims-intake$/m);
    assert.match(text, /^valueStream: record-to-report$/m);
    assert.doesNotMatch(text, /\$\{|\$\d/, 'no snippet syntax left');
    assert.doesNotMatch(text, /baseline: \d|target: \d|0\.6|model-name/, 'no made-up figure');
    const { label, findings } = status(text);
    assert.match(label, /^4 of 4 present, 0 complete — outcome: \d+ findings?; execution logic: \d+ findings?; execution structure: \d+ findings?; learning loop: \d+ findings?$/);
    assert.ok(findings.filter((f) => f.rule === 'placeholder').length >= 10);
    assert.deepEqual(findings.filter((f) => f.rule !== 'placeholder').map((f) => f.rule), [], 'nothing but placeholders');
  });

  it('filled in, it is 4 of 4 elements complete, with no finding at all', () => {
    const filled = fillIn(unitSkeleton('claims-intake', 'record-to-report'));
    assert.doesNotMatch(filled, /<[^<>\n]+>/, filled);
    const { label, findings } = status(filled);
    assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
    assert.equal(label, '4 of 4 elements complete');
  });

  it('accepts kebab-case ids only', () => {
    assert.equal(validateUnitId('invoice-matching'), undefined);
    for (const bad of ['', 'Invoice', 'a--b', '-a', 'a_b', 'a b']) assert.ok(validateUnitId(bad), bad);
  });
});
