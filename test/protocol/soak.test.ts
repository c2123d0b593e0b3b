/**
 * The soak (issue 9): one server, a thousand documents opened, edited and
 * closed, with every hostile input opened and closed among them; then its
 * heap is back within 20% of where it started and a document with known
 * findings is still diagnosed exactly right.
 *
 * The server runs with `--expose-gc`: `workunit/serverStatus` measures the
 * heap after a full collection, so the figures compare. "Where it started"
 * is after a warm-up (a few documents of each kind opened, edited and
 * closed), so that code compiled and caches filled on first use do not
 * count as growth.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../../server/src/protocol';
import { generateUnit } from '../support/generate';
import { CLEAN_UNIT, FINDINGS_UNIT, hostileInputs, MB } from '../support/hostile';
import { summarize, TestClient } from '../support/lspClient';

const DOCUMENTS = 1000;
/** Documents in flight at once: an editor restoring a session opens many at a time. */
const BATCH = 20;
/** A hostile input goes in after every this many documents (12 inputs over 1,000 documents). */
const HOSTILE_EVERY = 80;
/** The bound: the heap after the soak, against where it started. */
const HEAP_GROWTH = 0.2;
/**
 * Sampled between batches (after a full collection), the heap may hold the
 * batch's documents and a hostile one (1 MB texts, their models): bounded,
 * not growing with the number of documents seen.
 */
const HEAP_WHILE_RUNNING = 80 * MB;

const uriOf = (name: string) => pathToFileURL(resolve('soak', name)).href;
/** Step `step-0`'s performer (line 22): `bot` → `bto`, an unknown actor. */
const PERFORMER = { start: { line: 21, character: 15 }, end: { line: 21, character: 18 } };

/** Steps of document `i`: 10 to 206, so the texts run from 2 KB to 26 KB. */
const stepsOf = (i: number) => 10 + ((i * 37) % 197);
/** The AI steps without an accountable human that generateUnit writes: every tenth, from step-4. */
const machineStepFindings = (steps: number) => Math.floor((steps - 5) / 10) + 1;

