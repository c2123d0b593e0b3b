/**
 * What the language server needs from the place it runs, besides the LSP
 * connection: the catalog's file system and scheduler, the spelling of file
 * keys, and the process facts for `workunit/serverStatus`. Node's host is
 * host/node/, the web worker's host/web/; `startServer` takes either.
 */
import type { CatalogFileSystem, FileSummarizer, Scheduler } from '../core/catalog/fileSystem';
import type { UnitSummary } from '../core/catalog/workspace';
import type { LogProblem } from '../core/measure/events';
import type { Measurement } from '../core/measure/measure';
import type { ServerStatusResult } from '../protocol';

/**
 * Measures a unit from its log off the requests' path: on Node in a worker
 * thread, in the web worker in slices that yield between chunks. Undefined
 * when `signal` aborted it first (a newer job took its place).
 */
export interface LogMeasurer {
  measure(unitText: string, unitUri: string, signal: AbortSignal): Promise<Measurement | LogProblem | undefined>;
}

export interface ServerHost {
  /** `node` or `webworker`: reported by `workunit/serverStatus`. */
  kind: ServerStatusResult['host'];
  fs: CatalogFileSystem;
  scheduler: Scheduler;
  measurer: LogMeasurer;
  /** The index's spelling of a document URI; undefined for a URI this host has no file for (checked alone, with the defaults). */
  keyOf(uri: string): string | undefined;
  /** A workspace folder given as a path (`rootPath` of old clients), as a URI; undefined where there are no paths. */
  uriOfPath?(path: string): string;
  /** Process facts for `workunit/serverStatus`. */
  status(): Pick<ServerStatusResult, 'pid' | 'uptime' | 'heapUsedBytes' | 'rssBytes' | 'collected' | 'idleCollections'>;
  /** A document of this many characters was analysed (Node collects the garbage of a big one once idle). */
  analysed(chars: number): void;
  /** Reads and summarizes the workspace scan's files on another thread (Node); absent, the scan does it in slices. */
  summarizer?: FileSummarizer<UnitSummary | undefined>;
}
