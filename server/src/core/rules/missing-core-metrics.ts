import { found, fileRule } from './types';

export const missingCoreMetrics = fileRule({
  id: 'missing-core-metrics',
  defaultLevel: 'info',
  summary: 'Neither a `cycle-time` nor an `exception-rate` metric is tracked.',
  scope: 'file',
  check(unit) {
    const metrics = unit.learning?.metrics;
    if (!metrics || metrics.count === 0) return [];
    if (metrics.items.some((m) => m.kind === 'cycle-time' || m.kind === 'exception-rate')) return [];
    return [found('missing-core-metrics', metrics.keySpan, 'Neither cycle time nor exception rate is tracked: add a metric of kind `cycle-time` or `exception-rate` — the two signals every unit is compared on.')];
  },
});
