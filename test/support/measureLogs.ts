/**
 * A unit and its log written by hand, with every quirk the issue lists, for
 * the measuring's unit and CLI tests (test/unit/measure.test.ts works out
 * its figures by hand).
 */

export const UNIT = `workunit: 1
id: claims
name: Claims
actors:
  clerk: { kind: human, resources: [alice, " Bob "] }
  bot: { kind: automation }
  model: { kind: ai-agent, resources: [gpt] }
steps:
  - id: intake
    performer: bot
    activity: [Receive claim, Intake]
  - id: assess
    name: Assess claim
    performer: model
  - id: decide
    performer: clerk
    next: { pay: pay, reject: end }
  - id: pay
    performer: bot
exceptions:
  - id: fraud-flag
    at: assess
    then: decide
    activity: Fraud flagged
  - id: withdrawn
    at: [intake, assess]
    then: end
learning:
  log: { path: logs/claims.csv, case: Claim, timestamp: When }
  metrics:
    - { id: cycle, kind: cycle-time, unit: hours, baseline: 40, target: 24 }
    - { id: exc, kind: exception-rate, unit: percent, baseline: 10, target: 5 }
    - { id: tp, kind: throughput, unit: cases per day, baseline: 1, target: 2 }
    - { id: quality, kind: quality, unit: percent, baseline: 70, target: 90 }
    - { id: cycle-days, kind: cycle-time, unit: days }
  changes:
    - { date: 2024-03-02, change: Auto-assess }
    - { date: not a date, change: ignored }
`;

/**
 * The log. Line numbers on the right (line 3's quoted field runs over two
 * lines). A BOM; the activity column written `ACTIVITY ` (matched trimmed,
 * without case); an unknown column `note` with quoted commas, a line break
 * and doubled quotes; `lifecycle:transition` with a start event; mixed
 * offsets across the 2024 daylight-saving change; fractional seconds; a space
 * for `T`; case C out of order; two bad rows; empty trailing lines.
 */
export const CSV = [
  '\uFEFFClaim,ACTIVITY ,When,resource,lifecycle:transition,note', // 1
  'A,Receive claim,2024-03-01T08:00:00Z,bot,,"first, with a comma"', // 2
  'A,Assess claim,2024-03-01T09:00:00Z,gpt,complete,"two', // 3
  'lines"', // 4
  'A,decide,2024-03-01T10:00:00Z,alice,,', // 5
  'A,PAY,2024-03-01T12:00:00Z,bot,,', // 6
  'B,intake,2024-03-30T23:00:00+01:00,bot,,', // 7   = 03-30 22:00Z
  'B,assess,2024-03-31T03:30:00+02:00,gpt,,', // 8   = 03-31 01:30Z
  'B,Fraud flagged,2024-03-31T04:00:00+02:00,alice,,', // 9  = 02:00Z
  'B, decide ,2024-03-31 05:00:00.123456+02:00, Bob ,,', // 10 = 03:00:00.123456Z
  'C,decide,2024-03-03T10:00Z,alice,COMPLETE,', // 11
  'C,intake,2024-03-03T08:00Z,bot,complete,', // 12
  'C,assess,2024-03-03T09:00Z,gpt,start,', // 13  left out: not complete
  'C,assess,2024-03-03T09:30Z,alice,complete,"say ""hi"""', // 14
  'Z,decide,yesterday,alice,,', // 15  bad: timestamp
  ',intake,2024-03-01T00:00Z,bot,,', // 16  bad: no case
  'D,intake,2024-03-02T00:00:00Z,,,', // 17
  'D,Archive,2024-03-02T01:00:00Z,,,', // 18  unmapped
  'D,pay,2024-03-02T02:00:00Z,,,', // 19  intake → pay: not the flow
  'D,archive ,2024-03-02T05:00:00Z,,,', // 20  unmapped (same name)
  'E,withdrawn,2024-03-01T20:00Z,,,', // 21
  'E,misc,2024-03-01 21:00,clerk,,', // 22  unmapped; no zone = UTC
  '',
  '',
].join('\n');

