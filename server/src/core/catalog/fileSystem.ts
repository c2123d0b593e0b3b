/**
 * What the catalog needs from the place it runs: a small file system (list,
 * read, stat) and a scheduler. Changes (the "watch") reach it as
 * `FileChange`s: in both hosts the LSP client watches and sends file events. Node implements them with `fs` and the
 * event loop (host/node/); the web worker through the editor's
 * `workspace.fs` over custom requests (host/web/), so virtual file systems
 * such as github.dev's work; the unit tests in memory.
 *
 * Files are named by URI, spelled as the host spells them (see `uris.ts`).
 */

export type EntryKind = 'file' | 'directory' | 'other';

export interface FolderEntry {
  name: string;
  uri: string;
  /** What the entry is, a symbolic link resolved to what it leads to. */
  kind: EntryKind;
  /** A symbolic link (`kind` is what it leads to). */
  isLink?: boolean;
  /** A link that leads nowhere (dangling, or a loop): why; the entry is skipped. */
  brokenLink?: string;
}

export type ListResult =
  | {
      entries: FolderEntry[];
      /** What makes two ways to one folder the same (a symlink loop); the URI where the host has no links. */
      identity?: string;
    }
  | { missing: true }
  | { problem: string };

export type ReadResult = { text: string } | { missing: true } | { problem: string };

/** A file's bytes, chunk by chunk (a log can be larger than memory); reading errors midway reject with `LogReadError`. */
export type BytesResult = { chunks: AsyncIterable<Uint8Array> } | { missing: true } | { problem: string };

/** A file that could be opened failed while it was read (an I/O error, corrupt gzip data): data, not a bug. */
export class LogReadError extends Error {}

/** `mtime`: when it last changed (ms since the epoch), where the host tells (the measuring's cache key). */
export type StatResult = { kind: EntryKind; size: number; mtime?: number } | { missing: true };

export type FileChangeType = 'created' | 'changed' | 'deleted';

export interface FileChange {
  uri: string;
  type: FileChangeType;
}

export interface CatalogFileSystem {
  /** A folder's entries, in any order. */
  list(folder: string): Promise<ListResult>;
  /** A file's text (UTF-8). */
  read(file: string): Promise<ReadResult>;
  stat(uri: string): Promise<StatResult>;
  /** A file's bytes as a stream (for logs); where absent, `read` gives the text whole. */
  readBytes?(file: string): Promise<BytesResult>;
  /** How messages name a file: a path on disk, else the URI. */
  display(uri: string): string;
  /**
   * Where `uri` leads, its links followed; undefined when it leads nowhere
   * (not there, a broken link). Absent where the file system has no links.
   */
  realUri?(uri: string): Promise<string | undefined>;
}

export interface Scheduler {
  /** Milliseconds, for slicing work (never for correctness). */
  now(): number;
  /** Runs `fn` once what is already queued (messages, I/O) has had its turn. */
  soon(fn: () => void): void;
  /** Runs `fn` after `ms`. */
  after(ms: number, fn: () => void): void;
}

export function nextTurn(scheduler: Scheduler): Promise<void> {
  return new Promise((resolve) => scheduler.soon(resolve));
}

export function rest(scheduler: Scheduler, ms: number): Promise<void> {
  return new Promise((resolve) => scheduler.after(ms, resolve));
}

/** What reading one unit file for the catalog gave: its summary and a hash of its text, or why there is none. */
export type SummaryResult<Summary> = { summary: Summary; hash: number } | { missing: true } | { problem: string };

/**
 * Reads and summarizes unit files away from the thread that answers the
 * editor (Node: a worker thread, host/node/scanWorker.ts), so that a scan of
 * thousands of files does not stand between an open document and its
 * diagnostics. Where a host has none, the scan reads in slices on its own thread.
 */
export interface FileSummarizer<Summary> {
  /** Each file's result, in any order, until all are given or `cancelled()` says stop. */
  summarize(uris: readonly string[], each: (uri: string, result: SummaryResult<Summary>) => void, cancelled: () => boolean): Promise<void>;
}
