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
  FS_READ_REQUEST,
  FS_STAT_REQUEST,
  type FsListResult,
  type FsParams,
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

export function serveFileSystem(client: BaseLanguageClient): vscode.Disposable[] {
  const decoder = new TextDecoder('utf-8');
  // Each answer is a union (found, missing, a problem): the library's handler type wants one shape.
  const handle = <R>(method: string, answer: (params: FsParams) => Promise<R>) => client.onRequest(method, (params: FsParams) => answer(params) as Promise<unknown>);
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
    handle(FS_STAT_REQUEST, async ({ uri }): Promise<FsStatResult> => {
      try {
        const st = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
        return { kind: kindOf(st.type), size: st.size };
      } catch {
        return { missing: true }; // what cannot be stat'ed is not there to read (as on Node)
      }
    }),
  ];
}
