/**
 * After analysing a big document, the server collects its garbage once it has
 * been quiet for a moment (lsp/idleCollection.ts), so its footprint falls back
 * near what it keeps alive. The server runs without --expose-gc here, as an
 * editor starts it: `workunit/serverStatus` then reports the heap as it is,
 * not after a collection of its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../../server/src/protocol';
import { generateUnit } from '../support/generate';
import { TestClient } from '../support/lspClient';

const MB = 1024 * 1024;

describe('idle collection after a big analysis', () => {
  let client: TestClient;
  const status = async () => (await client.connection.sendRequest(SERVER_STATUS_REQUEST)) as ServerStatusResult;

  before(async () => {
    client = new TestClient();
    await client.initialize(null);
  });
  after(() => client.shutdown());

  it('falls back near the live heap once edits of a 2,000-step unit stop', async () => {
    const uri = 'file:///tmp/idle/big.workunit.yaml';
    await client.open(uri, generateUnit(2000));
    for (let i = 0; i < 6; i++) await client.change(uri, { start: { line: 20, character: 10 }, end: { line: 20, character: 10 } }, 'x');
    const busy = await status();
    assert.equal(busy.collected, false, 'no --expose-gc: the status request does not collect');
    // Polled, up to 5 s: a server that never collects on its own stays where it was.
    let quiet = busy;
    for (let i = 0; i < 50 && quiet.heapUsedBytes > 40 * MB; i++) {
      await new Promise((r) => setTimeout(r, 100));
      quiet = await status();
    }
    assert.ok(quiet.heapUsedBytes < 40 * MB, `heap ${(quiet.heapUsedBytes / MB).toFixed(0)} MB after the edits stopped (${(busy.heapUsedBytes / MB).toFixed(0)} MB right after them)`);
    // The document is still there and still answered.
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as unknown[];
    assert.ok(symbols.length > 0);
    await client.close(uri);
  });
});
