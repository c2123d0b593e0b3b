import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readsAsActivity, statesNumberOrTimeBound } from '../../server/src/core/rules/wording';

describe('outcome wording', () => {
  const activities = [
    'Review onboarding case',
    'Match supplier invoices',
    'Process refunds within 3 days',
    'Reviewing supplier contracts',
    'To approve expense claims',
    'We review every claim',
    'Quickly triage incoming tickets',
    'Ensure invoices are paid on time',
    'Review of supplier contracts',
    'Handle customer complaints',
    'Reduce cycle time to 2 days',
    'Complete onboarding within 5 days',
    'Processing new supplier requests within a week',
    'Reviewing supplier contracts within 5 days',
  ];
  const results = [
    'Customer onboarding case reviewed and decision issued within 24 hours',
    'Every incident classified and routed to the right resolver group within 15 minutes',
    'Invoices matched and posted within 2 days',
    'Refund issued to the customer',
    'Review completed and decision sent within one day',
    'Match rate above 95% for supplier invoices',
    'Onboarding cases reviewed within a day',
    'Approved claims paid within 10 days',
    'Order shipped the same business day',
    'Processing time below 2 days',
    'Review backlog under 20 cases at month end',
    'Purchase orders under 50k approved or rejected within two business days',
    'Refund decision communicated to the customer within a day',
    'Customers receive an accurate decision',
  ];
  for (const s of activities) it(`"${s}" reads as an activity`, () => assert.equal(readsAsActivity(s), true));
  for (const s of results) it(`"${s}" reads as a result`, () => assert.equal(readsAsActivity(s), false));

  const measurable = ['Paid within 5 days', 'Decision within two days', 'Resolved the same business day', 'Error rate under 2%', 'Reviewed within a day', 'Twice as fast as today', 'Claims settled within a week'];
  const vague = ['Customers receive an accurate decision', 'Invoices paid on time', 'Every incident routed correctly', 'Decision sent immediately'];
  for (const s of measurable) it(`"${s}" has a number or time bound`, () => assert.equal(statesNumberOrTimeBound(s), true));
  for (const s of vague) it(`"${s}" has none`, () => assert.equal(statesNumberOrTimeBound(s), false));
});
