/** Which files a `workunit lint PATHS…` run covers. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { ConfigLookup } from '../host/configLookup';
import { isUnitFile } from '../protocol';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Collected {
  files: string[];
  /** Some path was a folder: catalog rules apply. */
  sawFolder: boolean;
}

export class UsageError extends Error {}

/**
 * Folders are walked for `*.workunit.yaml|yml`, minus the `ignore` globs of
 * the governing `workunit.config.yaml`; files named explicitly are linted.
 */
export function collectFiles(paths: string[], configs: ConfigLookup): Collected {
  const files: string[] = [];
  let sawFolder = false;
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      sawFolder = true;
      walk(p, files, configs, new Set());
    } else {
      files.push(p);
    }
  }
  return { files: [...new Set(files)], sawFolder };
}

function walk(dir: string, out: string[], configs: ConfigLookup, visited: Set<string>): void {
  let real: string;
  try {
    real = statSync(dir).ino + ':' + statSync(dir).dev;
  } catch {
    return;
  }
  if (visited.has(real)) return; // a symlink loop
  visited.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (isIgnored(full, configs)) continue;
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = statSync(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(e.name)) walk(full, out, configs, visited);
    } else if (isFile && isUnitFile(e.name)) {
      out.push(full);
    }
  }
}

function isIgnored(path: string, configs: ConfigLookup): boolean {
  const found = configs.forFile(path);
  if (!found.root || found.config.ignore.length === 0) return false;
  const rel = relative(found.root, path).split(sep).join('/');
  if (rel.startsWith('..')) return false;
  return picomatch.isMatch(rel, found.config.ignore, { dot: true }) || picomatch.isMatch(`${rel}/`, found.config.ignore, { dot: true });
}
