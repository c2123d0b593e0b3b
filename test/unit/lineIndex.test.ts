import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/core/text/lineIndex';

describe('LineIndex', () => {
  it('maps offsets to lines and UTF-16 columns across LF, CRLF and lone CR', () => {
    const text = 'a: 1\r\nbb: 2\ncc: 3\rdd: 4';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(text.indexOf('bb')), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('3')), { line: 2, character: 4 });
    assert.deepEqual(idx.positionAt(text.indexOf('dd')), { line: 3, character: 0 });
    assert.equal(idx.lineText(0), 'a: 1');
    assert.equal(idx.lineText(2), 'cc: 3');
  });

  it('counts an emoji as two UTF-16 code units, and German letters as one', () => {
    const text = 'name: Prüfung 🧾 x\n';
    const idx = new LineIndex(text);
    assert.deepEqual(idx.positionAt(text.indexOf('x')), { line: 0, character: 17 });
    assert.equal('Prüfung 🧾 '.length, 11);
  });

  it('treats a tab as one column', () => {
    const text = 'a:\t"x"\n';
    assert.deepEqual(new LineIndex(text).positionAt(text.indexOf('"')), { line: 0, character: 3 });
  });

  it('round-trips offsets and positions, clamping out-of-range ones', () => {
    const text = 'one\r\ntwo\nthree';
    const idx = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      const p = idx.positionAt(o);
      // Offsets inside a CRLF pair map to the end of the line.
      assert.equal(idx.offsetAt(p), text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
    }
    assert.deepEqual(idx.positionAt(999), { line: 2, character: 5 });
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), text.length);
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 3);
  });
});