describe('soak: one server, a thousand documents and the hostile inputs', { timeout: 300_000 }, () => {
  let client: TestClient;
  let pid: number;
  let startHeap: number;
  let findingsSummary: string[];
  let cleanSummary: string[];
  const status = () => client.connection.sendRequest(SERVER_STATUS_REQUEST) as Promise<ServerStatusResult>;
  const heapSamples: number[] = [];

  before(async () => {
    client = new TestClient(['--stdio'], ['--expose-gc']);
    await client.initialize();
    // Warm-up: each kind of document, and each path through the server, once.
    for (let i = 0; i < 3; i++) await cycle(`warm-${i}.workunit.yaml`, stepsOf(i));
    for (const h of hostileInputs()) await hostile(h.name, h.text(), h.expect);
    findingsSummary = summarize((await client.open(uriOf('findings.workunit.yaml'), FINDINGS_UNIT)).diagnostics);
    await client.close(uriOf('findings.workunit.yaml'));
    cleanSummary = summarize((await client.open(uriOf('clean.workunit.yaml'), CLEAN_UNIT)).diagnostics);
    await client.close(uriOf('clean.workunit.yaml'));
    // What invoice-matching has, as diagnostics.test.ts pins it down: nine findings, three of them errors.
    assert.equal(findingsSummary.length, 9, findingsSummary.join('\n'));
    assert.equal(findingsSummary.filter((s) => s.endsWith(` ${DiagnosticSeverity.Error}`)).length, 3);
    const s = await status();
    assert.equal(s.collected, true, 'the server runs with --expose-gc');
    pid = s.pid;
    startHeap = s.heapUsedBytes;
  });
  after(() => client.shutdown());

  /** Opens a generated unit, edits it (one finding more), closes it (diagnostics cleared); checks each step. */
  async function cycle(name: string, steps: number): Promise<void> {
    const uri = uriOf(name);
    const opened = await client.open(uri, generateUnit(steps, name.replace('.workunit.yaml', '')));
    assert.equal(opened.version, 1);
    assert.deepEqual(
      opened.diagnostics.map((d) => d.code),
      Array.from({ length: machineStepFindings(steps) }, () => 'machine-step-without-accountable'),
      `${name}, ${steps} steps`,
    );
    const edited = await client.change(uri, PERFORMER, 'bto');
    assert.equal(edited.version, 2);
    const added = edited.diagnostics.filter((d) => d.code === 'unknown-actor');
    assert.deepEqual(added.map((d) => d.range), [PERFORMER], name);
    assert.equal(edited.diagnostics.length, opened.diagnostics.length + 1, name);
    // Closing clears the document's diagnostics (close waits for the empty set).
    await client.close(uri);
  }

  async function hostile(name: string, text: string, expect: RegExp | null): Promise<void> {
    const uri = uriOf(`hostile-${name}.workunit.yaml`);
    const p: PublishDiagnosticsParams = await client.open(uri, text);
    if (expect) {
      assert.deepEqual(p.diagnostics.map((d) => d.code), ['yaml-syntax'], name);
      assert.match(String(p.diagnostics[0].message), expect, name);
    }
    await client.close(uri);
  }

  it(`opens, edits and closes ${DOCUMENTS} documents and the hostile inputs; the heap comes back within 20%`, async (t) => {
    const started = Date.now();
    const inputs = hostileInputs();
    let nextHostile = 0;
    for (let first = 0; first < DOCUMENTS; first += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, DOCUMENTS - first) }, (_, k) => first + k);
      await Promise.all(batch.map((i) => cycle(`doc-${i}.workunit.yaml`, stepsOf(i))));
      if (Math.floor((first + BATCH) / HOSTILE_EVERY) > Math.floor(first / HOSTILE_EVERY) && nextHostile < inputs.length) {
        const h = inputs[nextHostile++];
        await hostile(h.name, h.text(), h.expect);
      }
      if ((first + BATCH) % 100 === 0) heapSamples.push((await status()).heapUsedBytes);
    }
    // Whatever hostile inputs the loop did not reach.
    for (const h of inputs.slice(nextHostile)) await hostile(h.name, h.text(), h.expect);
    const ms = Date.now() - started;

    const end = await status();
    const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
    t.diagnostic(`${DOCUMENTS} documents and ${inputs.length} hostile inputs in ${(ms / 1000).toFixed(1)} s`);
    t.diagnostic(`heap after GC: start ${mb(startHeap)}, end ${mb(end.heapUsedBytes)} (${(((end.heapUsedBytes - startHeap) / startHeap) * 100).toFixed(1)}%); every 100 documents: ${heapSamples.map(mb).join(', ')}`);
    assert.equal(end.pid, pid, 'the same server process throughout');
    assert.equal(client.child.exitCode, null);
    assert.equal(end.openDocuments, 0);
    assert.ok(Math.max(...heapSamples) < startHeap + HEAP_WHILE_RUNNING, `heap while running: ${heapSamples.map(mb).join(', ')}`);
    assert.ok(end.heapUsedBytes <= startHeap * (1 + HEAP_GROWTH), `heap ${mb(end.heapUsedBytes)} after the soak, ${mb(startHeap)} before`);
    assert.doesNotMatch(client.stderr, /Error|Maximum call stack/);
    assert.equal(client.logs.some((l) => /failed/i.test(l)), false, client.logs.join('\n'));
  });

  it('still diagnoses a document exactly right', async () => {
    const uri = uriOf('findings-after.workunit.yaml');
    assert.deepEqual(summarize((await client.open(uri, FINDINGS_UNIT)).diagnostics), findingsSummary);
    const clean = uriOf('clean-after.workunit.yaml');
    assert.deepEqual(summarize((await client.open(clean, CLEAN_UNIT)).diagnostics), cleanSummary);
    await client.close(uri);
    await client.close(clean);
  });
});
