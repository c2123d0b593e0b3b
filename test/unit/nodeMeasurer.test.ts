/**
 * The Node host's measuring threads (host/node/measurer.ts), with a worker
 * script made here: each measuring's result comes back from its thread, at
 * most two threads run at once and the rest wait their turn, one aborted
 * while waiting gives nothing and never starts, and a thread that throws is a
 * rejection (logged by the server), not a crash.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_THREADS, nodeMeasurer } from '../../server/src/host/node/measurer';

describe('measuring threads on Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'workunit-threads-'));
  // Each thread marks itself running (a file), waits a little, counts the others running, and answers with that count.
  const worker = join(dir, 'worker.js');
  writeFileSync(
    worker,
    `const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs'), path = require('node:path');
if (workerData.text === 'throw') throw new Error('a bug');
const mark = path.join(${JSON.stringify(dir)}, 'running-' + workerData.unitUri);
fs.writeFileSync(mark, '');
setTimeout(() => {
  const running = fs.readdirSync(${JSON.stringify(dir)}).filter((f) => f.startsWith('running-')).length;
  fs.unlinkSync(mark);
  parentPort.postMessage({ problem: String(running) });
}, 150);
`,
  );

  it('answers each, never more than two at once, and drops one aborted while waiting', async () => {
    const m = nodeMeasurer(worker);
    const aborted = new AbortController();
    const jobs = ['a', 'b', 'c', 'd', 'e'].map((id) => m.measure('text', id, id === 'e' ? aborted.signal : new AbortController().signal));
    aborted.abort();
    const results = await Promise.all(jobs);
    assert.equal(results[4], undefined);
    for (const r of results.slice(0, 4)) {
      assert.ok(r && 'problem' in r);
      assert.ok(Number(r.problem) >= 1 && Number(r.problem) <= MAX_THREADS, `${r.problem} running at once`);
    }
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('running-')), [], 'the aborted one never started');
  });

  it('a thread that throws is a rejection, and the next measuring still runs', async () => {
    const m = nodeMeasurer(worker);
    await assert.rejects(m.measure('throw', 'x', new AbortController().signal), /a bug/);
    const r = await m.measure('text', 'y', new AbortController().signal);
    assert.ok(r && 'problem' in r);
  });
});
