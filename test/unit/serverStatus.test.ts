/** *Show Server Status*: the words the dialog shows for what `workunit/serverStatus` answers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeServerStatus, formatUptime } from '../../client/src/serverStatus';
import type { ServerStatusResult } from '../../server/src/protocol';

const status: ServerStatusResult = {
  pid: 4242,
  version: '0.1.0',
  uptime: 3 * 3600 + 12 * 60 + 9.7,
  openDocuments: 2,
  analysesHeld: 2,
  heapUsedBytes: 23.44 * 1024 * 1024,
  rssBytes: 61.2 * 1024 * 1024,
  collected: false,
  idleCollections: 3,
};

describe('Show Server Status', () => {
  it('says version, process, uptime, open documents and memory', () => {
    assert.deepEqual(describeServerStatus(status), {
      message: 'Work Unit language server 0.1.0 is running.',
      detail: ['Process 4242, up for 3 h 12 min.', '2 open documents, 2 analyses held.', 'Memory: 23.4 MB JavaScript heap in use, 61.2 MB resident.', 'Idle garbage collections: 3.'].join('\n'),
    });
  });

  it('counts one document and one analysis in the singular', () => {
    assert.match(describeServerStatus({ ...status, openDocuments: 1, analysesHeld: 1 }).detail, /^1 open document, 1 analysis held\.$/m);
  });

  it('gives the uptime in its two largest units', () => {
    assert.deepEqual([0.4, 45, 12 * 60 + 5, 3600, 3 * 3600 + 12 * 60 + 59, 2 * 86400 + 4 * 3600 + 7].map(formatUptime), ['0 s', '45 s', '12 min 5 s', '1 h', '3 h 12 min', '2 d 4 h']);
  });
});
