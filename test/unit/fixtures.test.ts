/**
 * Every fixture produces exactly the findings its `# expect:` markers name,
 * at those lines (and, where given, over exactly that text) — with LF and
 * with CRLF line endings, and with a byte-order mark.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { diffFindings, findFixtures, parseExpectations } from '../support/fixtures';

const ROOT = 'test/fixtures';
const files = findFixtures(ROOT);

function check(text: string) {
  const a = analyzeText(text);
  const actual = a.findings.map((f) => ({
    line: a.unit.lines.positionAt(f.span.start).line,
    rule: f.rule,
    text: text.slice(f.span.start, f.span.end),
  }));
  return diffFindings(parseExpectations(text), actual);
}

describe('fixtures', () => {
  it('finds the fixtures', () => assert.ok(files.length >= 50, `only ${files.length} fixtures`));
  for (const file of files) {
    const name = relative(ROOT, file);
    const text = readFileSync(file, 'utf8');
    it(name, () => assert.deepEqual(check(text), []));
    const lf = text.replace(/\r\n/g, '\n');
    it(`${name} (${text === lf ? 'CRLF' : 'LF'})`, () => assert.deepEqual(check(text === lf ? lf.replace(/\n/g, '\r\n') : lf), []));
  }
});
