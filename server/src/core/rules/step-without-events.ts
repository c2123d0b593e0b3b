import { isLogProblem } from '../measure/events';
import { found, measuredRule } from './types';

/**
 * A step the log never records. Quiet when no step has an event at all
 * (then the mapping or the log is the one problem: `unmapped-activities`,
 * `log-unreadable`). At the step's `id` value.
 */
export const stepWithoutEvents = measuredRule({
  id: 'step-without-events',
  defaultLevel: 'warning',
  summary: 'A step has no event in the unit\'s log: its `activity` names nothing the log records, or the step never runs.',
  scope: 'measured',
  check(unit, measured) {
    if (isLogProblem(measured) || !measured.boundary.some((b) => b.events > 0)) return [];
    const steps = unit.steps?.items ?? [];
    return measured.boundary.flatMap((b, i) => {
      const step = steps[i];
      if (!step || b.events > 0) return [];
      const names = step.activities.length > 0 ? 'its `activity` names' : 'its id or name';
      return [
        found(
          'step-without-events',
          step.anchor,
          `Step ${step.id ? `\`${step.id}\`` : `#${i + 1}`} has no event in the log ${measured.log}: ${names} match no activity there. Add \`activity:\` with the log's name for it, or remove the step if it never runs.`,
          { step: step.index },
        ),
      ];
    });
  },
});
