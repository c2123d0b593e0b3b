/**
 * The soak (issue 9): one server, a thousand documents opened, edited and
 * closed, with every hostile input opened and closed among them. Every
 * document is diagnosed exactly right on the way; after each batch the
 * server holds no document and no analysis (`workunit/serverStatus`): what
 * is closed is forgotten. At the end it is the same process, and a document
 * with known findings is still diagnosed exactly right.
 *
 * What the soak does to the heap, and how long it takes, is measured by
 * `npm run bench` (the same soak, with the heap after a full collection),
 * not asserted here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../../server/src/protocol';
import { CLEAN_UNIT, FINDINGS_UNIT } from '../support/hostile';
import { summarize, TestClient } from '../support/lspClient';
import { soak, SOAK_DOCUMENTS, soakUri as uriOf, soakWarmUp } from '../support/soak';

describe('soak: one server, a thousand documents and the hostile inputs', () => {
  let client: TestClient;
  let pid: number;
  let findingsSummary: string[];
  let cleanSummary: string[];
  const status = () => client.connection.sendRequest(SERVER_STATUS_REQUEST) as Promise<ServerStatusResult>;

  before(async () => {
    client = new TestClient(['--stdio']);
    await client.initialize();
    await soakWarmUp(client);
    findingsSummary = summarize((await client.open(uriOf('findings.workunit.yaml'), FINDINGS_UNIT)).diagnostics);
    await client.close(uriOf('findings.workunit.yaml'));
    cleanSummary = summarize((await client.open(uriOf('clean.workunit.yaml'), CLEAN_UNIT)).diagnostics);
    await client.close(uriOf('clean.workunit.yaml'));
    // What invoice-matching has, as its fixture (test/fixtures/edge/examples-1.1/) pins it down: ten findings, three of them errors.
    assert.equal(findingsSummary.length, 10, findingsSummary.join('\n'));
    assert.equal(findingsSummary.filter((s) => s.endsWith(` ${DiagnosticSeverity.Error}`)).length, 3);
    pid = (await status()).pid;
  });
  after(() => client.shutdown());

  it(`opens, edits and closes ${SOAK_DOCUMENTS} documents and the hostile inputs; after each batch it holds none of them`, async () => {
    await soak(client, async (documents) => {
      const between = await status();
      assert.deepEqual([between.openDocuments, between.analysesHeld], [0, 0], `after ${documents} documents: closed documents are forgotten`);
    });
    const end = await status();
    assert.equal(end.pid, pid, 'the same server process throughout');
    assert.equal(client.child.exitCode, null);
    assert.deepEqual([end.openDocuments, end.analysesHeld], [0, 0]);
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
