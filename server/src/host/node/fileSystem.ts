/**
 * The catalog's file system on Node: `fs`, with `file:` URIs. The calls are
 * synchronous (a local disk answers in microseconds; the catalog slices its
 * scan by time anyway), wrapped in the interface's promises.
 */
import { createReadStream, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { localPathOf } from '../fileUri';
import { LogReadError, type BytesResult } from '../../core/catalog/fileSystem';
import type { CatalogFileSystem, EntryKind, FolderEntry, ListResult, ReadResult, Scheduler, StatResult } from '../../core/catalog/fileSystem';

/** One spelling per file: `file:` URIs normalised through the path (percent-encoding, a Windows drive letter's case). */
export function fileKeyOf(uri: string): string | undefined {
  const path = localPathOf(uri);
  return path === undefined ? undefined : uriOfPath(path);
}

export function uriOfPath(path: string): string {
  return pathToFileURL(process.platform === 'win32' ? path.replace(/^[A-Z]:/, (d) => d.toLowerCase()) : path).href;
}

export function pathOf(uri: string): string {
  return fileURLToPath(uri);
}

function kindOf(st: Stats): EntryKind {
  return st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
}

export const nodeFileSystem: CatalogFileSystem = {
  async list(folder: string): Promise<ListResult> {
    const dir = pathOf(folder);
    let identity: string;
    try {
      const st = statSync(dir);
      if (!st.isDirectory()) return { missing: true };
      identity = `${st.dev}:${st.ino}`;
    } catch {
      return { missing: true };
    }
    let dirents;
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      return { problem: (e as Error).message };
    }
    const entries: FolderEntry[] = [];
    for (const d of dirents) {
      const full = join(dir, d.name);
      const entry: FolderEntry = { name: d.name, uri: uriOfPath(full), kind: d.isDirectory() ? 'directory' : d.isFile() ? 'file' : 'other' };
      if (d.isSymbolicLink()) {
        entry.isLink = true;
        try {
          entry.kind = kindOf(statSync(full));
        } catch (err) {
          entry.brokenLink = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        }
      }
      entries.push(entry);
    }
    return { entries, identity };
  },

  async read(file: string): Promise<ReadResult> {
    try {
      return { text: readFileSync(pathOf(file), 'utf8') };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
      return { problem: (e as Error).message };
    }
  },

  async readBytes(file: string): Promise<BytesResult> {
    const path = pathOf(file);
    try {
      if (statSync(path).isDirectory()) return { problem: 'a folder, not a file' };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
      return { problem: code ?? (e as Error).message };
    }
    return { chunks: chunksOf(createReadStream(path, { highWaterMark: 256 * 1024 })) };
  },

  async stat(uri: string): Promise<StatResult> {
    try {
      // Most stats look for a config that is not there (one per folder a walk enters): no error is made for that.
      const st = statSync(pathOf(uri), { throwIfNoEntry: false });
      if (!st) return { missing: true };
      return { kind: kindOf(st), size: st.size, mtime: st.mtimeMs };
    } catch {
      return { missing: true }; // gone, or unreachable: either way nothing to read
    }
  },

  display: pathOf,

  async realUri(uri: string): Promise<string | undefined> {
    try {
      return uriOfPath(realpathSync(pathOf(uri)));
    } catch {
      return undefined; // not there, or a link that leads nowhere
    }
  },
};

/** A read stream's chunks, an error midway as `LogReadError` (it is about the file, not the program). */
async function* chunksOf(stream: AsyncIterable<Buffer>): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (e) {
    throw new LogReadError((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

export const nodeScheduler: Scheduler = {
  now: () => Date.now(),
  soon: (fn) => void setImmediate(fn),
  after: (ms, fn) => void setTimeout(fn, ms),
};
