/**
 * The web worker's file system: the server there has no disk, so it asks
 * the client (`workunit/fs/*`, declared in protocol.ts) and the client
 * answers with `workspace.fs` — whatever file system the editor has: a
 * GitHub repository in github.dev, a local folder in vscode.dev.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FS_LIST_REQUEST,
  FS_READ_BYTES_REQUEST,
  FS_READ_REQUEST,
  FS_STAT_REQUEST,
  type FsListResult,
  type FsParams,
  type FsReadBytesParams,
  type FsReadBytesResult,
  type FsReadResult,
  type FsStatResult,
} from '../../../server/src/protocol';

type Kind = 'file' | 'directory' | 'other';

function kindOf(type: vscode.FileType): Kind {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/** Gone (or a path through a file): nothing there. Anything else is a problem to report. */
function isMissing(e: unknown): boolean {
  const code = (e as vscode.FileSystemError | undefined)?.code;
  return code === 'FileNotFound' || code === 'FileNotADirectory' || code === 'EntryNotFound' || code === 'EntryNotADirectory';
}

function problemOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Bytes as base64, in pieces small enough for `String.fromCharCode`'s arguments. */
function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * A file read in slices (a log the server measures): `workspace.fs` reads a
 * file whole, so its bytes are kept from the first slice to the last — or
 * for a minute after the last slice asked, should the reader stop early.
 */
class SliceReader {
  private readonly held = new Map<string, { bytes: Uint8Array; timer: ReturnType<typeof setTimeout> }>();

  async slice({ uri, offset, length }: FsReadBytesParams): Promise<FsReadBytesResult> {
    let entry = offset === 0 ? undefined : this.held.get(uri);
    if (entry) clearTimeout(entry.timer);
    else {
      try {
        entry = { bytes: await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)), timer: undefined as unknown as ReturnType<typeof setTimeout> };
      } catch (e) {
        return isMissing(e) ? { missing: true } : { problem: problemOf(e) };
      }
    }
    const { bytes } = entry;
    const end = Math.min(bytes.length, offset + Math.max(0, length));
    if (end >= bytes.length) this.held.delete(uri);
    else {
      entry.timer = setTimeout(() => this.held.delete(uri), 60_000);
      this.held.set(uri, entry);
    }
    return { base64: toBase64(bytes.subarray(offset, end)), size: bytes.length };
  }

  dispose(): void {
    for (const e of this.held.values()) clearTimeout(e.timer);
    this.held.clear();
  }
}

export function serveFileSystem(client: BaseLanguageClient): vscode.Disposable[] {
  const slices = new SliceReader();
  const decoder = new TextDecoder('utf-8');
  // Each answer is a union (found, missing, a problem): the library's handler type wants one shape.
  const handle = <R, P extends FsParams = FsParams>(method: string, answer: (params: P) => Promise<R>) => client.onRequest(method, (params: P) => answer(params) as Promise<unknown>);
  return [
    handle(FS_LIST_REQUEST, async ({ uri }): Promise<FsListResult> => {
      const folder = vscode.Uri.parse(uri);
      try {
        const entries = await vscode.workspace.fs.readDirectory(folder);
        return {
          entries: entries.map(([name, type]) => ({
            name,
            uri: vscode.Uri.joinPath(folder, name).toString(),
            kind: kindOf(type),
            // A link that is neither file nor folder leads nowhere.
            ...(type === vscode.FileType.SymbolicLink ? { brokenLink: 'a link to nothing' } : {}),
          })),
        };
      } catch (e) {
        return isMissing(e) ? { missing: true } : { problem: problemOf(e) };
      }
    }),
    handle(FS_READ_REQUEST, async ({ uri }): Promise<FsReadResult> => {
      try {
        return { text: decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))) };
      } catch (e) {
        return isMissing(e) ? { missing: true } : { problem: problemOf(e) };
      }
    }),
    handle(FS_READ_BYTES_REQUEST, (params: FsReadBytesParams) => slices.slice(params)),
    slices,
    handle(FS_STAT_REQUEST, async ({ uri }): Promise<FsStatResult> => {
      try {
        const st = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
        return { kind: kindOf(st.type), size: st.size, mtime: st.mtime };
      } catch {
        return { missing: true }; // what cannot be stat'ed is not there to read (as on Node)
      }
    }),
  ];
}
