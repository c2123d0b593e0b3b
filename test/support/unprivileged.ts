/**
 * Permission tests run as a user the permissions apply to. Root reads and
 * writes whatever the mode bits say, and CI runs as root: there the program
 * under test is started as `nobody` (uid and gid 65534), on a tree handed to
 * that user. Anyone else already is an unprivileged user and runs it as
 * themselves. Either way the test checks its own setup first (`canWrite`,
 * `canRead`), so a runner that ignores permissions fails it loudly instead of
 * passing it for the wrong reason.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, lchownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** `nobody`'s uid and gid on Debian and most Linux distributions. */
export const NOBODY = 65534;

const asRoot = process.getuid?.() === 0;

/** Options for `spawn`/`spawnSync`: as root, drop to `nobody`; otherwise nothing to change. */
export const unprivileged: { uid?: number; gid?: number } = asRoot ? { uid: NOBODY, gid: NOBODY } : {};

/** Who the program under test runs as, for test output. */
export const unprivilegedUser = asRoot ? `nobody (uid ${NOBODY}, run from root)` : `uid ${process.getuid?.()}`;

let bundles: string | undefined;

/**
 * The path of a built bundle (`cli.js`, `server.js`) that the unprivileged
 * user can read. The checkout may sit where only root may enter (under
 * /root, say): as root the bundles are copied, once per test process, into
 * a temporary folder anyone can read. Each bundle is self-contained.
 */
export function readableBundle(name: 'cli.js' | 'server.js'): string {
  if (!asRoot) return resolve('dist', name);
  if (!bundles) {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-bundles-'));
    for (const file of ['cli.js', 'server.js']) copyFileSync(resolve('dist', file), join(dir, file));
    chmodSync(dir, 0o755);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    bundles = dir;
  }
  return join(bundles, name);
}

/** Hands a folder and everything in it to the unprivileged user (as root: `chown -R nobody`), so it may write where the test lets it. */
export function handOver(dir: string): void {
  if (!asRoot) return;
  lchownSync(dir, NOBODY, NOBODY);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) handOver(path);
    else lchownSync(path, NOBODY, NOBODY);
  }
}

const probe = (code: string, path: string) => spawnSync(process.execPath, ['-e', code, path], { ...unprivileged, stdio: 'ignore' }).status === 0;

/** Whether the unprivileged user can create a file in `dir` (the probe file is removed again). */
export function canCreateIn(dir: string): boolean {
  return probe(`const p = require('path').join(process.argv[1], '.probe'); require('fs').writeFileSync(p, ''); require('fs').unlinkSync(p)`, dir);
}

/** Whether the unprivileged user can read `file`. */
export function canRead(file: string): boolean {
  return probe(`require('fs').readFileSync(process.argv[1])`, file);
}
