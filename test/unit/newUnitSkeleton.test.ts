/** "Work Unit: New Work Unit" writes the completion's skeleton with the id and value stream: complete, and clean. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unitSkeleton, validateUnitId } from '../../client/src/catalog/skeleton';
import { analyzeText } from '../../server/src/core/analyze';
import { elementStatus } from '../../server/src/core/navigation/elements';

describe('the new-unit skeleton', () => {
  it('has all four elements, the id and value stream, and no error or warning', () => {
    const text = unitSkeleton('claims-intake', 'record-to-report');
    assert.match(text, /^id: claims-intake$/m);
    assert.match(text, /^valueStream: record-to-report$/m);
    assert.doesNotMatch(text, /\$\{|\$\d/, 'no snippet syntax left');
    const a = analyzeText(text);
    assert.equal(elementStatus(a.unit).count, 4);
    assert.deepEqual(a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.rule), []);
  });

  it('accepts kebab-case ids only', () => {
    assert.equal(validateUnitId('invoice-matching'), undefined);
    for (const bad of ['', 'Invoice', 'a--b', '-a', 'a_b', 'a b']) assert.ok(validateUnitId(bad), bad);
  });
});
