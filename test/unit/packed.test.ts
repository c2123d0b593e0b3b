/** core/packed.ts: what goes in comes back, by position, past every growth. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntList, PathList, StringList } from '../../server/src/core/packed';

describe('packed lists', () => {
  it('IntList keeps whole numbers, negative ones too', () => {
    const l = new IntList();
    for (let i = 1; i <= 5000; i++) l.push(i % 3 === 0 ? -i : i);
    assert.equal(l.size, 5000);
    for (let i = 1; i <= 5000; i++) assert.equal(l.get(i - 1), i % 3 === 0 ? -i : i);
  });

  it('StringList keeps strings of any length and script, the empty one too', () => {
    const l = new StringList();
    const strings = ['', 'a', 'stream-0001/unit-00012.workunit.yaml', 'ünïcödé ✓ 日本語 😀', 'x'.repeat(20_000), ''];
    for (let i = 0; i < 3000; i++) l.push(strings[i % strings.length] + (i % 7 === 0 ? String(i) : ''));
    assert.equal(l.size, 3000);
    for (let i = 0; i < 3000; i++) assert.equal(l.get(i), strings[i % strings.length] + (i % 7 === 0 ? String(i) : ''));
  });

  it('StringList keeps strings across its blocks, ones longer than a block and empty ones at a block\'s start', () => {
    const l = new StringList();
    const expected: string[] = [];
    // Lengths chosen to end blocks exactly, nearly, and to need blocks of their own (64 KiB, 3 bytes a character at most).
    const lengths = [0, 21_845, 0, 21_846, 1, 100_000, 0, 5, 21_845, 70_000, 3];
    for (let round = 0; round < 4; round++) {
      for (const [k, n] of lengths.entries()) {
        const s = (round % 2 ? 'é' : 'a').repeat(n) + (k % 3 === 0 ? '' : String(round));
        expected.push(s);
        l.push(s);
      }
    }
    assert.equal(l.size, expected.length);
    // Read in reverse too: no read depends on the one before.
    for (let i = expected.length - 1; i >= 0; i--) assert.equal(l.get(i), expected[i], `string ${i}`);
  });

  it('PathList gives back each path as given, folder after folder, a folder met again, both separators, no folder at all', () => {
    const l = new PathList();
    const paths = [
      '/tmp/cat/stream-0001/unit-1.workunit.yaml',
      '/tmp/cat/stream-0001/unit-2.workunit.yaml',
      '/tmp/cat/stream-0002/unit-1.workunit.yaml',
      '/tmp/cat/stream-0001/unit-3.workunit.yaml',
      'C:\\cat\\ünï\\a.workunit.yaml',
      'C:\\cat\\ünï/b.workunit.yaml',
      'bare.workunit.yaml',
      '/tmp/cat/stream-0001/',
      '',
      '/',
      '/tmp/cat/stream-0001/unit-1.workunit.yaml',
    ];
    for (let i = 0; i < 300; i++) for (const p of paths) l.push(p.replace('unit-', `unit-${i}-`));
    assert.equal(l.size, 300 * paths.length);
    for (let i = 300 * paths.length - 1; i >= 0; i--) assert.equal(l.get(i), paths[i % paths.length].replace('unit-', `unit-${Math.floor(i / paths.length)}-`), `path ${i}`);
  });
});
