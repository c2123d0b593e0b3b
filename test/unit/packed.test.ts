/** core/packed.ts: what goes in comes back, by position, past every growth. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntList, StringList } from '../../server/src/core/packed';

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
});
