/** The preview's one request, over stdio: the laid-out boundary diagram, kept while the YAML is broken. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { DiagramResult } from '../../server/src/protocol';
import { TestClient } from '../support/lspClient';

const ONBOARDING = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');

describe('workunit/diagram', () => {
  let client: TestClient;
  const uri = 'file:///tmp/diagram/onboarding-review.workunit.yaml';
  const diagram = () => client.connection.sendRequest('workunit/diagram', { uri }) as Promise<DiagramResult>;

  before(async () => {
    client = new TestClient();
    await client.initialize();
    await client.open(uri, ONBOARDING);
  });
  after(() => client.shutdown());

  it('returns the spec\'s crossings and hand-offs for onboarding-review', async () => {
    const r = await diagram();
    assert.equal(r.stale, false);
    assert.equal(r.version, 1);
    const d = r.diagram!;
    assert.deepEqual(d.crossings.map((c) => `${c.from}->${c.to}${c.exception ? ` (${c.exception})` : ''}`).sort(), ['decide->notify', 'intake->decide (documents-incomplete)', 'screen->decide']);
    assert.deepEqual(d.handoffs.map((h) => `${h.exception}@${h.at}:${h.owner}`).sort(), ['documents-incomplete@intake:onboarding-lead', 'screening-hit@screen:analyst']);
    assert.equal(d.nodes.find((n) => n.step === 'decide')?.straddles, true);
  });

  it('follows edits, and keeps the last good diagram (stale) while the YAML is broken', async () => {
    const renamed = await client.change(uri, { start: { line: 2, character: 6 }, end: { line: 2, character: 37 } }, 'Case review');
    assert.equal(renamed.version, 2);
    assert.equal((await diagram()).diagram?.title, 'Case review');
    await client.change(uri, { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, 'actors: [\n');
    const broken = await diagram();
    assert.equal(broken.stale, true);
    assert.equal(broken.version, 2);
    assert.equal(broken.diagram?.title, 'Case review');
  });

  it('says why there is no diagram for a file that is not an open unit', async () => {
    const r = (await client.connection.sendRequest('workunit/diagram', { uri: 'file:///tmp/other.yaml' })) as DiagramResult;
    assert.equal(r.diagram, undefined);
    assert.match(r.reason ?? '', /not an open work unit/i);
    // Params of the wrong shape: InvalidParams, naming the field.
    await assert.rejects(client.connection.sendRequest('workunit/diagram', { nope: 1 }), (e: { code: number; message: string }) => e.code === -32602 && /params\.uri/.test(e.message));
  });
});
