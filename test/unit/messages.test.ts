/**
 * How findings and fixes read, across every fixture and example: no doubled
 * full stop in any message or fix title (the property tests check the same
 * on damaged units), and clear words for a file that holds no unit.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { fixesFor } from '../../server/src/core/fixes';
import { findFixtures } from '../support/fixtures';
import { assertNoDoubledFullStop } from '../support/mutate';

const ROOT = join(__dirname, '..', '..');
const NO_UNIT = 'The file holds no unit yet: a work unit needs `workunit`, `id` and `name` — start with `workunit: 1`.';

describe('finding messages and fix titles', () => {
  it('no message and no fix title in any fixture or example has a doubled full stop', () => {
    const files = [...findFixtures(join(ROOT, 'test', 'fixtures')), ...findFixtures(join(ROOT, 'examples'))];
    let messages = 0;
    let titles = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        const a = analyzeText(variant);
        for (const f of a.findings) {
          assertNoDoubledFullStop(f.message, `${file}: ${f.rule}`, a.unit.syntaxErrors.map((e) => e.message));
          messages++;
          for (const snippets of [false, true]) {
            for (const fix of fixesFor(a.unit, f, { snippets })) {
              assertNoDoubledFullStop(fix.title, `${file}: ${f.rule}, fix`);
              titles++;
            }
          }
        }
      }
    }
    // Enough of both that the check means something.
    assert.ok(files.length > 200 && messages > 500 && titles > 2000, `${files.length} files, ${messages} messages, ${titles} fix titles`);
  });

  it('a YAML problem reads as one sentence with one full stop, also where the yaml library ends its own with one', () => {
    for (const text of ['workunit: 1\n---\nid: a\n', 'workunit: 1\nid: a\nname: !<!> b\n']) {
      const a = analyzeText(text);
      const [f] = a.findings;
      assert.equal(f.rule, 'yaml-syntax');
      assertNoDoubledFullStop(f.message, f.message, a.unit.syntaxErrors.map((e) => e.message));
      assert.match(f.message, /[^.]\. Fix the YAML here; the other checks resume once the file parses\.$/);
    }
  });

  it('an empty file, or one of comments only, gets one schema finding on its first line: a unit needs workunit, id and name', () => {
    for (const text of ['', '\n\n', '\ufeff', '# a comment\n\n# another\n', '---\n', '~\n']) {
      const a = analyzeText(text);
      assert.deepEqual(
        a.findings.map((f) => [f.rule, a.unit.lines.lineAt(f.span.start), f.message]),
        [['schema', 0, NO_UNIT]],
        JSON.stringify(text),
      );
    }
  });

  it('a file whose top level is a value, not a mapping, is told what it must hold', () => {
    const [f] = analyzeText('- a\n- b\n').findings;
    assert.equal(f.message, 'The file must hold a unit, a mapping with `workunit`, `id` and `name`, but holds ["a","b"].');
  });
});
