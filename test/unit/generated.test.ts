/**
 * The files generated from the format's description
 * (server/src/core/format/description.ts) are committed: a stale one fails
 * here until `npm run generate` writes it again. And the readers of the
 * description agree with it: the schema the rules run is the one written.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_KEYS, HUMAN_ONLY_PATHS, STRING_KEYS } from '../../server/src/core/format/description';
import { alternation, generatedFiles } from '../../server/src/core/format/generated';
import { WORKUNIT_SCHEMA } from '../../server/src/core/schema/validate';

const ROOT = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

describe('generated files', () => {
  for (const file of generatedFiles(read)) {
    it(`${file.path} is what the description gives (else run npm run generate)`, () => {
      assert.equal(read(file.path), file.text, `${file.path} is stale: run npm run generate`);
    });
  }

  it('the schema the rules, completion and hover read is the committed one', () => {
    assert.deepEqual(WORKUNIT_SCHEMA, JSON.parse(read('schemas/workunit.schema.json')));
  });

  it('the grammar names every key of the description and nothing else', () => {
    const grammar = read('syntaxes/workunit.tmLanguage.json');
    assert.ok(grammar.includes(alternation(ALL_KEYS)));
    for (const key of ['resources', 'activity', 'log', 'timestamp']) assert.ok(ALL_KEYS.includes(key), key);
  });

  it('the human-only places and the string keys come from the description', () => {
    assert.deepEqual([...HUMAN_ONLY_PATHS].sort(), ['learning.review.owner', 'owner', 'steps.*.accountable']);
    assert.ok(STRING_KEYS.has('statement') && STRING_KEYS.has('when') && !STRING_KEYS.has('path'));
  });

  it('alternation puts longer names first, so a prefix never wins', () => {
    assert.equal(alternation(['at', 'activity', 'accountable', 'id']), 'accountable|activity|at|id');
  });
});
