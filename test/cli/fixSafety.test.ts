/**
 * `workunit lint --fix` never loses what is on disk: it writes through a
 * temporary file and a rename (the file's inode changes, a link stays a link,
 * permissions and a byte-order mark are kept), leaves no temporary file when
 * a write fails, and refuses a file that changed while it ran — checked on
 * the module that does the writing and through the built CLI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { replaceFileText } from '../../server/src/cli/replaceFile';
import { canCreateIn, handOver, readableBundle, unprivileged, unprivilegedUser } from '../support/unprivileged';

const CLI = resolve('dist/cli.js');
const TYPO = readFileSync('examples/invoice-matching.workunit.yaml', 'utf8').replace('performer: erp', 'perfomer: erp');
const fresh = () => mkdtempSync(join(tmpdir(), 'workunit-fix-safety-'));
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('replacing a fixed file (replaceFileText)', () => {
  it('replaces the file by a rename: a new inode, the same permissions and byte-order mark, no temporary file left', () => {
    const dir = fresh();
    const file = join(dir, 'u.workunit.yaml');
    writeFileSync(file, '\uFEFFold text\n');
    chmodSync(file, 0o640);
    const inode = statSync(file).ino;
    const outcome = replaceFileText(file, 'old text\n', 'new text\n');
    assert.deepEqual(outcome, { replaced: true });
    assert.equal(readFileSync(file, 'utf8'), '\uFEFFnew text\n');
    assert.notEqual(statSync(file).ino, inode, 'written to another file and renamed over, not rewritten in place');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(leftovers(dir), []);
  });

  it('writes through a symlink to its target: the link stays a link', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'u.workunit.yaml');
    writeFileSync(target, 'old\n');
    const link = join(dir, 'link.workunit.yaml');
    symlinkSync(target, link);
    assert.deepEqual(replaceFileText(link, 'old\n', 'new\n'), { replaced: true });
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(target, 'utf8'), 'new\n');
    assert.deepEqual([...leftovers(dir), ...leftovers(join(dir, 'real'))], []);
  });

  it('refuses a file that no longer holds the text the fixes came from', () => {
    const dir = fresh();
    const file = join(dir, 'u.workunit.yaml');
    writeFileSync(file, 'saved by an editor meanwhile\n');
    const outcome = replaceFileText(file, 'the text that was read\n', 'fixed\n');
    assert.equal(outcome.replaced, false);
    assert.match(outcome.replaced ? '' : outcome.reason, /changed on disk/);
    assert.equal(readFileSync(file, 'utf8'), 'saved by an editor meanwhile\n');
    assert.deepEqual(leftovers(dir), []);
  });

  it('refuses a file that changes after the new text is written, just before the rename', () => {
    const dir = fresh();
    const file = join(dir, 'u.workunit.yaml');
    writeFileSync(file, 'old\n');
    const outcome = replaceFileText(file, 'old\n', 'fixed\n', { beforeRename: () => writeFileSync(file, 'the author typed\n') });
    assert.equal(outcome.replaced, false);
    assert.equal(readFileSync(file, 'utf8'), 'the author typed\n');
    assert.deepEqual(leftovers(dir), [], 'the temporary file is removed');
  });

  it('when the write fails, the original is untouched and nothing is left behind', () => {
    const dir = fresh();
    const file = join(dir, 'u.workunit.yaml');
    writeFileSync(file, 'old\n');
    const outcome = replaceFileText(file, 'old\n', 'fixed\n', {
      beforeRename: () => {
        throw new Error('disk full (simulated)');
      },
    });
    assert.equal(outcome.replaced, false);
    assert.match(outcome.replaced ? '' : outcome.reason, /could not be written \(disk full/);
    assert.equal(readFileSync(file, 'utf8'), 'old\n');
    assert.deepEqual(leftovers(dir), []);
  });

  it('a file that cannot be read again is reported, not thrown', () => {
    const dir = fresh();
    const outcome = replaceFileText(join(dir, 'gone.workunit.yaml'), 'x', 'y');
    assert.equal(outcome.replaced, false);
    assert.match(outcome.replaced ? '' : outcome.reason, /cannot be read again/);
  });
});

describe('workunit lint --fix (the built CLI)', () => {
  it('fixes a unit reached through a symlink in a folder, keeps the link, leaves no temporary file', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'store'));
    writeFileSync(join(dir, 'store', 'inv.workunit.yaml'), TYPO);
    mkdirSync(join(dir, 'catalog'));
    symlinkSync(join(dir, 'store', 'inv.workunit.yaml'), join(dir, 'catalog', 'inv.workunit.yaml'));
    const r = spawnSync(process.execPath, [CLI, 'lint', 'catalog', '--fix'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.ok(lstatSync(join(dir, 'catalog', 'inv.workunit.yaml')).isSymbolicLink());
    assert.doesNotMatch(readFileSync(join(dir, 'store', 'inv.workunit.yaml'), 'utf8'), /perfomer/);
    assert.deepEqual([...leftovers(join(dir, 'store')), ...leftovers(join(dir, 'catalog'))], []);
  });

  it(`a file it cannot replace is reported on stderr and left as it was; the others are still fixed (run as ${unprivilegedUser})`, () => {
    const dir = fresh();
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'a.workunit.yaml'), TYPO);
    writeFileSync(join(dir, 'b.workunit.yaml'), TYPO);
    handOver(dir);
    chmodSync(join(dir, 'locked'), 0o555); // no new files in there: the temporary file cannot be created
    try {
      assert.equal(canCreateIn(dir), true, `${unprivilegedUser} may write in the test folder`);
      assert.equal(canCreateIn(join(dir, 'locked')), false, `${unprivilegedUser} may not create files in locked/ (does this runner ignore permissions?)`);
      const r = spawnSync(process.execPath, [readableBundle('cli.js'), 'lint', '.', '--fix'], { cwd: dir, encoding: 'utf8', ...unprivileged });
      assert.match(r.stderr, /locked\/a\.workunit\.yaml could not be written .*; left as it was/);
      assert.equal(readFileSync(join(dir, 'locked', 'a.workunit.yaml'), 'utf8'), TYPO);
      assert.doesNotMatch(readFileSync(join(dir, 'b.workunit.yaml'), 'utf8'), /perfomer/);
      assert.deepEqual([...leftovers(dir), ...leftovers(join(dir, 'locked'))], []);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });
});
