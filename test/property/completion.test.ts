/**
 * Completion on damaged units at random cursor positions (both ends of the
 * text included), with no model, with the model of the unmutated fixture
 * (the server's "last good" model while the text does not parse) and with
 * the server's own choice: it never throws, and every candidate replaces a
 * range inside the text, on the cursor's line, around the cursor.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/core/analyze';
import { complete } from '../../server/src/core/completion/index';
import type { UnitModel } from '../../server/src/core/model/types';
import { assertSpanInside, mutatedUnit, offsetsIn, positionsArb, propertyOptions, type Source } from '../support/mutate';

const lastGood = new Map<Source, UnitModel | undefined>();
function goodModel(source: Source): UnitModel | undefined {
  if (!lastGood.has(source)) {
    const a = analyzeText(source.text);
    lastGood.set(source, a.parsed ? a.unit : undefined);
  }
  return lastGood.get(source);
}

/** Where completion really answers for `offset`: inside a `\r\n` pair is the line's end; before a BOM is after it. */
function effectiveOffset(text: string, offset: number): number {
  let o = offset;
  if (text[o - 1] === '\r' && text[o] === '\n') o--;
  if (o === 0 && text.charCodeAt(0) === 0xfeff) o = 1;
  return o;
}

describe('property: completion on mutated units', () => {
  it('never throws; every candidate replaces a range inside the text, on the cursor line, around the cursor', () => {
    fc.assert(
      fc.property(mutatedUnit(), positionsArb(3), (c, positions) => {
        const { text } = c;
        const current = analyzeText(text);
        const good = goodModel(c.source);
        // The server passes the current model when the text parses, else the last one that did.
        const models: [string, UnitModel | undefined][] = [
          ['no model', undefined],
          ['last good model', good],
          ['server model', current.parsed ? current.unit : good],
        ];
        for (const offset of offsetsIn(text.length, positions)) {
          const at = effectiveOffset(text, offset);
          for (const [which, model] of models) {
            const items = complete(text, offset, model);
            assert.ok(Array.isArray(items), 'complete returns a list');
            for (const item of items) {
              const what = `${which}, offset ${offset}: candidate ${JSON.stringify(item.label)}`;
              assertSpanInside(item.replace, text.length, what);
              assert.equal(typeof item.insertText, 'string', `${what}: insertText`);
              // An editor drops a completion whose range is not on the cursor's line or does not contain the cursor.
              assert.ok(item.replace.start <= at && at <= item.replace.end, `${what}: range ${JSON.stringify(item.replace)} does not contain the cursor ${at}`);
              assert.ok(!/[\r\n]/.test(text.slice(item.replace.start, item.replace.end)), `${what}: range ${JSON.stringify(item.replace)} spans lines`);
            }
          }
        }
      }),
      propertyOptions('complete: ranges inside the text, around the cursor', 1200),
    );
  });
});
