/**
 * The workspace index against the batch check: after any sequence of sets
 * and deletes, each file's catalog findings are what the catalog rules give
 * over the whole catalog at once, and `set`/`delete` name exactly the files
 * whose findings changed. A change that leaves id and value stream where
 * they were re-checks nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkUnit } from '../../server/src/core/analyze';
import { CatalogIndex, summarizeText } from '../../server/src/core/catalog';
import { LevelResolver } from '../../server/src/core/config/levels';
import { CATALOG_RULES } from '../../server/src/core/rules/registry';
import type { CatalogRule, RawFinding } from '../../server/src/core/rules/types';

const EXAMPLE = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');
const unit = (id: string, vs: string, pad = '') => EXAMPLE.replace(/^id: .*$/m, `${pad}id: ${id}`).replace(/^valueStream: .*$/m, `valueStream: ${vs}`);

const checkedByText = new Map<string, ReturnType<typeof checkUnit>>();
const check = (text: string) => checkedByText.get(text) ?? checkedByText.set(text, checkUnit(text, new LevelResolver())).get(text)!;

/** What the rules say over the whole catalog at once, per file (files in name order, as the index orders groups). */
function batch(files: Map<string, string>): Map<string, RawFinding[]> {
  const entries = [...files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, text]) => ({ file, checked: check(text) }))
    .filter((e) => e.checked.parsed && e.checked.unit.isMapping)
    .map((e) => ({ file: e.file, unit: e.checked.unit }));
  const out = new Map<string, RawFinding[]>([...files.keys()].map((f) => [f, []]));
  for (const rule of CATALOG_RULES) for (const { file, finding } of rule.check(entries)) out.get(file)!.push(finding);
  return out;
}

/** A deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('CatalogIndex', () => {
  it('agrees with the batch check after every change, and names exactly the files whose findings changed', () => {
    const rnd = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const names = Array.from({ length: 16 }, (_, i) => `u${String(i).padStart(2, '0')}.workunit.yaml`);
    const texts = [
      ...['a', 'b', 'c'].flatMap((id) => ['big', 'small'].flatMap((vs) => [unit(id, vs), unit(id, vs, '# moved\n')])),
      unit('d', 'big').replace(/^valueStream: .*\n/m, ''),
      'not: [yaml',
      '- a list, not a unit',
    ];
    const index = new CatalogIndex();
    const files = new Map<string, string>();
    let before = batch(files);
    const fired = new Set<string>();
    for (let step = 0; step < 600; step++) {
      const file = pick(names);
      let changed: Set<string>;
      if (rnd() < 0.2) {
        changed = index.delete(file);
        files.delete(file);
      } else {
        const text = pick(texts);
        changed = index.set(file, rnd() < 0.5 ? text : summarizeText(text));
        files.set(file, text);
      }
      const after = batch(files);
      const differs = new Set([...new Set([...before.keys(), ...after.keys()])].filter((f) => f !== file || files.has(file)).filter((f) => JSON.stringify(before.get(f) ?? []) !== JSON.stringify(after.get(f) ?? [])));
      for (const f of files.keys()) assert.deepEqual(index.findings(f), after.get(f), `step ${step}: ${f}`);
      for (const fs of after.values()) for (const f of fs) fired.add(f.rule);
      assert.deepEqual([...changed].sort(), [...differs].sort(), `step ${step}: changed files`);
      before = after;
    }
    assert.ok(fired.has('duplicate-unit-id') && fired.has('value-stream-size'), 'both rules fired along the way');
  });

  it('re-checks nothing when id and value stream stay where they were (a keystroke in a step)', () => {
    let checks = 0;
    const counted: CatalogRule[] = CATALOG_RULES.map((r) => ({ ...r, checkGroup: (key, group) => (checks++, r.checkGroup(key, group)) }));
    const index = new CatalogIndex(counted);
    for (let i = 0; i < 12; i++) index.set(`f${i}`, unit(`id-${i % 6}`, 'big'));
    assert.ok(index.findings('f0').some((f) => f.rule === 'duplicate-unit-id'));
    assert.ok(index.findings('f0').some((f) => f.rule === 'value-stream-size'));
    checks = 0;
    assert.deepEqual([...index.set('f0', unit('id-0', 'big').replace('Collect case documents', 'Collect the case documents'))], []);
    assert.equal(checks, 0);
    // A new id: the old id's group (f0, f6) and the new one's (f1, f7) change; the value stream is
    // checked again (its rule may read the id's keys too) but changes for nobody.
    const changed = index.set('f0', unit('id-1', 'big'));
    assert.deepEqual([...changed].sort(), ['f0', 'f1', 'f6', 'f7']);
    assert.equal(checks, 3);
  });

  it('checks each group once when many files arrive together', () => {
    let checks = 0;
    const counted: CatalogRule[] = CATALOG_RULES.map((r) => ({ ...r, checkGroup: (key, group) => (checks++, r.checkGroup(key, group)) }));
    const index = new CatalogIndex(counted);
    const changed = index.setMany(Array.from({ length: 50 }, (_, i) => [`f${i}`, unit('same', 'big')] as const));
    assert.equal(checks, 2);
    assert.equal(changed.size, 50);
    assert.equal(index.findings('f3').length, 2);
  });

  it('names files by their label in findings, and finds symbols by name or unit id, in any case', () => {
    const index = new CatalogIndex(undefined, (f) => f.replace('file:///ws/', ''));
    index.set('file:///ws/a.workunit.yaml', unit('twin', 'x'));
    index.set('file:///ws/sub/b.workunit.yaml', unit('twin', 'x'));
    const [dup] = index.findings('file:///ws/a.workunit.yaml');
    assert.deepEqual(dup.data?.others, ['sub/b.workunit.yaml']);
    assert.deepEqual(
      index.symbols('KYC-screen').map((m) => [m.file, m.symbol.kind, m.symbol.name, m.symbol.container]),
      [
        ['file:///ws/a.workunit.yaml', 'actor', 'kyc-screener', 'twin'],
        ['file:///ws/sub/b.workunit.yaml', 'actor', 'kyc-screener', 'twin'],
      ],
    );
    assert.deepEqual(index.symbols('twin').map((m) => [m.symbol.kind, m.unitId]), [['unit', 'twin'], ['unit', 'twin']]);
    assert.deepEqual(index.symbols('decide').map((m) => m.symbol.kind), ['decision', 'decision']);
  });
});
