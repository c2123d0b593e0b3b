/**
 * The examples are pinned: each one is its annotated fixture under
 * test/fixtures/edge/examples-1.1/ less the `# expect:` markers, so the
 * fixture harness checks every finding the examples produce; and the logs
 * beside them (examples/logs/) are what scripts/generate-example-logs.mjs
 * writes from its seed. The sample units of the brief, as it gave them, stay
 * under test/fixtures/edge/examples/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const PINNED = join(ROOT, 'test', 'fixtures', 'edge', 'examples-1.1');
const withoutMarkers = (text: string) => text.replace(/ +# expect:[^\n]*/g, '');

describe('the examples', () => {
  const units = readdirSync(EXAMPLES).filter((f) => f.endsWith('.workunit.yaml')).sort();

  it('every example has an annotated fixture and no fixture is left without its example', () => {
    assert.deepEqual(readdirSync(PINNED).sort(), units);
  });

  for (const name of units) {
    it(`${name} is its fixture without the markers`, () => {
      assert.equal(readFileSync(join(EXAMPLES, name), 'utf8'), withoutMarkers(readFileSync(join(PINNED, name), 'utf8')));
    });

    it(`${name} shows format 1.1: a labelled branch and a log beside it`, () => {
      const { unit } = analyzeText(readFileSync(join(EXAMPLES, name), 'utf8'));
      assert.ok((unit.steps?.items ?? []).some((s) => s.next?.some((n) => n.label !== undefined)), 'a `next` map with branch labels');
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      const path = /^  log:\n    path: (\S+)/m.exec(text)?.[1];
      assert.ok(path, 'a learning.log with a path');
      const rows = readFileSync(join(EXAMPLES, path), 'utf8').trim().split('\n').slice(1);
      const cases = new Set(rows.map((r) => r.split(',')[0]));
      assert.ok(cases.size >= 200 && cases.size <= 500, `a few hundred cases, not ${cases.size}`);
    });
  }

  it('the logs are what the generator writes from its seed (else run node scripts/generate-example-logs.mjs)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate-example-logs.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
