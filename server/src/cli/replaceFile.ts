/**
 * Writing a fixed file in place without ever losing what is on disk:
 * the new text goes to a temporary file beside the real one (symlinks are
 * followed, so a link stays a link), is flushed, and replaces the file by a
 * rename — atomic on one file system, so a reader sees the old text or the
 * new one, never half of it. The file is left alone when it no longer holds
 * the text the fixes were computed from (an editor saved it meanwhile).
 */
import { closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type ReplaceOutcome = { replaced: true } | { replaced: false; reason: string };

/** Test seam: called after the temporary file is written, before the final check and the rename. */
export interface ReplaceHooks {
  beforeRename?: (tmp: string) => void;
}

/**
 * `false` in every bundle (scripts/build.mjs defines it), so the seam is
 * compiled out of what ships; undefined where the tests run the sources
 * through tsx, so it is there for them.
 */
declare const WORKUNIT_TEST_SEAMS: boolean | undefined;

/**
 * Replaces the text of `file` (which held `expected`, a byte-order mark aside)
 * by `next`, keeping its byte-order mark and permissions.
 */
export function replaceFileText(file: string, expected: string, next: string, hooks: ReplaceHooks = {}): ReplaceOutcome {
  let real: string;
  let current: string;
  let mode: number;
  try {
    real = realpathSync(file);
    mode = statSync(real).mode;
    current = readFileSync(real, 'utf8');
  } catch (e) {
    return { replaced: false, reason: `cannot be read again (${(e as Error).message})` };
  }
  const hadBom = current.charCodeAt(0) === 0xfeff;
  if (!holds(current, expected)) return { replaced: false, reason: 'changed on disk while fixing' };
  const tmp = join(dirname(real), `.${basename(real)}.${process.pid}.${Date.now().toString(36)}.workunit-fix.tmp`);
  try {
    // `wx`: never write through an existing file or link at the temporary name.
    const fd = openSync(tmp, 'wx', mode & 0o7777);
    try {
      writeSync(fd, (hadBom ? '\uFEFF' : '') + next);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (typeof WORKUNIT_TEST_SEAMS === 'undefined' || WORKUNIT_TEST_SEAMS) hooks.beforeRename?.(tmp);
    // Checked again at the last moment: the window left is the rename itself.
    if (!holds(readFileSync(real, 'utf8'), expected)) {
      unlinkQuietly(tmp);
      return { replaced: false, reason: 'changed on disk while fixing' };
    }
    renameSync(tmp, real);
    return { replaced: true };
  } catch (e) {
    unlinkQuietly(tmp);
    return { replaced: false, reason: `could not be written (${(e as Error).message})` };
  }
}

function holds(onDisk: string, expected: string): boolean {
  return (onDisk.charCodeAt(0) === 0xfeff ? onDisk.slice(1) : onDisk) === expected;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never created, or already gone
  }
}
