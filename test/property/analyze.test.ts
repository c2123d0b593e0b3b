/**
 * Properties of the analysis on damaged units (fixtures and examples with
 * random mutations, test/support/mutate.ts): it never throws, every finding
 * and every span of the model lies inside the text, and the analysis is a
 * function of the text (two runs agree).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeText, type Analysis } from '../../server/src/core/analyze';
import { assertNoDoubledFullStop, assertSpanInside, loadSources, mutatedUnit, propertyOptions, rangesIn } from '../support/mutate';

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
/** The model's parts that are not its own data: the YAML document, the line index, the text. */
const NOT_MODEL = new Set(['doc', 'lines', 'text']);

/** The analysis as plain data (maps and sets as arrays), for comparing two runs. */
function plain(a: Analysis): string {
  // Without the YAML document: JSON.stringify calls its toJSON (which throws on a bad alias) before any replacer.
  const { doc: _doc, lines: _lines, text: _text, ...unit } = a.unit;
  return JSON.stringify({ findings: a.findings, parsed: a.parsed, unit }, (_k, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));
}

describe('property: analyzeText on mutated units', () => {
  it('never throws; findings and model spans lie inside the text; findings are sorted', () => {
    fc.assert(
      fc.property(mutatedUnit(), ({ text }) => {
        const a = analyzeText(text);
        let last = 0;
        for (const f of a.findings) {
          assertSpanInside(f.span, text.length, `finding ${f.rule}`);
          assert.ok(SEVERITIES.has(f.severity), `finding ${f.rule} has severity ${f.severity}`);
          assert.ok(typeof f.message === 'string' && f.message.length > 0, `finding ${f.rule} has no message`);
          assertNoDoubledFullStop(f.message, `finding ${f.rule}`, a.unit.syntaxErrors.map((e) => e.message));
          assert.ok(f.span.start >= last, `findings out of order at ${f.rule}`);
          last = f.span.start;
        }
        // The one finding of a file that does not parse is yaml-syntax, and only then.
        assert.equal(a.findings.some((f) => f.rule === 'yaml-syntax'), !a.parsed, 'yaml-syntax finding iff the text does not parse');
        for (const { path, span } of rangesIn(a.unit, NOT_MODEL, 'unit')) assertSpanInside(span, text.length, path);
      }),
      propertyOptions('analyzeText: findings and spans inside the text', 2000),
    );
  });

  it('is deterministic: two analyses of one text agree (unmutated fixtures, and mutated ones)', () => {
    const sources = loadSources();
    const input = fc.oneof(
      fc.constantFrom(...sources).map((s) => s.text),
      mutatedUnit().map((c) => c.text),
    );
    fc.assert(
      fc.property(input, (text) => {
        assert.equal(plain(analyzeText(text)), plain(analyzeText(text)));
      }),
      propertyOptions('analyzeText: deterministic', 600),
    );
  });
});
