/** core/catalog/keyTable.ts: the catalog rules over kept keys find what they find over the models. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUnit } from '../../server/src/core/analyze';
import { CatalogKeyTable, packKeys } from '../../server/src/core/catalog/keyTable';
import { LevelResolver } from '../../server/src/core/config/levels';
import { CATALOG_RULES } from '../../server/src/core/rules/registry';
import type { RawFinding } from '../../server/src/core/rules/types';
import { catalogUnitText } from '../support/catalog';

describe('CatalogKeyTable', () => {
  it('gives, per file, what CATALOG_RULES.check gives over the models, in the same order', () => {
    const units = Array.from({ length: 420 }, (_, i) => ({ file: `f${i}.workunit.yaml`, checked: checkUnit(catalogUnitText(i), new LevelResolver()) }));
    const table = new CatalogKeyTable((n) => units[n].file);
    for (const u of units) table.add(u.checked.parsed && u.checked.unit.isMapping ? packKeys(u.checked.unit) : undefined);

    const entries = units.filter((u) => u.checked.parsed && u.checked.unit.isMapping).map((u) => ({ file: u.file, unit: u.checked.unit }));
    const expected = new Map<number, RawFinding[]>();
    for (const rule of CATALOG_RULES) {
      for (const { file, finding } of rule.check(entries)) {
        const n = units.findIndex((u) => u.file === file);
        expected.set(n, [...(expected.get(n) ?? []), finding]);
      }
    }
    const actual = table.findings();
    assert.ok(expected.size > 10, 'duplicates and an oversized value stream');
    assert.deepEqual(new Map([...actual].sort(([a], [b]) => a - b)), new Map([...expected].sort(([a], [b]) => a - b)));
  });
});
