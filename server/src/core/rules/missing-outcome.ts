import { found, fileRule } from './types';

export const missingOutcome = fileRule({
  id: 'missing-outcome',
  defaultLevel: 'error',
  summary: 'No `outcome`, or no `outcome.statement`: the unit does not say what result it is accountable for.',
  scope: 'file',
  check(unit) {
    if (unit.malformed.has('outcome')) return [];
    if (!unit.outcome) {
      return [found('missing-outcome', unit.anchor, 'No outcome: add an `outcome` with a `statement` of the measurable business result this unit is accountable for (element 1 of 4).', { element: 'outcome' })];
    }
    if (!unit.outcome.hasStatement) {
      return [found('missing-outcome', unit.outcome.keySpan, 'The outcome has no `statement`: add one that names the business result, e.g. "Invoices matched and posted within 2 days".', { element: 'outcome.statement' })];
    }
    return [];
  },
});
