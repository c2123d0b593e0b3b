import type { Span } from '../text/span';
import { found, type RawFinding, fileRule } from './types';

export const duplicateId = fileRule({
  id: 'duplicate-id',
  defaultLevel: 'error',
  summary: 'Two steps, two exceptions or two metrics share an id.',
  scope: 'file',
  check(unit) {
    return [
      ...duplicates('step', unit.steps?.items ?? []),
      ...duplicates('exception rule', unit.exceptions),
      ...duplicates('metric', unit.learning?.metrics?.items ?? []),
    ];
  },
});

function duplicates(what: string, items: { id?: string; anchor: Span }[]): RawFinding[] {
  const seen = new Set<string>();
  const out: RawFinding[] = [];
  for (const item of items) {
    if (item.id === undefined) continue;
    if (seen.has(item.id)) {
      out.push(found('duplicate-id', item.anchor, `Another ${what} already has the id \`${item.id}\`: ids must be unique, so references to it are ambiguous. Rename this one.`, { name: item.id, what }));
    }
    seen.add(item.id);
  }
  return out;
}
