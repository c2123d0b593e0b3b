import { isLogProblem } from '../measure/events';
import { found, measuredRule } from './types';

/**
 * The log `learning.log` names cannot be measured: it is not there, cannot
 * be read, lacks a needed column, or holds no event. At the `path` value.
 */
export const logUnreadable = measuredRule({
  id: 'log-unreadable',
  defaultLevel: 'warning',
  summary: 'The log `learning.log` names cannot be read, or holds no event to measure.',
  scope: 'measured',
  check(unit, measured) {
    const path = unit.learning?.log?.path;
    if (!path) return [];
    if (isLogProblem(measured)) return [found('log-unreadable', path.span, `The unit cannot be measured: ${measured.problem}. Fix \`path\` (relative to this file) or the log.`)];
    if (measured.events === 0) return [found('log-unreadable', path.span, `The log ${measured.log} holds no event that counts: nothing to measure. Check that it is the unit's log and that its rows read.`)];
    return [];
  },
});
