import { nearest } from '../text/nearest';
import { found, fileRule } from './types';

/** Fires even without a `learning` block: the metric is then tracked nowhere. */
export const unknownMetric = fileRule({
  id: 'unknown-metric',
  defaultLevel: 'error',
  summary: '`outcome.measuredBy` names a metric that is not in `learning.metrics`.',
  scope: 'file',
  check(unit) {
    const ids = new Set<string>();
    for (const m of unit.learning?.metrics?.items ?? []) if (m.id !== undefined) ids.add(m.id);
    const out = [];
    for (const ref of unit.outcome?.measuredBy ?? []) {
      if (ids.has(ref.name)) continue;
      const suggestion = nearest(ref.name, ids);
      const tail = suggestion ? ` Did you mean \`${suggestion}\`?` : ' Add it to `learning.metrics` with a baseline and a target.';
      out.push(found('unknown-metric', ref.span, `\`${ref.name}\` is not a metric in \`learning.metrics\`.${tail}`, { name: ref.name, suggestion }));
    }
    return out;
  },
});
