/**
 * Hover and navigation on damaged units at random cursor positions (both
 * ends of the text included), on the model of the current text as the
 * server uses it: hover, definition, references, highlights, prepareRename
 * and rename never throw and answer with ranges inside the text; the outline
 * nests (selection inside its symbol, child inside its parent); a rename's
 * edits apply cleanly, write the new name, and keep a parsing text parsing
 * without making any reference dangle.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/fixes';
import { hover } from '../../server/src/core/hover/hover';
import { definition, documentSymbols, elementStatus, highlights, occurrences, prepareRename, references, rename, type UnitSymbol } from '../../server/src/core/navigation';
import { assertSpanInside, mutatedUnit, offsetsIn, positionsArb, propertyOptions } from '../support/mutate';

const DANGLING = new Set(['unknown-actor', 'unknown-step', 'unknown-metric']);

/** New names a user may type: good ids, an id YAML reads as something else, `end`, junk. */
const newName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('renamed', 'x', 'a-1', 'new-name-2') },
  { weight: 2, arbitrary: fc.constantFrom('end', 'true', 'null', '12', '', ' ', 'Bad Name', 'a:b', '*a', 'é') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

function checkSymbols(symbols: UnitSymbol[], length: number, parent?: UnitSymbol): void {
  for (const s of symbols) {
    assertSpanInside(s.span, length, `symbol ${s.name}`);
    assertSpanInside(s.selectionSpan, length, `symbol ${s.name} (selection)`);
    assert.ok(s.span.start <= s.selectionSpan.start && s.selectionSpan.end <= s.span.end, `symbol ${s.name}: selection outside its span`);
    if (parent) assert.ok(parent.span.start <= s.span.start && s.span.end <= parent.span.end, `symbol ${s.name}: outside its parent ${parent.name}`);
    checkSymbols(s.children, length, s);
  }
}

describe('property: hover and navigation on mutated units', () => {
  it('never throw; ranges inside the text; the outline nests', () => {
    fc.assert(
      fc.property(mutatedUnit(), positionsArb(6), ({ text }, positions) => {
        const { unit, parsed } = analyzeText(text);
        const n = text.length;
        for (const offset of offsetsIn(n, positions)) {
          const h = hover(unit, offset);
          if (h) {
            assertSpanInside(h.span, n, `hover at ${offset}`);
            assert.equal(typeof h.markdown, 'string');
          }
          for (const s of definition(unit, offset)) assertSpanInside(s, n, `definition at ${offset}`);
          for (const s of references(unit, offset, true)) assertSpanInside(s, n, `references at ${offset}`);
          for (const s of references(unit, offset, false)) assertSpanInside(s, n, `references (no declaration) at ${offset}`);
          for (const s of highlights(unit, offset)) assertSpanInside(s.span, n, `highlight at ${offset}`);
          const p = prepareRename(unit, offset);
          if ('span' in p) assertSpanInside(p.span, n, `prepareRename at ${offset}`);
          else assert.equal(typeof p.error, 'string');
        }
        checkSymbols(documentSymbols(unit), n);
        elementStatus(unit, []);
        assert.equal(typeof parsed, 'boolean');
      }),
      propertyOptions('hover/definition/references/highlights/prepareRename: ranges inside the text', 1200),
    );
  });

  it('rename: edits inside the text, apart, write the new name; a parsing text still parses with no new dangling reference', () => {
    let renamed = 0;
    fc.assert(
      fc.property(fc.oneof(mutatedUnit(), mutatedUnit({ parsing: true })), positionsArb(6), newName, ({ text }, positions, name) => {
        const before = analyzeText(text);
        const n = text.length;
        // Random offsets seldom hit an id: half of them go to the declarations and references the unit has.
        const occ = occurrences(before.unit);
        const offsets = offsetsIn(n, positions).map((o, i) => (i % 2 === 1 && occ.length > 0 ? occ[o % occ.length].span.start + (o % 2) : o));
        for (const offset of offsets) {
          const r = rename(before.unit, offset, name);
          if ('error' in r) {
            assert.equal(typeof r.error, 'string');
            continue;
          }
          const edits = r.edits.map((e) => ({ start: e.span.start, end: e.span.end, newText: e.newText }));
          for (const e of edits) {
            assertSpanInside(e, n, `rename at ${offset}`);
            assert.equal(e.newText, name.trim(), `rename at ${offset} writes the new name`);
          }
          const sorted = [...edits].sort((a, b) => a.start - b.start);
          for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1].end <= sorted[i].start, `rename at ${offset}: overlapping edits`);
          const after = analyzeText(applyEdits(text, edits));
          if (edits.length > 0) renamed++;
          if (!before.parsed) continue;
          assert.ok(after.parsed, `rename at ${offset} to ${JSON.stringify(name)} breaks the YAML`);
          const dangling = (a: typeof before) => a.findings.filter((f) => DANGLING.has(f.rule)).length;
          assert.ok(dangling(after) <= dangling(before), `rename at ${offset} to ${JSON.stringify(name)} leaves a reference dangling`);
        }
      }),
      propertyOptions('rename: edits apply cleanly', 800),
    );
    console.log(`  (${renamed} renames applied)`);
  });
});
