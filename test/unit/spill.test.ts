/** cli/spill.ts: what goes in comes back, part by part and in order, from memory or from disk. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Spill } from '../../server/src/cli/spill';

function roundTrip(parts: string[][]): void {
  const spill = new Spill(2);
  for (const p of parts) spill.add(p);
  try {
    for (const k of [0, 1]) assert.deepEqual([...spill.read(k)], parts.map((p) => p[k]));
  } finally {
    spill.dispose();
  }
}

describe('Spill', () => {
  it('gives back small runs from memory', () => {
    roundTrip([['a', ''], ['', 'b'], ['ünïcödé ✓', '{"x": 1}']]);
  });

  it('gives back big runs from disk: parts across read blocks, a part bigger than a block, multi-byte characters, empty parts', () => {
    const parts: string[][] = [];
    for (let i = 0; i < 3000; i++) parts.push([`${i} ✓ `.repeat(i % 97), i % 5 === 0 ? '' : `,\n  {"n": ${i}, "s": "é"}`]);
    parts.push(['x'.repeat(3 * 1024 * 1024 + 7), '✓'.repeat(700_000)]);
    parts.push(['after', 'the big one']);
    roundTrip(parts);
  });

  it('removes its temporary files', () => {
    const spill = new Spill(1);
    for (let i = 0; i < 100; i++) spill.add(['y'.repeat(10_000)]);
    const dir = (spill as unknown as { dir?: string }).dir;
    assert.ok(dir && existsSync(dir), 'spilled to disk');
    spill.dispose();
    assert.ok(!existsSync(dir));
  });
});
