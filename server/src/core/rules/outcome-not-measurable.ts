import { found, fileRule } from './types';
import { statesNumberOrTimeBound } from './wording';

export const outcomeNotMeasurable = fileRule({
  id: 'outcome-not-measurable',
  defaultLevel: 'warning',
  summary: 'The outcome names no metric in `measuredBy`, no `within`, and no number or time bound in its statement.',
  scope: 'file',
  check(unit) {
    const o = unit.outcome;
    const st = o?.statement;
    if (!o || !st) return [];
    if (o.measuredBy.length > 0 || o.within || statesNumberOrTimeBound(st.value)) return [];
    return [
      found(
        'outcome-not-measurable',
        st.span,
        'The outcome cannot be measured: name its metrics in `measuredBy`, give a `within` time bound, or put a number or time bound in the statement.',
      ),
    ];
  },
});
