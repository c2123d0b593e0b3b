/**
 * Unit → BPMN: every example exports to BPMN that bpmn-moddle reads back
 * without a warning and that passes bpmnlint's recommended rules with no
 * error; import → export → import keeps the steps, actors, flow and
 * exceptions, for the examples, the fixtures' units and the reference models.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { exportBpmn } from '../../server/src/core/bpmn/export';
import { importBpmn } from '../../server/src/core/bpmn/import';
import { assertKept, essentials, readAndLint } from '../support/bpmn';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.workunit.yaml')).sort();
const OMG = 'test/fixtures-bpmn/omg';

async function roundTrip(text: string): Promise<string> {
  const xml = await exportBpmn(analyzeText(text).unit);
  const back = await importBpmn(xml, 'export.bpmn');
  if ('error' in back) assert.fail(back.error);
  assert.equal(back.units.length, 1, 'one pool, one unit');
  return back.units[0]!.text;
}

describe('export of every example', () => {
  for (const file of EXAMPLES) {
    it(`${file}: reads back without a warning and passes bpmnlint's recommended rules`, async () => {
      const text = readFileSync(join('examples', file), 'utf8');
      const xml = await exportBpmn(analyzeText(text).unit);
      const { warnings, errors } = await readAndLint(xml);
      assert.deepEqual(warnings, []);
      assert.deepEqual(errors, []);
      // One pool, a lane per actor with people first, and the outcome in the pool's documentation.
      const unit = analyzeText(text).unit;
      const lanes = [...xml.matchAll(/<bpmn:lane id="Lane_([^"]+)"/g)].map((m) => m[1]);
      // Steps with no performer get a lane of their own, which the import reads back as no performer.
      const unassigned = (unit.steps?.items ?? []).some((s) => s.performers.length === 0) ? ['unassigned'] : [];
      assert.deepEqual([...lanes].sort(), [...unit.actors.keys(), ...unassigned].sort());
      const kinds = lanes.filter((l) => unit.actors.has(l!)).map((l) => unit.actors.get(l!)?.kind);
      assert.deepEqual(kinds, [...kinds].sort((a, b) => ['human', 'ai-agent', 'automation'].indexOf(a!) - ['human', 'ai-agent', 'automation'].indexOf(b!)), 'people first');
      assert.equal(xml.match(/<bpmn:participant /g)?.length, 1);
      assert.ok(xml.includes(`Outcome: ${unit.outcome!.statement!.value}`));
      assert.match(xml, /Human–machine boundary: \d+ crossings?, \d+ hand-offs?/);
    });

    it(`${file}: import → export → import keeps steps, actors, flow and exceptions`, async () => {
      const text = readFileSync(join('examples', file), 'utf8');
      assertKept(essentials(await roundTrip(text)), essentials(text), file);
    });
  }

  it('a hybrid step is a user task in its accountable human\'s lane, documented with its machine performers', async () => {
    const xml = await exportBpmn(analyzeText(readFileSync('examples/onboarding-review.workunit.yaml', 'utf8')).unit);
    assert.match(xml, /<bpmn:userTask id="decide" name="Approve, decline or escalate">\s*<bpmn:documentation>Work unit step decide, mode hybrid\nPerformed by: analyst \(human\), kyc-screener \(ai-agent\)\nAccountable: analyst\nHybrid: the person works with kyc-screener/);
    assert.match(xml, /<bpmn:lane id="Lane_analyst" name="analyst">[\s\S]*?<bpmn:flowNodeRef>decide<\/bpmn:flowNodeRef>/);
    assert.match(xml, /<bpmn:serviceTask id="screen" name="Screen identity and sanctions lists">/);
    assert.match(xml, /<bpmn:boundaryEvent id="screening-hit" name="Possible sanctions match above 0.8 confidence" attachedToRef="screen">/);
  });
});

describe('import → export → import of the reference models', () => {
  for (const file of readdirSync(OMG).filter((f) => f.endsWith('.bpmn')).sort()) {
    it(`${file}: the second import keeps what the first made`, async () => {
      const first = await importBpmn(readFileSync(join(OMG, file), 'utf8'), file);
      if ('error' in first) assert.fail(first.error);
      for (const u of first.units) {
        assertKept(essentials(await roundTrip(u.text)), essentials(u.text), u.id);
      }
    });
  }
});
