/**
 * Which unit files a catalog holds: every `*.workunit.yaml|yml` under a
 * folder, minus the `ignore` globs of the governing `workunit.config.yaml`
 * (globs relative to the config's folder), never inside `node_modules` or a
 * version-control folder, following symlinks but not their loops. Shared by
 * the CLI (`workunit lint FOLDER`) and the server's workspace catalog in
 * either host, so all see the same catalog.
 */
import picomatch from 'picomatch';
import type { ConfigLookup } from '../config/configLookup';
import { MAX_UNIT_TEXT_LENGTH } from '../parse/parse';
import { isUnitFile } from '../../protocol';
import type { CatalogFileSystem, ReadResult } from './fileSystem';
import { isInside, parentUri, relativePath, uriBasename } from './uris';

export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Larger files are left out of the catalog, with a log line: the parser
 * would refuse them anyway (see MAX_UNIT_TEXT_LENGTH), so reading them is
 * wasted. Bytes, not characters: a file this size has at most this many.
 */
export const MAX_UNIT_FILE_BYTES = MAX_UNIT_TEXT_LENGTH;

/** True when the `ignore` globs of the config governing `uri` (a file or a folder) match it. */
export async function isIgnored(uri: string, configs: ConfigLookup): Promise<boolean> {
  const found = await configs.forFile(uri);
  if (!found.root || found.config.ignore.length === 0) return false;
  const rel = relativePath(found.root, uri);
  if (!rel) return false;
  const matches = matcherOf(found.config.ignore);
  return matches(rel) || matches(`${rel}/`);
}

/**
 * Each config's `ignore` globs compiled once (picomatch.isMatch compiles them
 * on every call: twice per entry of a walk). Keyed by the config's own array,
 * so a changed config file is compiled afresh and a forgotten one collected.
 */
const MATCHERS = new WeakMap<readonly string[], (path: string) => boolean>();

function matcherOf(globs: readonly string[]): (path: string) => boolean {
  let m = MATCHERS.get(globs);
  if (!m) {
    m = picomatch(globs as string[], { dot: true });
    MATCHERS.set(globs, m);
  }
  return m;
}

export interface WalkOptions {
  /** Folders already walked (their identity), shared across calls to walk several roots once. */
  visited?: Set<string>;
  /**
   * Told about what the walk skips that looks like a unit or a folder of
   * them: a folder that cannot be listed or was already searched (a symlink
   * loop), a unit file name that is a broken link or no regular file (a
   * named pipe, whose read would never end), a folder named like a unit.
   */
  onProblem?: (message: string) => void;
  /** Stay inside this folder (the workspace folder): a symbolic link whose target lies outside it is skipped. */
  confineTo?: string;
}

/**
 * The unit files under `dir`, depth first, names sorted. Yields `undefined`
 * after listing each folder, so a caller can walk a big tree in time slices;
 * a caller that only wants the files skips those.
 */
export async function* walkUnitFiles(fs: CatalogFileSystem, dir: string, configs: ConfigLookup, options: WalkOptions = {}): AsyncGenerator<string | undefined> {
  const visited = (options.visited ??= new Set());
  const listing = await fs.list(dir);
  if ('missing' in listing) return;
  if ('problem' in listing) {
    options.onProblem?.(`${fs.display(dir)}: cannot be listed (${listing.problem}); skipped.`);
    return;
  }
  const identity = listing.identity ?? dir;
  if (visited.has(identity)) {
    options.onProblem?.(`${fs.display(dir)}: a folder already searched (a symlink loop, or a second way to it); skipped.`);
    return;
  }
  visited.add(identity);
  yield undefined;
  const entries = [...listing.entries].sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (await isIgnored(e.uri, configs)) continue;
    if (e.isLink && options.confineTo !== undefined && !(await resolvesInside(fs, options.confineTo, e.uri))) {
      if (isUnitFile(e.name) || e.kind === 'directory') options.onProblem?.(`${fs.display(e.uri)}: a symbolic link that leads out of the workspace folder; skipped.`);
      continue;
    }
    if (e.brokenLink !== undefined) {
      // A dangling link, or one that loops on itself: only worth a word when it is named like a unit.
      if (isUnitFile(e.name)) options.onProblem?.(`${fs.display(e.uri)}: a symbolic link that leads nowhere (${e.brokenLink}); skipped.`);
      continue;
    }
    if (e.kind === 'directory') {
      // A folder named like a unit is still a folder.
      if (isUnitFile(e.name)) options.onProblem?.(`${fs.display(e.uri)}: a folder, not a unit file; searched as a folder.`);
      if (!SKIPPED_DIRS.has(e.name)) yield* walkUnitFiles(fs, e.uri, configs, options);
    } else if (isUnitFile(e.name)) {
      if (e.kind === 'file') yield e.uri;
      else options.onProblem?.(`${fs.display(e.uri)}: not a regular file (a pipe, socket or device); skipped.`);
    }
  }
}

/**
 * Whether the walk from `root` would reach the unit file `uri`: inside
 * `root`, under no skipped or ignored folder, not ignored itself. For files
 * that change after the walk (created on disk, opened in the editor).
 */
export async function isWalkedFrom(fs: CatalogFileSystem, root: string, uri: string, configs: ConfigLookup): Promise<boolean> {
  if (!isUnitFile(uriBasename(uri)) || !isInside(root, uri) || (await isIgnored(uri, configs)) || !(await resolvesInside(fs, root, uri))) return false;
  const dir = parentUri(uri);
  return dir !== undefined && (relativePath(root, dir) === '' || (await isFolderWalkedFrom(fs, root, dir, configs)));
}

/** Whether the walk from `root` would enter the folder `dir` (a folder inside `root`). */
export async function isFolderWalkedFrom(fs: CatalogFileSystem, root: string, dir: string, configs: ConfigLookup): Promise<boolean> {
  if (!isInside(root, dir)) return false;
  for (let d: string | undefined = dir; d !== undefined && isInside(root, d); d = parentUri(d)) {
    if (SKIPPED_DIRS.has(uriBasename(d)) || (await isIgnored(d, configs))) return false;
  }
  return resolvesInside(fs, root, dir);
}

/**
 * Whether `uri`, its links followed, is still inside `root` (links followed
 * too). What leads nowhere (not there yet, a broken link) reaches nothing
 * outside: inside.
 */
export async function resolvesInside(fs: CatalogFileSystem, root: string, uri: string): Promise<boolean> {
  if (!fs.realUri) return true;
  const real = await fs.realUri(uri);
  if (real === undefined) return true;
  const realRoot = await fs.realUri(root);
  return realRoot !== undefined && (real === realRoot || isInside(realRoot, real));
}

/** A unit file's text (without a byte-order mark), or why there is none: gone, too big, or unreadable. */
export async function readUnitFile(fs: CatalogFileSystem, uri: string): Promise<ReadResult> {
  const st = await fs.stat(uri);
  if ('missing' in st) return st;
  const name = fs.display(uri);
  if (st.kind !== 'file') return { problem: `${name}: not a file; skipped.` };
  if (st.size > MAX_UNIT_FILE_BYTES) return { problem: `${name}: ${st.size} bytes, more than the ${MAX_UNIT_FILE_BYTES} a unit may have; skipped.` };
  const r = await fs.read(uri);
  if ('problem' in r) return { problem: `${name}: cannot be read (${r.problem}); skipped.` };
  if ('missing' in r) return r;
  return { text: r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text };
}
