import { found, fileRule } from './types';
import { readsAsActivity } from './wording';

export const outcomeIsActivity = fileRule({
  id: 'outcome-is-activity',
  defaultLevel: 'warning',
  summary: 'The outcome statement reads as an activity rather than a result.',
  scope: 'file',
  check(unit) {
    const st = unit.outcome?.statement;
    if (!st || !readsAsActivity(st.value)) return [];
    return [
      found(
        'outcome-is-activity',
        st.span,
        `"${st.value}" reads as an activity, not a result: state what is true when the work is done (e.g. "Supplier invoices matched and approved within 2 days" rather than "Match supplier invoices").`,
      ),
    ];
  },
});
