import { found, fileRule } from './types';

export const metricWithoutTarget = fileRule({
  id: 'metric-without-target',
  defaultLevel: 'info',
  summary: 'A metric has no `target`.',
  scope: 'file',
  check(unit) {
    return (unit.learning?.metrics?.items ?? [])
      .filter((m) => !m.hasTarget)
      .map((m) => found('metric-without-target', m.anchor, `Metric ${m.id ? `\`${m.id}\`` : 'without an id'} has no target: add \`target:\` with the value the unit aims for.`, { metric: m.index }));
  },
});
