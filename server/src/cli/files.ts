/** Which files a `workunit lint PATHS…` run covers. */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ConfigLookup } from '../core/config/configLookup';
import { walkUnitFiles } from '../core/catalog/walk';
import { nodeFileSystem, pathOf, uriOfPath } from '../host/node/fileSystem';
import { isUnitFile } from '../protocol';
import { PathList } from '../core/packed';

export interface Collected {
  /** Packed (core/packed.ts): a walk of 100,000 files keeps bytes, not 100,000 strings. */
  files: PathList;
  /** Some path was a folder: catalog rules apply. */
  sawFolder: boolean;
}

export class UsageError extends Error {}

/**
 * Folders are walked for `*.workunit.yaml|yml`, minus the `ignore` globs of
 * the governing `workunit.config.yaml`; files named explicitly are linted.
 * What cannot be linted is a usage error when named (a pipe or a device —
 * reading one would never end —, a file that cannot be read), and a note on
 * `note` when found by a walk, which skips it.
 */
export async function collectFiles(paths: string[], configs: ConfigLookup, note: (message: string) => void): Promise<Collected> {
  const checked = checkPaths(paths);
  const files = new PathList();
  for await (const file of unitFiles(checked, configs, note)) files.push(file);
  return { files, sawFolder: checked.some((p) => p.folder) };
}

/**
 * The paths as given, each checked before any is walked, so that a wrong one
 * is a usage error before any file is checked or fixed; and which are
 * folders (then the catalog rules apply).
 */
export function checkPaths(paths: string[]): CheckedPath[] {
  return paths.map((p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    if (st.isDirectory()) return { path: p, folder: true };
    if (!st.isFile()) throw new UsageError(`${p} is not a regular file (a pipe, socket or device): name a unit file or a folder.`);
    const unreadable = cannotRead(p);
    if (unreadable) throw new UsageError(`Cannot read ${p} (${unreadable}).`);
    return { path: p, folder: false };
  });
}

export interface CheckedPath {
  path: string;
  folder: boolean;
}

/**
 * The unit files of paths that `checkPaths` took, one at a time as the walk
 * finds them (a lint checks each as it comes), in the order of every run.
 */
export async function* unitFiles(paths: readonly CheckedPath[], configs: ConfigLookup, note: (message: string) => void): AsyncGenerator<string> {
  // The same file twice only where paths overlap (`lint a a/b`); one path needs no set of all it found.
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  const fresh = (file: string) => {
    if (seen?.has(file)) return false;
    seen?.add(file);
    return true;
  };
  for (const { path: p, folder } of paths) {
    if (!folder) {
      if (fresh(p)) yield p;
      continue;
    }
    if (isUnitFile(p)) note(`${p} is a folder, not a unit file: checking the unit files in it.`);
    // The same walk as the editor's workspace catalog (core/catalog/walk.ts).
    // Files are named from the folder as given (`examples/x.workunit.yaml`), in notes too.
    const named = (uri: string) => join(p, relative(resolve(p), pathOf(uri)));
    for await (const uri of walkUnitFiles({ ...nodeFileSystem, display: named }, uriOfPath(resolve(p)), configs, { onProblem: note })) {
      if (!uri) continue;
      const file = named(uri);
      const unreadable = cannotRead(file);
      if (unreadable) note(`${file}: cannot be read (${unreadable}); skipped.`);
      else if (fresh(file)) yield file;
    }
  }
}

/** Why the file cannot be read (so the read does not fail with a stack trace later), or undefined. */
function cannotRead(path: string): string | undefined {
  try {
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
}

/**
 * How a file is named in every output: relative to the current folder with
 * forward slashes (the same on every OS, and what SARIF and CI annotations
 * want); absolute where the file is outside the current folder.
 */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return abs;
  return rel.split(sep).join('/');
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The text of the one unit file a command takes (`render`, `measure`,
 * `export`), its BOM dropped; a folder, a file that is not there or one that
 * cannot be read is a usage error that says which.
 */
export function readUnitFile(file: string, command: string): string {
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${command} takes a file, not a folder: ${file}`);
    return stripBom(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file} (${code ?? (e as Error).message}).`);
  }
}
