/** The language server's host on Node (stdio, or IPC from the desktop client). */
import { analysed, collectOnceStarted, enableIdleCollection, idleCollections } from './idleCollection';
import type { ServerHost } from '../host';
import { fileKeyOf, nodeFileSystem, nodeScheduler, uriOfPath } from './fileSystem';
import { nodeSummarizer } from './summarizer';
import { nodeMeasurer } from './measurer';

export function nodeHost(): ServerHost {
  enableIdleCollection();
  collectOnceStarted();
  return {
    kind: 'node',
    fs: nodeFileSystem,
    scheduler: nodeScheduler,
    measurer: nodeMeasurer(),
    keyOf: fileKeyOf,
    uriOfPath,
    status() {
      // Only present under `node --expose-gc`; a normal editor session never collects on request.
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) gc();
      const mem = process.memoryUsage();
      return { pid: process.pid, uptime: process.uptime(), heapUsedBytes: mem.heapUsed, rssBytes: mem.rss, collected: !!gc, idleCollections: idleCollections() };
    },
    analysed,
    summarizer: nodeSummarizer(),
  };
}
