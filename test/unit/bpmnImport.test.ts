/**
 * BPMN → unit over the 21 reference models of the OMG's BPMN Model
 * Interchange test suite (test/fixtures-bpmn/omg/) and over files made here
 * with bpmn-moddle: several pools, lanes within lanes, no diagram
 * interchange, a vendor's namespaces, 300 activities. Counts are taken off
 * bpmn-moddle's model by the test itself (test/support/bpmn.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importBpmn, type ImportedUnit } from '../../server/src/core/bpmn/import';
import { analyzeText } from '../../server/src/core/analyze';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import { countProcesses, notAUnit } from '../support/bpmn';
import { chain, nestedLanes, vendorFlavoured } from '../support/bpmnFiles';

const OMG = 'test/fixtures-bpmn/omg';
const REFERENCE = readdirSync(OMG).filter((f) => f.endsWith('.bpmn')).sort();

/**
 * The drafts hold `next` maps and `<…>` placeholders, which format 1.1 reads
 * as valid (issue 15); until that revision is in, the schema refuses them.
 */
const FORMAT_1_1 = ALL_RULES.some((r) => r.id === 'placeholder');
const WAITS_ON_1_1 = FORMAT_1_1 ? false : 'waits on format 1.1 (issue 15): next maps and <…> placeholders';

async function imported(xml: string, source = 'test.bpmn'): Promise<ImportedUnit[]> {
  const r = await importBpmn(xml, source);
  if ('error' in r) assert.fail(`refused: ${r.error}`);
  return r.units;
}

describe('import of the 21 BPMN MIWG reference models', () => {
  it('holds all 21', () => assert.equal(REFERENCE.length, 21));

  const table: string[] = ['| model | unit | activities | steps | lanes | lane actors | exceptions |', '|---|---|---|---|---|---|---|'];
  for (const file of REFERENCE) {
    it(`${file}: one step per activity, one actor per lane, every performer its activity's lane`, async () => {
      const xml = readFileSync(join(OMG, file), 'utf8');
      const counts = await countProcesses(xml);
      const units = await imported(xml, file);
      assert.ok(units.length > 0);
      for (const u of units) {
        const expected = counts.get(u.processId)!;
        assert.equal(u.steps, expected.activities.length, `${u.id}: steps`);
        const model = analyzeText(u.text).unit;
        assert.deepEqual(
          model.steps!.items.map((s) => s.name).sort(),
          [...expected.activities].sort(),
          `${u.id}: every activity is a step, by name`,
        );
        assert.deepEqual([...u.laneActors].sort(), [...expected.leafLanes].sort(), `${u.id}: lane actors`);
        for (const lane of u.laneActors) assert.ok([...model.actors.values()].some((a) => a.role?.endsWith(lane)), `actor for lane ${lane}`);
        table.push(`| ${file} | ${u.id} | ${u.activities} | ${u.steps} | ${expected.leafLanes.length} | ${u.laneActors.length} | ${u.exceptions} |`);
      }
    });
    it(`${file}: every draft parses as a unit (no yaml-syntax, no schema finding)`, { todo: WAITS_ON_1_1 }, async () => {
      for (const u of await imported(readFileSync(join(OMG, file), 'utf8'), file)) assert.deepEqual(notAUnit(u.text).map((f) => `${f.rule}: ${f.message}`), [], u.id);
    });
  }
  it('prints the summary table', () => {
    // The closing note's table, from this run.
    process.stdout.write(`${table.join('\n')}\n`);
    assert.ok(table.length > 2);
  });
});

