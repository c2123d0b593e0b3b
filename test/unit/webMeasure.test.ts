/**
 * Measuring in the web worker: the log is read in slices through the client
 * (`workunit/fs/readBytes`, answered here from memory as the client answers
 * from `workspace.fs`), with a turn of the event loop between slices — so a
 * request that arrives meanwhile is answered before the measuring ends — and
 * gives the same figures as reading the log whole.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { isLogProblem, logSourceOf, measureUnit } from '../../server/src/core/measure';
import { buildModel } from '../../server/src/core/model/build';
import { parseText } from '../../server/src/core/parse/parse';
import { webFileSystem, webMeasurer, webScheduler } from '../../server/src/host/web';
import { FS_READ_BYTES_REQUEST, FS_STAT_REQUEST, type FsReadBytesParams } from '../../server/src/protocol';
import { REFUNDS_UNIT } from '../support/measuredUnit';

const UNIT_URI = 'vscode-vfs://github/o/r/refunds.workunit.yaml';
const LOG_URI = 'vscode-vfs://github/o/r/log.csv';

function bigCsv(cases: number): string {
  const rows = ['case,activity,timestamp,resource'];
  for (let c = 0; c < cases; c++) {
    const t = Date.UTC(2026, 0, 1) + c * 60_000;
    rows.push(`r${c},check,${new Date(t).toISOString()},bot`, `r${c},decide,${new Date(t + 3_600_000 * (1 + (c % 5))).toISOString()},agent`);
  }
  return `${rows.join('\n')}\n`;
}

/** A client that serves `files` by slices, and says what was asked, in order. */
function fakeClient(files: Map<string, Uint8Array>, events: string[]): Connection {
  return {
    sendRequest: async (method: string, params: FsReadBytesParams) => {
      const bytes = files.get(params.uri);
      if (method === FS_STAT_REQUEST) return bytes ? { kind: 'file', size: bytes.length } : { missing: true };
      assert.equal(method, FS_READ_BYTES_REQUEST);
      if (!bytes) return { missing: true };
      events.push(`slice ${params.offset}`);
      return { base64: Buffer.from(bytes.subarray(params.offset, params.offset + params.length)).toString('base64'), size: bytes.length };
    },
  } as unknown as Connection;
}

describe('measuring in the web worker', () => {
  const unit = buildModel(parseText(REFUNDS_UNIT));
  // About 2 MB: eight slices as text.
  const text = bigCsv(20_000);

  for (const [name, bytes] of [
    ['CSV', new TextEncoder().encode(text)],
    ['gzipped CSV', new Uint8Array(gzipSync(text))],
  ] as const) {
    it(`reads a ${name} log in slices, yielding between them, with the figures of a whole read`, async () => {
      const events: string[] = [];
      const connection = fakeClient(new Map([[LOG_URI, bytes]]), events);
      const measurer = webMeasurer(connection, webFileSystem(connection));
      const measuring = measurer.measure(REFUNDS_UNIT, UNIT_URI, new AbortController().signal).then((r) => {
        events.push('measured');
        return r;
      });
      // A request that comes while the log is read: answered on the next turn, before the measuring ends.
      webScheduler.soon(() => events.push('request answered'));
      const r = await measuring;
      assert.ok(r && !isLogProblem(r), JSON.stringify(r));
      // One request per 256 KiB slice.
      assert.equal(events.filter((e) => e.startsWith('slice')).length, Math.ceil(bytes.length / (256 * 1024)));
      assert.ok(events.indexOf('request answered') < events.indexOf('measured'), events.join(', '));
      const whole = await measureUnit(unit, logSourceOf(unit, UNIT_URI)!, { read: async () => ({ text }), display: (u) => u });
      assert.ok(!isLogProblem(whole));
      assert.deepEqual(r.metrics, whole.metrics);
      assert.deepEqual(r.boundary.map(({ medianHours: _, ...b }) => b), whole.boundary);
      assert.equal(r.events, 40_000);
    });
  }

  it('a log that is not there is a problem (log-unreadable), not a throw', async () => {
    const connection = fakeClient(new Map(), []);
    const r = await webMeasurer(connection, webFileSystem(connection)).measure(REFUNDS_UNIT, UNIT_URI, new AbortController().signal);
    assert.ok(r && isLogProblem(r));
    assert.match(r.problem, /no such file/);
  });

  it('an aborted measuring gives nothing', async () => {
    const connection = fakeClient(new Map([[LOG_URI, new TextEncoder().encode(text)]]), []);
    const job = new AbortController();
    const measuring = webMeasurer(connection, webFileSystem(connection)).measure(REFUNDS_UNIT, UNIT_URI, job.signal);
    job.abort();
    assert.equal(await measuring, undefined);
  });
});
