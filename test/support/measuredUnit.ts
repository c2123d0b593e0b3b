/**
 * A small unit and a log of it whose figures are worked out by hand, for
 * the measured rules' tests (unit and protocol).
 */

export const REFUNDS_UNIT = `workunit: 1
id: refunds
name: Refunds
owner: lead
outcome:
  statement: Every refund decided within 24 hours
  measuredBy: [decision-time]
actors:
  lead: { kind: human, role: Lead }
  agent: { kind: human, role: Agent }
  bot: { kind: automation, system: Refund bot }
steps:
  - id: check
    name: Check the request
    performer: bot
    accountable: agent
  - id: archive
    name: Archive the case
    performer: bot
  - id: decide
    name: Decide
    performer: agent
    decision: Refund?
learning:
  log:
    path: log.csv
  metrics:
    - id: decision-time
      kind: cycle-time
      unit: hours
      baseline: 2
      target: 1
    - id: rate
      kind: exception-rate
      baseline: 50
      target: 10
  review:
    owner: lead
`;

// Two cases: r1 checked by a person (1 of 2 check events: 50 % human → drifted), both decided, none archived.
// Cycle times 3 h and 5 h: median 4 h, worse than the baseline 2 h (target 1 h: lower is better).
export const REFUNDS_CSV = `case,activity,timestamp,resource
r1,check,2026-01-05T08:00:00Z,agent
r1,decide,2026-01-05T11:00:00Z,agent
r2,check,2026-01-06T08:00:00Z,bot
r2,Phone the customer,2026-01-06T09:00:00Z,agent
r2,Phone the customer,2026-01-06T10:00:00Z,agent
r2,decide,2026-01-06T13:00:00Z,agent
`;