describe('what the import makes of BPMN constructs', () => {
  it('a decision: the gateway after a task makes it a decision whose next map is labelled by the flows', async () => {
    const [u] = (await imported(readFileSync(join(OMG, 'C.1.1.bpmn'), 'utf8'))).filter((x) => x.steps === 5);
    assert.ok(u);
    assert.match(u.text, /  - id: approve-invoice\n    name: Approve Invoice\n    performer: [a-z-]+\n    decision: Invoice approved\?\n    next:\n      yes: prepare-bank-transfer\n      no: rechnung-klaren\n/);
  });

  it('lanes: the kind is inferred from the task types, and each inference is a comment', async () => {
    const units = await imported(readFileSync(join(OMG, 'C.1.0.bpmn'), 'utf8'));
    const engine = units.find((u) => u.id === 'process-engine-invoice-receipt')!;
    assert.match(engine.text, /# lane "Approver": kind inferred from its tasks \(1 user\/manual\)\n  approver:\n    kind: human\n/);
    // Plain tasks carry no type: the kind is left for a person to say.
    const assistant = units.find((u) => u.id === 'team-assistant')!;
    assert.match(assistant.text, /kind not inferred, its tasks have no type\n  lane:\n    kind: <human, ai-agent or automation>\n/);
  });

  it('a lane or task named for an agent, AI or bot is an ai-agent', async () => {
    const [u] = await imported(await chain({ count: 3, lanes: ['Claims handler', 'Triage bot'] }));
    assert.match(u!.text, /# lane "Triage bot": kind inferred from its name \(agent, AI or bot\)\n  triage-bot:\n    kind: ai-agent\n/);
  });

  it('boundary events become exception rules at the attached step, then the flow target, when the name or type', async () => {
    const units = await imported(readFileSync(join(OMG, 'C.3.0.bpmn'), 'utf8'));
    const model = analyzeText(units[0]!.text).unit;
    assert.equal(model.exceptions.length, 2);
    for (const e of model.exceptions) {
      assert.ok(e.when && e.at.length === 1, 'when and at');
      assert.ok(model.steps!.items.some((s) => s.id === e.at[0]!.name), 'at names a step');
      assert.ok(e.then === undefined || e.then.name === 'end' || model.steps!.items.some((s) => s.id === e.then!.name), 'then names a step or end');
    }
  });

  it('a sub-process is one step with its inner tasks in a comment; a call activity says what it calls', async () => {
    const units = await imported(readFileSync(join(OMG, 'B.2.0.bpmn'), 'utf8'));
    const text = units.map((u) => u.text).join('\n');
    assert.match(text, /# sub-process: one step here; inside it: .+/);
    assert.match(text, /# BPMN CallActivity [^\n]*, calls /);
  });

  it('parallel gateways are flattened in flow order, with a comment', async () => {
    const units = await imported(readFileSync(join(OMG, 'C.7.0.bpmn'), 'utf8'));
    assert.match(units[0]!.text, /# parallel gateway "[^"]*": its branches \(.+\) run at once in BPMN; here one after the other in flow order/);
  });

  it('the outcome and the learning loop are placeholders; elements with no place in a unit are listed', async () => {
    const [u] = await imported(readFileSync(join(OMG, 'C.5.0.bpmn'), 'utf8'));
    assert.match(u!.text, /outcome:\n  statement: <business result, with its time bound>\n/);
    assert.match(u!.text, /    cadence: <daily, weekly, biweekly, monthly or quarterly>\n/);
    assert.match(u!.text, /^# Not imported \(no place in a work unit\):\n# data object reference: ID document /m);
    assert.ok(u!.placeholders.outcome === 2 && u!.placeholders['learning loop'] === 6);
  });

  it('several pools: one unit per pool with a process', async () => {
    const units = await imported(readFileSync(join(OMG, 'C.2.0.bpmn'), 'utf8'));
    assert.deepEqual(units.map((u) => u.id), ['carrier', 'credit-card-company', 'customer', 'amazon']);
  });

  it('lanes within lanes: the innermost lane performs, named with the lanes around it', async () => {
    const xml = await nestedLanes();
    const [u] = await imported(xml);
    const model = analyzeText(u!.text).unit;
    assert.deepEqual([...model.actors.values()].map((a) => a.role), ['Sales / Inside sales', 'Sales / Field sales', 'Back office']);
    assert.equal(model.steps!.items.find((s) => s.name === 'Visit customer')!.performers[0]!.name, 'field-sales');
  });

  it('no diagram interchange, a default namespace and a vendor extension read the same', async () => {
    const [u] = await imported(vendorFlavoured());
    const model = analyzeText(u!.text).unit;
    assert.deepEqual(model.steps!.items.map((s) => s.id), ['receive-order', 'check-stock', 'ship']);
    assert.equal(model.actors.get('warehouse')?.kind, 'automation');
  });

  it('300 activities: 300 steps, unique ids', async () => {
    const [u] = await imported(await chain({ count: 300, lanes: ['Clerk', 'System'], decisionEvery: 10 }));
    const model = analyzeText(u!.text).unit;
    assert.equal(model.steps!.items.length, 300);
    assert.equal(new Set(model.steps!.items.map((s) => s.id)).size, 300);
  });

  it('every generated file parses as a unit', { todo: WAITS_ON_1_1 }, async () => {
    for (const xml of [await nestedLanes(), vendorFlavoured(), await chain({ count: 300, lanes: ['Clerk', 'System'], decisionEvery: 10 })]) {
      for (const u of await imported(xml)) assert.deepEqual(notAUnit(u.text).map((f) => `${f.rule}: ${f.message}`), [], u.id);
    }
  });
});

describe('bad input gets one line', () => {
  const cases: [string, string, RegExp][] = [
    ['not XML', 'workunit: 1\nid: x\n', /^not BPMN 2\.0 XML: /],
    ['XML that is not BPMN', '<svg xmlns="http://www.w3.org/2000/svg"/>', /^not BPMN 2\.0 XML: /],
    ['no process', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"/>', /^no process: /],
    [
      'no activity',
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><process id="p"><startEvent id="s"/><endEvent id="e"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/></process></definitions>',
      /^no activity: /,
    ],
  ];
  for (const [name, xml, message] of cases) {
    it(name, async () => {
      const r = await importBpmn(xml, 'bad.bpmn');
      assert.ok('error' in r, 'refused');
      assert.match(r.error, message);
      assert.doesNotMatch(r.error, /\n/);
    });
  }
});
