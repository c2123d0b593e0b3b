import { found, type CatalogRule } from './types';

/** Reported in every file that shares the id, so each author sees it. */
export const duplicateUnitId: CatalogRule = {
  id: 'duplicate-unit-id',
  defaultLevel: 'error',
  summary: 'Two files declare the same unit `id`.',
  scope: 'catalog',
  check(entries) {
    const byId = new Map<string, typeof entries>();
    for (const e of entries) {
      const id = e.unit.id?.value;
      if (id === undefined) continue;
      byId.set(id, [...(byId.get(id) ?? []), e]);
    }
    const out = [];
    for (const [id, group] of byId) {
      if (group.length < 2) continue;
      for (const e of group) {
        const others = group.filter((o) => o !== e).map((o) => o.file);
        out.push({ file: e.file, finding: found('duplicate-unit-id', e.unit.id!.span, `Unit id \`${id}\` is also declared in ${others.join(', ')}: unit ids must be unique within the catalog.`, { name: id, others }) });
      }
    }
    return out;
  },
};
