import { found, fileRule } from './types';

export const metricWithoutBaseline = fileRule({
  id: 'metric-without-baseline',
  defaultLevel: 'warning',
  summary: 'A metric has no `baseline`: there is no "before" to compare.',
  scope: 'file',
  check(unit) {
    return (unit.learning?.metrics?.items ?? [])
      .filter((m) => !m.hasBaseline)
      .map((m) => found('metric-without-baseline', m.anchor, `Metric ${m.id ? `\`${m.id}\`` : 'without an id'} has no baseline: add \`baseline:\` with today's value, so the effect of changes can be measured.`, { metric: m.index }));
  },
});
