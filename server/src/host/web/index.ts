/**
 * The language server's host in a web worker (vscode.dev, github.dev): no
 * disk and no process. The catalog's files come from the client, which
 * reads them with `workspace.fs` (client/src/host/fileSystemRequests.ts),
 * so whatever file system the editor has — a GitHub repository, a local
 * folder opened in the browser — is the catalog's.
 */
import type { Connection } from 'vscode-languageserver';
import { LogReadError, nextTurn, type BytesResult, type CatalogFileSystem, type ListResult, type ReadResult, type Scheduler, type StatResult } from '../../core/catalog/fileSystem';
import { measureUnitText } from '../../core/measure/editor';
import { trimSlash } from '../../core/catalog/uris';
import { FS_LIST_REQUEST, FS_READ_BYTES_REQUEST, FS_READ_REQUEST, FS_STAT_REQUEST, type FsParams, type FsReadBytesParams, type FsReadBytesResult } from '../../protocol';
import type { LogMeasurer, ServerHost } from '../host';

/** The slice of a log asked of the client at a time. */
const CHUNK = 256 * 1024;

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
    readBytes: (file) => readBytes(connection, file),
    display: (uri) => uri,
  };
}

/**
 * A file's bytes in slices through the client (`workunit/fs/readBytes`),
 * one slice asked for when the previous one has been consumed, with a turn
 * of the event loop between them: the requests that came meanwhile are
 * answered first, so a log being measured never holds up typing.
 */
async function readBytes(connection: Connection, uri: string, signal?: AbortSignal): Promise<BytesResult> {
  const slice = (offset: number) =>
    connection
      .sendRequest<FsReadBytesResult>(FS_READ_BYTES_REQUEST, { uri, offset, length: CHUNK } satisfies FsReadBytesParams)
      .then(undefined, (e: unknown): FsReadBytesResult => ({ problem: e instanceof Error ? e.message : String(e) }));
  const first = await slice(0);
  if (!('base64' in first)) return first;
  async function* chunks(): AsyncIterable<Uint8Array> {
    let r: FsReadBytesResult = first;
    for (let offset = 0; ; ) {
      if (!('base64' in r)) throw new LogReadError('missing' in r ? 'the file went away while it was read' : r.problem);
      const bytes = fromBase64(r.base64);
      yield bytes;
      offset += bytes.length;
      if (bytes.length === 0 || offset >= r.size) return;
      await nextTurn(webScheduler);
      if (signal?.aborted) throw new LogReadError('the measuring was superseded');
      r = await slice(offset);
    }
  }
  return { chunks: chunks() };
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Measuring in the web worker: in this thread, the log read in slices that yield (see `readBytes`). */
export function webMeasurer(connection: Connection, fs: CatalogFileSystem): LogMeasurer {
  return {
    async measure(text, unitUri, signal) {
      const result = await measureUnitText(text, unitUri, { ...fs, readBytes: (file) => readBytes(connection, file, signal) });
      return signal.aborted ? undefined : result;
    },
  };
}

export const webScheduler: Scheduler = {
  now: () => Date.now(),
  // A worker has no setImmediate; a zero timeout comes after the messages already queued.
  soon: (fn) => void setTimeout(fn, 0),
  after: (ms, fn) => void setTimeout(fn, ms),
};

export function webHost(connection: Connection): ServerHost {
  const fs = webFileSystem(connection);
  return {
    kind: 'webworker',
    fs,
    scheduler: webScheduler,
    measurer: webMeasurer(connection, fs),
    keyOf: (uri) => (HIERARCHICAL.test(uri) ? trimSlash(uri) : undefined),
    status: () => ({ pid: 0, uptime: performance.now() / 1000, heapUsedBytes: 0, rssBytes: 0, collected: false, idleCollections: 0 }),
    analysed() {
      // The browser collects in idle time itself.
    },
  };
}
