/** Running the built `workunit` binary as a user runs it, for the CLI tests. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI = resolve('dist/cli.js');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export function runCli(args: string[], cwd = process.cwd()): CliRun {
  // A big catalog's report is several MB: more than spawnSync's default 1 MB buffer.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A usage error as the CLI gives one: exit 2, nothing on stdout, one `workunit: …` line on stderr, no stack trace. */
export function assertUsageError(r: CliRun, label: string): void {
  assert.equal(r.code, 2, label);
  assert.equal(r.out, '', label);
  assert.equal(r.err.trim().split('\n').length, 1, r.err);
  assert.match(r.err, /^workunit: /);
  assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
}
