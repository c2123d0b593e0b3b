/** The 1.1 fields the measuring reads: `activity`, `resources`, `learning.log`, `learning.changes`, each with its span. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/core/model/build';
import { parseText } from '../../server/src/core/parse/parse';
import type { Span } from '../../server/src/core/text/span';

const TEXT = `workunit: 1
id: u
name: U
actors:
  analyst: { kind: human, resources: [a.jansen, " M.Okafor "] }
  bot: { kind: automation }
steps:
  - id: screen
    activity: Sanctions screening
  - id: decide
    activity: [Decide, Approve]
  - id: notify
exceptions:
  - id: hit
    at: screen
    activity: Screening hit
learning:
  log:
    path: ../logs/u.csv
    case: case_id
    timestamp: completed_at
  changes:
    - date: 2024-03-01
      change: Auto-screening
      effect: faster
    - change: no date
`;

const at = (s: Span | undefined) => (s ? TEXT.slice(s.start, s.end) : undefined);

describe('model: the fields a log is measured by', () => {
  const unit = buildModel(parseText(TEXT));
  it('reads resources on actors (empty when not written)', () => {
    assert.deepEqual(unit.actors.get('analyst')!.resources.map((r) => r.name), ['a.jansen', ' M.Okafor ']);
    assert.equal(at(unit.actors.get('analyst')!.resources[0]!.span), 'a.jansen');
    assert.deepEqual(unit.actors.get('bot')!.resources, []);
  });
  it('reads activity on steps and exception rules, one or a list', () => {
    const steps = unit.steps!.items;
    assert.deepEqual(steps.map((s) => s.activities.map((a) => a.name)), [['Sanctions screening'], ['Decide', 'Approve'], []]);
    assert.equal(at(steps[1]!.activities[1]!.span), 'Approve');
    assert.deepEqual(unit.exceptions[0]!.activities.map((a) => a.name), ['Screening hit']);
  });
  it('reads learning.log with the columns written, each with its span', () => {
    const log = unit.learning!.log!;
    assert.equal(log.path!.value, '../logs/u.csv');
    assert.equal(at(log.path!.span), '../logs/u.csv');
    assert.equal(log.case!.value, 'case_id');
    assert.equal(log.timestamp!.value, 'completed_at');
    assert.equal(log.activity, undefined);
    assert.equal(log.resource, undefined);
    assert.equal(at(log.keySpan), 'log');
  });
  it('reads learning.changes, the date as written (YAML 1.2: a string)', () => {
    const changes = unit.learning!.changes!.items;
    assert.equal(changes.length, 2);
    assert.equal(changes[0]!.date!.value, '2024-03-01');
    assert.equal(at(changes[0]!.date!.span), '2024-03-01');
    assert.equal(changes[0]!.change, 'Auto-screening');
    assert.equal(changes[0]!.effect, 'faster');
    assert.equal(changes[1]!.date, undefined);
  });
  it('has no log or changes when they are not written', () => {
    const bare = buildModel(parseText('workunit: 1\nid: u\nname: U\nlearning:\n  metrics: []\n'));
    assert.equal(bare.learning!.log, undefined);
    assert.equal(bare.learning!.changes, undefined);
  });
});
