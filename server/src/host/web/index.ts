/**
 * The language server's host in a web worker (vscode.dev, github.dev): no
 * disk and no process. The catalog's files come from the client, which
 * reads them with `workspace.fs` (client/src/host/fileSystemRequests.ts),
 * so whatever file system the editor has — a GitHub repository, a local
 * folder opened in the browser — is the catalog's.
 */
import type { Connection } from 'vscode-languageserver';
import type { CatalogFileSystem, ListResult, ReadResult, Scheduler, StatResult } from '../../core/catalog/fileSystem';
import { trimSlash } from '../../core/catalog/uris';
import { FS_LIST_REQUEST, FS_READ_REQUEST, FS_STAT_REQUEST, type FsParams } from '../../protocol';
import type { ServerHost } from '../host';

/** A URI with a path the editor can read (not `untitled:`, which has no folder). */
const HIERARCHICAL = /^[a-zA-Z][\w+.-]*:\/\//;

export function webFileSystem(connection: Connection): CatalogFileSystem {
  // A request the client fails (it is stopping, or has no handler) is a problem with that file, not a crash.
  const ask = <R>(method: string, uri: string, failed: (message: string) => R): Promise<R> =>
    connection.sendRequest<R>(method, { uri } satisfies FsParams).then(undefined, (e: unknown) => failed(e instanceof Error ? e.message : String(e)));
  return {
    list: (folder) => ask<ListResult>(FS_LIST_REQUEST, folder, (problem) => ({ problem })),
    read: (file) => ask<ReadResult>(FS_READ_REQUEST, file, (problem) => ({ problem })),
    stat: (uri) => ask<StatResult>(FS_STAT_REQUEST, uri, () => ({ missing: true })),
    display: (uri) => uri,
  };
}

export const webScheduler: Scheduler = {
  now: () => Date.now(),
  // A worker has no setImmediate; a zero timeout comes after the messages already queued.
  soon: (fn) => void setTimeout(fn, 0),
  after: (ms, fn) => void setTimeout(fn, ms),
};

export function webHost(connection: Connection): ServerHost {
  return {
    kind: 'webworker',
    fs: webFileSystem(connection),
    scheduler: webScheduler,
    keyOf: (uri) => (HIERARCHICAL.test(uri) ? trimSlash(uri) : undefined),
    status: () => ({ pid: 0, uptime: performance.now() / 1000, heapUsedBytes: 0, rssBytes: 0, collected: false, idleCollections: 0 }),
    analysed() {
      // The browser collects in idle time itself.
    },
  };
}
