/**
 * The workspace scan's worker thread on Node (host/node/scanWorker.ts):
 * started when a scan reads files and stopped when no scan is reading (its
 * heap holds the garbage of thousands of parses until then; a start costs
 * a tenth of a second, once per scan), never keeping the process alive. Where the bundle is not there (the server run from its
 * sources), there is none, and the scan reads in its own thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileSummarizer, SummaryResult } from '../../core/catalog/fileSystem';
import type { UnitSummary } from '../../core/catalog/workspace';
import type { ScanReply, ScanRequest } from './scanWorker';

const WORKER_FILE = join(__dirname, 'scanWorker.js');
/** Files per message, and messages a worker has waiting: enough to keep it busy, few enough to stop soon. */
const BATCH = 16;
const IN_FLIGHT = 2;

export function nodeSummarizer(): FileSummarizer<UnitSummary | undefined> | undefined {
  if (!existsSync(WORKER_FILE)) return undefined;
  let worker: Worker | undefined;
  let nextBatch = 0;
  /** Scans reading through the worker now: the last one to finish stops it. */
  let active = 0;
  const waiting = new Map<number, { resolve: (reply: ScanReply) => void; reject: (e: unknown) => void }>();
  const started = () => {
    if (worker) return worker;
    const w = new Worker(WORKER_FILE);
    w.unref();
    w.on('message', (reply: ScanReply) => {
      waiting.get(reply.batch)?.resolve(reply);
      waiting.delete(reply.batch);
    });
    // A worker that fails fails the scans waiting for it (logged as bugs); the next scan starts another.
    const fail = (e: unknown) => {
      if (worker === w) worker = undefined;
      for (const { reject } of waiting.values()) reject(e);
      waiting.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`The scan worker stopped (exit code ${code}).`)));
    worker = w;
    return w;
  };
  const send = (uris: string[]): Promise<ScanReply> =>
    new Promise((resolve, reject) => {
      const batch = nextBatch++;
      waiting.set(batch, { resolve, reject });
      started().postMessage({ batch, uris } satisfies ScanRequest);
    });
  return {
    async summarize(uris, each: (uri: string, result: SummaryResult<UnitSummary | undefined>) => void, cancelled) {
      let next = 0;
      const pump = async (): Promise<void> => {
        while (next < uris.length && !cancelled()) {
          const reply = await send(uris.slice(next, (next += BATCH)));
          if (cancelled()) return;
          for (const [uri, result] of reply.results) each(uri, result);
        }
      };
      active++;
      try {
        await Promise.all(Array.from({ length: IN_FLIGHT }, pump));
      } finally {
        if (--active === 0 && worker) {
          const w = worker;
          worker = undefined;
          w.removeAllListeners('exit');
          void w.terminate();
        }
      }
    },
  };
}
