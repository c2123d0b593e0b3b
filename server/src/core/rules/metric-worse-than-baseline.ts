import { isLogProblem } from '../measure/events';
import { figure, withUnit } from '../measure/format';
import { found, measuredRule } from './types';

/**
 * A measured value on the wrong side of its baseline: in the direction from
 * the baseline to the target (lower is better for a time or a rate, higher
 * for throughput, where there is no target to tell). At the metric's `id`.
 */
export const metricWorseThanBaseline = measuredRule({
  id: 'metric-worse-than-baseline',
  defaultLevel: 'warning',
  summary: 'A metric measured from the unit\'s log is worse than its `baseline`.',
  scope: 'measured',
  check(unit, measured) {
    if (isLogProblem(measured)) return [];
    const metrics = unit.learning?.metrics?.items ?? [];
    return measured.metrics.flatMap((m, i) => {
      const metric = metrics[i];
      if (!metric || m.value === null || m.baseline === null) return [];
      const up = m.target !== null && m.target !== m.baseline ? m.target > m.baseline : m.kind === 'throughput';
      if (up ? m.value >= m.baseline : m.value <= m.baseline) return [];
      return [
        found(
          'metric-worse-than-baseline',
          metric.anchor,
          `Metric ${m.id ? `\`${m.id}\`` : `#${i + 1}`} measures ${withUnit(m.value, m.unit)} over ${figure(m.cases ?? 0)} cases, worse than its baseline ${withUnit(m.baseline, m.unit)}: the changes made it worse, or the baseline was too kind. Look at the before and after of each change (hover the metric).`,
          { metric: metric.index, value: m.value, baseline: m.baseline },
        ),
      ];
    });
  },
});
