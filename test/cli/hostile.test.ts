/**
 * `workunit lint` on hostile files (issue 9): an alias bomb, a 5 MB and a
 * 6 MB unit, random bytes, 10,000-level nesting, 1 MB lines, invalid UTF-8,
 * control characters; and on disk a folder named like a unit, a symlink
 * loop, broken links, a named pipe and an unreadable file. Each gets a clear
 * finding, or a note on standard error where it is skipped; no crash, no
 * hang, a sensible exit code.
 *
 * Run as root, the lint runs as `nobody` (uid 65534), so that the
 * unreadable file is unreadable to it (test/support/unprivileged.ts).
 * Nothing here is timed: how long these lints take is measured by
 * `npm run bench`. A lint that never ends is killed after HANG_GUARD_MS and
 * fails the test as a hang.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hostileInputs, longFlowLine, MB, MILLION, writeHostileFolder } from '../support/hostile';
import { canRead, readableBundle, unprivileged, unprivilegedUser } from '../support/unprivileged';

/**
 * A guard against a hang, not a speed check: a lint still running after five
 * minutes is killed and the test fails. (They take seconds; the bench times them.)
 */
const HANG_GUARD_MS = 300_000;

interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  message: string;
}

describe('workunit lint on hostile files', () => {
  let dir: string;
  let fifo = false;
  const path = (name: string) => join(dir, name);
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [readableBundle('cli.js'), ...args], { encoding: 'utf8', timeout: HANG_GUARD_MS, maxBuffer: 64 * MB, ...unprivileged });
    assert.equal(r.error, undefined, `${args.join(' ')}: ${r.error?.message} (a hang?)`);
    return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
  };
  const lintJson = (args: string[]) => {
    const r = run(['lint', '--format', 'json', ...args]);
    assert.doesNotMatch(r.err, /internal error|\n\s+at /, 'no crash, no stack trace');
    return { ...r, findings: JSON.parse(r.out) as JsonFinding[] };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'workunit-hostile-cli-'));
    chmodSync(dir, 0o755);
    ({ fifo } = writeHostileFolder(dir));
    assert.equal(canRead(path('clean.workunit.yaml')), true, `${unprivilegedUser} reads the test folder`);
    assert.equal(canRead(path('unreadable.workunit.yaml')), false, `${unprivilegedUser} cannot read a file of mode 000 (does this runner ignore permissions?)`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`lints the folder as ${unprivilegedUser}: one clear finding per hostile file, a note per skipped entry, exit 1`, () => {
    const r = lintJson([dir]);
    assert.equal(r.code, 1, 'error-level findings');
    const byFile = new Map<string, JsonFinding[]>();
    for (const f of r.findings) byFile.set(f.file.split('/').pop()!, [...(byFile.get(f.file.split('/').pop()!) ?? []), f]);
    for (const h of [...hostileInputs(), { name: 'six-mb', expect: /This file is 6 MB, more than the 1 MB/ }]) {
      const got = byFile.get(`${h.name}.workunit.yaml`) ?? [];
      if (h.expect === null) assert.deepEqual(got, [], h.name);
      else {
        assert.deepEqual(got.map((f) => [f.rule, f.severity]), [['yaml-syntax', 'error']], `${h.name}: ${JSON.stringify(got).slice(0, 500)}`);
        assert.match(got[0].message, h.expect, h.name);
      }
    }
    assert.equal(byFile.has('clean.workunit.yaml'), false);
    assert.equal(byFile.has('inside.workunit.yaml'), false, 'searched inside the folder named like a unit, and clean');
    const notes = r.err.trim().split('\n');
    const expected = [
      /dangling\.workunit\.yaml: a symbolic link that leads nowhere \(ENOENT\); skipped\.$/,
      /folder\.workunit\.yaml: a folder, not a unit file; searched as a folder\.$/,
      /loop: a folder already searched \(a symlink loop, or a second way to it\); skipped\.$/,
      /self\.workunit\.yaml: a symbolic link that leads nowhere \(ELOOP\); skipped\.$/,
      ...(fifo ? [/pipe\.workunit\.yaml: not a regular file \(a pipe, socket or device\); skipped\.$/] : []),
      /unreadable\.workunit\.yaml: cannot be read \(EACCES\); skipped\.$/,
    ];
    assert.equal(notes.length, expected.length, r.err);
    for (const re of expected) assert.ok(notes.some((n) => re.test(n)), `${re} in\n${r.err}`);
  });

  it('lints each hostile file named alone: the same finding, exit 1 (0 for the long lines, which are clean)', () => {
    for (const h of hostileInputs()) {
      const r = lintJson([path(`${h.name}.workunit.yaml`)]);
      assert.equal(r.code, h.expect === null ? 0 : 1, h.name);
      assert.equal(r.findings.length, h.expect === null ? 0 : 1, `${h.name}: ${r.out.slice(0, 500)}`);
      if (h.expect) assert.match(r.findings[0].message, h.expect, h.name);
      assert.equal(r.err, '', h.name);
    }
  });

  it('says so when a folder named like a unit is named: checks the units in it', () => {
    const r = run(['lint', path('folder.workunit.yaml')]);
    assert.equal(r.code, 0);
    assert.match(r.err, /folder\.workunit\.yaml is a folder, not a unit file: checking the unit files in it\.\n$/);
    assert.equal(r.out, '1 file checked: 0 errors, 0 warnings\n');
  });

  it('refuses a named pipe, an unreadable file and a broken link with one line and exit 2, without hanging', (t) => {
    const cases: [string, RegExp][] = [['dangling.workunit.yaml', /No such file or folder/]];
    if (fifo) cases.push(['pipe.workunit.yaml', /is not a regular file \(a pipe, socket or device\)/]);
    else t.diagnostic('mkfifo is not available: no named pipe');
    cases.push(['unreadable.workunit.yaml', /Cannot read .*unreadable\.workunit\.yaml \(EACCES\)/]);
    for (const [name, message] of cases) {
      const r = run(['lint', path(name)]);
      assert.equal(r.code, 2, name);
      assert.equal(r.out, '', name);
      assert.match(r.err, message, name);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
    }
  });

  it('refuses a 1 MB flow sequence of 330,000 unknown metrics for its item count, without crashing', () => {
    const file = path('flow-unknown.workunit.yaml');
    writeFileSync(file, longFlowLine(MILLION, true));
    const r = lintJson([file]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.findings.map((f) => f.rule), ['yaml-syntax']);
    assert.match(r.findings[0].message, /more than 50,000 items/);
  });
});
