import { catalogRule, found } from './types';

/** Reported in every file that shares the id, so each author sees it. */
export const duplicateUnitId = catalogRule({
  id: 'duplicate-unit-id',
  defaultLevel: 'error',
  summary: 'Two files declare the same unit `id`.',
  groupKey: (unit) => unit.id?.value,
  checkGroup(id, group) {
    if (group.length < 2) return [];
    return group.map((e) => {
      const others = group.filter((o) => o !== e).map((o) => o.file);
      return { file: e.file, finding: found('duplicate-unit-id', e.unit.id!.span, `Unit id \`${id}\` is also declared in ${others.join(', ')}: unit ids must be unique within the catalog.`, { name: id, others }) };
    });
  },
});
