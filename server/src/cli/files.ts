/** Which files a `workunit lint PATHS…` run covers. */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ConfigLookup } from '../host/configLookup';
import { walkUnitFiles } from '../host/workspaceFiles';

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
      // The same walk as the editor's workspace index (host/workspaceFiles.ts).
      for (const file of walkUnitFiles(p, configs)) if (file) files.push(file);
    } else {
      files.push(p);
    }
  }
  return { files: [...new Set(files)], sawFolder };
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
