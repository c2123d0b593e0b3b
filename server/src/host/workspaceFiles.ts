/**
 * Which unit files a catalog holds on disk: every `*.workunit.yaml|yml` under
 * a folder, minus the `ignore` globs of the governing `workunit.config.yaml`
 * (globs relative to the config's folder), never inside `node_modules` or a
 * version-control folder, following symlinks but not their loops. Shared by
 * the CLI (`workunit lint FOLDER`) and the server's workspace index, so both
 * see the same catalog. The server walks a workspace folder confined to it:
 * no config file above it, no link that leads out of it.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { MAX_UNIT_TEXT_LENGTH } from '../core/parse/parse';
import { isUnitFile } from '../protocol';
import type { ConfigLookup } from './configLookup';

export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Larger files are left out of the catalog, with a log line: the parser
 * would refuse them anyway (see MAX_UNIT_TEXT_LENGTH), so reading them is
 * wasted. Bytes, not characters: a file this size has at most this many.
 */
export const MAX_UNIT_FILE_BYTES = MAX_UNIT_TEXT_LENGTH;

/** True when the `ignore` globs of the config governing `path` (a file or a folder) match it; `ceiling` as in `ConfigLookup`. */
export function isIgnored(path: string, configs: ConfigLookup, ceiling?: string): boolean {
  const found = configs.forFile(path, ceiling);
  if (!found.root || found.config.ignore.length === 0) return false;
  const rel = relative(found.root, path).split(sep).join('/');
  if (rel.startsWith('..')) return false;
  return picomatch.isMatch(rel, found.config.ignore, { dot: true }) || picomatch.isMatch(`${rel}/`, found.config.ignore, { dot: true });
}

export interface WalkOptions {
  /** Folders already walked (device:inode), shared across calls to walk several roots once. */
  visited?: Set<string>;
  /**
   * Told about what the walk skips that looks like a unit or a folder of
   * them: a folder that cannot be listed or was already searched (a symlink
   * loop), a unit file name that is a broken link or no regular file (a
   * named pipe, whose read would never end), a folder named like a unit.
   */
  onProblem?: (message: string) => void;
  /**
   * Stay inside this folder (the workspace folder): no config file above it
   * counts, and a symbolic link whose target lies outside it is skipped.
   */
  confineTo?: string;
}

/**
 * The unit files under `dir`, depth first, names sorted. Yields `undefined`
 * after listing each folder, so a caller can walk a big tree in time slices;
 * a caller that only wants the files skips those.
 */
export function* walkUnitFiles(dir: string, configs: ConfigLookup, options: WalkOptions = {}): Generator<string | undefined> {
  const visited = (options.visited ??= new Set());
  let real: string;
  try {
    const st = statSync(dir);
    real = `${st.dev}:${st.ino}`;
  } catch {
    return;
  }
  if (visited.has(real)) {
    options.onProblem?.(`${dir}: a folder already searched (a symlink loop, or a second way to it); skipped.`);
    return;
  }
  visited.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    options.onProblem?.(`${dir}: cannot be listed (${(e as Error).message}); skipped.`);
    return;
  }
  yield undefined;
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const confineTo = options.confineTo;
  for (const e of entries) {
    const full = join(dir, e.name);
    if (isIgnored(full, configs, confineTo)) continue;
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      if (confineTo !== undefined && !resolvesInside(confineTo, full)) {
        if (isUnitFile(e.name) || statIsDirectory(full)) options.onProblem?.(`${full}: a symbolic link that leads out of the workspace folder; skipped.`);
        continue;
      }
      try {
        const st = statSync(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (err) {
        // A dangling link, or one that loops on itself: only worth a word when it is named like a unit.
        if (isUnitFile(e.name)) options.onProblem?.(`${full}: a symbolic link that leads nowhere (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); skipped.`);
        continue;
      }
    }
    if (isDir) {
      // A folder named like a unit is still a folder.
      if (isUnitFile(e.name)) options.onProblem?.(`${full}: a folder, not a unit file; searched as a folder.`);
      if (!SKIPPED_DIRS.has(e.name)) yield* walkUnitFiles(full, configs, options);
    } else if (isUnitFile(e.name)) {
      if (isFile) yield full;
      else options.onProblem?.(`${full}: not a regular file (a pipe, socket or device); skipped.`);
    }
  }
}

/**
 * Whether the walk from `root` would reach the unit file `path`: inside
 * `root`, under no skipped or ignored folder, not ignored itself. For files
 * that change after the walk (created on disk, opened in the editor).
 */
export function isWalkedFrom(root: string, path: string, configs: ConfigLookup): boolean {
  if (!isUnitFile(basename(path)) || !isInside(root, path) || isIgnored(path, configs, root) || !resolvesInside(root, path)) return false;
  const dir = dirname(path);
  return dir === root || isFolderWalkedFrom(root, dir, configs);
}

/** Whether the walk from `root` would enter the folder `dir` (a folder inside `root`). */
export function isFolderWalkedFrom(root: string, dir: string, configs: ConfigLookup): boolean {
  if (!isInside(root, dir)) return false;
  for (let d = dir; d !== root && isInside(root, d); d = dirname(d)) {
    if (SKIPPED_DIRS.has(basename(d)) || isIgnored(d, configs, root)) return false;
  }
  return resolvesInside(root, dir);
}

/**
 * Whether `path`, its links followed, is still inside `root` (links
 * followed too). A path not on disk (yet), or a broken link, leads nowhere
 * outside: inside.
 */
export function resolvesInside(root: string, path: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return true; // not on disk, or a link that leads nowhere (which the caller's own read reports): nothing outside to reach
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return false;
  }
  return real === realRoot || isInside(realRoot, real);
}

function statIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `path` is strictly inside `root`. */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

export type ReadResult = { text: string } | { missing: true } | { problem: string };

/** A unit file's text (without a byte-order mark), or why there is none: gone, or unreadable. */
export function readUnitFile(path: string): ReadResult {
  try {
    const st = statSync(path);
    if (!st.isFile()) return { problem: `${path}: not a file; skipped.` };
    if (st.size > MAX_UNIT_FILE_BYTES) return { problem: `${path}: ${st.size} bytes, more than the ${MAX_UNIT_FILE_BYTES} a unit may have; skipped.` };
    const text = readFileSync(path, 'utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return { missing: true };
    return { problem: `${path}: cannot be read (${(e as Error).message}); skipped.` };
  }
}
