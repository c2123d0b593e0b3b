import { found, fileRule } from './types';

export const learningWithoutMetrics = fileRule({
  id: 'learning-without-metrics',
  defaultLevel: 'warning',
  summary: '`learning` has no metrics.',
  scope: 'file',
  check(unit) {
    const l = unit.learning;
    if (!l || unit.malformed.has('learning.metrics') || (l.metrics && l.metrics.count > 0)) return [];
    return [found('learning-without-metrics', l.keySpan, 'The learning loop has no metrics: add `metrics` — at least cycle time and exception rate, each with a baseline and a target.', { block: 'learning' })];
  },
});
