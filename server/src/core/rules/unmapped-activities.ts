import { isLogProblem } from '../measure/events';
import { figure } from '../measure/format';
import { found, measuredRule } from './types';

/** How many of the most frequent unmapped names the finding lists. */
const TOP = 5;

/** Activities in the log that no step or exception rule names: one finding, on the `log` key, the top names with counts. */
export const unmappedActivities = measuredRule({
  id: 'unmapped-activities',
  defaultLevel: 'info',
  summary: 'Activities in the unit\'s log map to no step or exception rule (one finding, with the most frequent names).',
  scope: 'measured',
  check(unit, measured) {
    const log = unit.learning?.log;
    if (!log || isLogProblem(measured) || measured.unmappedEvents === 0) return [];
    const top = measured.unmappedActivities.slice(0, TOP).map((a) => `"${a.activity}" (${figure(a.events)})`);
    const rest = measured.unmappedActivities.length - TOP;
    const more = rest > 0 ? `, and ${figure(rest)} more` : '';
    const events = `${figure(measured.unmappedEvents)} event${measured.unmappedEvents === 1 ? '' : 's'}`;
    return [
      found(
        'unmapped-activities',
        log.keySpan,
        `${events} in the log map to no step or exception rule: ${top.join(', ')}${more}. Name them in a step's or exception's \`activity:\` where they belong.`,
        { activities: measured.unmappedActivities.slice(0, TOP).map((a) => a.activity) },
      ),
    ];
  },
});
