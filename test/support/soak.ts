/**
 * The soak (issue 9), driven once for both its users: the protocol test
 * (`test/protocol/soak.test.ts`: every document diagnosed exactly right,
 * nothing held once closed) and the benchmark (`bench/run.ts`: the heap it
 * leaves behind and how long it takes). One server, a thousand documents
 * opened, edited and closed in batches, every hostile input opened and
 * closed among them. Each step checks what the server published.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generateUnit } from './generate';
import { hostileInputs } from './hostile';
import type { TestClient } from './lspClient';

export const SOAK_DOCUMENTS = 1000;
/** Documents in flight at once: an editor restoring a session opens many at a time. */
export const SOAK_BATCH = 20;
/** A hostile input goes in after every this many documents (12 inputs over 1,000 documents). */
const HOSTILE_EVERY = 80;

export const soakUri = (name: string) => pathToFileURL(resolve('soak', name)).href;
/** Step `step-0`'s performer (line 22): `bot` → `bto`, an unknown actor. */
const PERFORMER = { start: { line: 21, character: 15 }, end: { line: 21, character: 18 } };

/** Steps of document `i`: 10 to 206, so the texts run from 2 KB to 26 KB. */
const stepsOf = (i: number) => 10 + ((i * 37) % 197);
/** The AI steps without an accountable human that generateUnit writes: every tenth, from step-4. */
const machineStepFindings = (steps: number) => Math.floor((steps - 5) / 10) + 1;

/** Opens a generated unit, edits it (one finding more), closes it (diagnostics cleared); checks each step. */
async function cycle(client: TestClient, name: string, steps: number): Promise<void> {
  const uri = soakUri(name);
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

/** Opens a hostile input (its one finding checked) and closes it. */
async function hostile(client: TestClient, name: string, text: string, expect: RegExp | null): Promise<void> {
  const uri = soakUri(`hostile-${name}.workunit.yaml`);
  const p: PublishDiagnosticsParams = await client.open(uri, text);
  if (expect) {
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['yaml-syntax'], name);
    assert.match(String(p.diagnostics[0].message), expect, name);
  }
  await client.close(uri);
}

/** Each kind of document, and each path through the server, once: so first-use costs are not counted as the soak's. */
export async function soakWarmUp(client: TestClient): Promise<void> {
  for (let i = 0; i < 3; i++) await cycle(client, `warm-${i}.workunit.yaml`, stepsOf(i));
  for (const h of hostileInputs()) await hostile(client, h.name, h.text(), h.expect);
}

/**
 * The soak itself: SOAK_DOCUMENTS documents in batches of SOAK_BATCH, the
 * hostile inputs among them; `afterBatch` runs after each batch, when every
 * document so far has been closed.
 */
export async function soak(client: TestClient, afterBatch: (documentsSoFar: number) => Promise<void>): Promise<void> {
  const inputs = hostileInputs();
  let nextHostile = 0;
  for (let first = 0; first < SOAK_DOCUMENTS; first += SOAK_BATCH) {
    const batch = Array.from({ length: Math.min(SOAK_BATCH, SOAK_DOCUMENTS - first) }, (_, k) => first + k);
    await Promise.all(batch.map((i) => cycle(client, `doc-${i}.workunit.yaml`, stepsOf(i))));
    if (Math.floor((first + SOAK_BATCH) / HOSTILE_EVERY) > Math.floor(first / HOSTILE_EVERY) && nextHostile < inputs.length) {
      const h = inputs[nextHostile++];
      await hostile(client, h.name, h.text(), h.expect);
    }
    await afterBatch(first + batch.length);
  }
  // Whatever hostile inputs the loop did not reach.
  for (const h of inputs.slice(nextHostile)) await hostile(client, h.name, h.text(), h.expect);
}
