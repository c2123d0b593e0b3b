/**
 * After analysing a lot of text — one big document, or many medium ones — the
 * server collects its garbage once it has been quiet for a moment (host/node/idleCollection.ts), so its footprint falls back
 * near what it keeps alive. The server runs without --expose-gc, as an editor
 * starts it: the collection must work without the flag. Here: that it
 * happens (`workunit/serverStatus` counts the idle collections) and that the
 * document is still served after it. What it does to the heap is measured by
 * `npm run bench`, not asserted here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../../server/src/protocol';
import { generateUnit } from '../support/generate';
import { TestClient } from '../support/lspClient';

/** How often the test asks whether the collection has happened: a poll, not a deadline. */
const POLL_MS = 100;
/** A guard against a server that never collects (the collection comes after one quiet second), not a speed check. */
const HANG_GUARD_POLLS = 600;

describe('idle collection after a big analysis', () => {
  let client: TestClient;
  const status = async () => (await client.connection.sendRequest(SERVER_STATUS_REQUEST)) as ServerStatusResult;

  before(async () => {
    client = new TestClient();
    await client.initialize(null);
  });
  after(() => client.shutdown());

  it('collects once the edits of a 2,000-step unit stop, without --expose-gc, and still serves the unit', async () => {
    const small = 'file:///tmp/idle/small.workunit.yaml';
    await client.open(small, generateUnit(20));
    await client.change(small, { start: { line: 20, character: 10 }, end: { line: 20, character: 10 } }, 'x');
    const before = await status();
    assert.equal(before.collected, false, 'no --expose-gc: the status request does not collect');
    assert.equal(before.idleCollections, 0, 'small documents leave too little garbage to collect for');

    const uri = 'file:///tmp/idle/big.workunit.yaml';
    await client.open(uri, generateUnit(2000));
    for (let i = 0; i < 6; i++) await client.change(uri, { start: { line: 20, character: 10 }, end: { line: 20, character: 10 } }, 'x');
    // Waits for the event, asking now and then.
    let quiet = await status();
    for (let polls = 0; quiet.idleCollections === 0; polls++) {
      assert.ok(polls < HANG_GUARD_POLLS, 'no idle collection after a minute of quiet');
      await new Promise((r) => setTimeout(r, POLL_MS));
      quiet = await status();
    }
    assert.ok(quiet.idleCollections >= 1);
    // The document is still there and still answered.
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as unknown[];
    assert.ok(symbols.length > 0);
    await client.close(uri);
    await client.close(small);
  });

  it('collects after many medium documents are opened at once, none of them big', async () => {
    const before = (await status()).idleCollections;
    // 500 steps are 62 KB: each is under the 128 KB mark on its own; together they are 5 times it.
    const uris = Array.from({ length: 10 }, (_, i) => `file:///tmp/idle/medium-${i}.workunit.yaml`);
    await Promise.all(uris.map((uri, i) => client.open(uri, generateUnit(500, `medium-${i}`))));
    let quiet = await status();
    for (let polls = 0; quiet.idleCollections === before; polls++) {
      assert.ok(polls < HANG_GUARD_POLLS, 'no idle collection after a minute of quiet');
      await new Promise((r) => setTimeout(r, POLL_MS));
      quiet = await status();
    }
    assert.ok(quiet.idleCollections > before);
    for (const uri of uris) await client.close(uri);
  });
});