/** The same events as the CSV, as XES: attributes of every kind, the trace's name after its events, nested and unknown ones ignored. */
export const XES = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="concept:name" value="the log's own name"/>
  <trace>
    <string key="concept:name" value="A"/>
    <event><string key="concept:name" value="Receive claim"/><date key="time:timestamp" value="2024-03-01T08:00:00Z"/><string key="org:resource" value="bot"/><string key="note" value="first, with a comma"/></event>
    <event><string key="concept:name" value="Assess claim"/><date key="time:timestamp" value="2024-03-01T09:00:00Z"/><string key="org:resource" value="gpt"/><string key="lifecycle:transition" value="complete"/></event>
    <event><string key="concept:name" value="decide"/><date key="time:timestamp" value="2024-03-01T10:00:00Z"/><string key="org:resource" value="alice"/></event>
    <event><string key="concept:name" value="PAY"/><date key="time:timestamp" value="2024-03-01T12:00:00Z"/><string key="org:resource" value="bot"/></event>
  </trace>
  <trace>
    <event><string key="concept:name" value="intake"/><date key="time:timestamp" value="2024-03-30T23:00:00+01:00"/><string key="org:resource" value="bot"/></event>
    <event><string key="concept:name" value="assess"/><date key="time:timestamp" value="2024-03-31T03:30:00+02:00"/><string key="org:resource" value="gpt"/>
      <list key="details"><string key="concept:name" value="nested: not the event's name"/></list></event>
    <event><string key="concept:name" value="Fraud flagged"/><date key="time:timestamp" value="2024-03-31T04:00:00+02:00"/><string key="org:resource" value="alice"/></event>
    <event><string key="concept:name" value=" decide "/><date key="time:timestamp" value="2024-03-31T05:00:00.123456+02:00"/><string key="org:resource" value=" Bob "/><int key="cost" value="3"/></event>
    <string key="concept:name" value="B"/>
  </trace>
  <trace>
    <string key="concept:name" value="C"/>
    <event><string key="concept:name" value="decide"/><date key="time:timestamp" value="2024-03-03T10:00:00Z"/><string key="org:resource" value="alice"/><string key="lifecycle:transition" value="COMPLETE"/></event>
    <event><string key="concept:name" value="intake"/><date key="time:timestamp" value="2024-03-03T08:00:00Z"/><string key="org:resource" value="bot"/><string key="lifecycle:transition" value="complete"/></event>
    <event><string key="concept:name" value="assess"/><date key="time:timestamp" value="2024-03-03T09:00:00Z"/><string key="org:resource" value="gpt"/><string key="lifecycle:transition" value="start"/></event>
    <event><string key="concept:name" value="assess"/><date key="time:timestamp" value="2024-03-03T09:30:00Z"/><string key="org:resource" value="alice"/><string key="lifecycle:transition" value="complete"/></event>
  </trace>
  <trace>
    <string key="concept:name" value="D"/>
    <event><string key="concept:name" value="intake"/><date key="time:timestamp" value="2024-03-02T00:00:00Z"/></event>
    <event><string key="concept:name" value="Archive"/><date key="time:timestamp" value="2024-03-02T01:00:00Z"/></event>
    <event><string key="concept:name" value="pay"/><date key="time:timestamp" value="2024-03-02T02:00:00Z"/></event>
    <event><string key="concept:name" value="archive "/><date key="time:timestamp" value="2024-03-02T05:00:00Z"/></event>
    <event><string key="concept:name" value="pay"/></event>
  </trace>
  <trace>
    <string key="concept:name" value="E"/>
    <event><string key="concept:name" value="withdrawn"/><date key="time:timestamp" value="2024-03-01T20:00:00"/></event>
    <event><string key="concept:name" value="misc"/><date key="time:timestamp" value="2024-03-01 21:00:00"/><string key="org:resource" value="clerk"/></event>
  </trace>
</log>
`;
