/**
 * What ships holds no test seam: the production bundles (as `npm run
 * package` builds them) are built into a temporary folder and searched for
 * the seams the sources keep for the tests (replaceFile's `beforeRename`,
 * compiled out by `WORKUNIT_TEST_SEAMS`, defined `false` in scripts/build.mjs).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const BUNDLES = ['extension.js', 'server.js', 'scanWorker.js', 'cli.js', 'lintWorker.js', 'webview.js'];
/** Each seam as the sources spell it, and the file that has it. */
const SEAMS: [string, string][] = [['beforeRename', 'server/src/cli/replaceFile.ts']];

describe('production bundles', () => {
  it('hold no test seam (the sources do, for the tests)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-bundles-'));
    try {
      const build = spawnSync(process.execPath, ['scripts/build.mjs', '--production', `--outdir=${dir}`], { encoding: 'utf8' });
      assert.equal(build.status, 0, build.stderr);
      for (const [seam, source] of SEAMS) {
        assert.ok(readFileSync(source, 'utf8').includes(seam), `${source} still has ${seam}: update this test`);
        for (const bundle of BUNDLES) {
          const text = readFileSync(join(dir, bundle), 'utf8');
          assert.ok(text.length > 0, bundle);
          assert.equal(text.includes(seam), false, `${bundle} ships the test seam ${seam}`);
          assert.equal(text.includes('WORKUNIT_TEST_SEAMS'), false, `${bundle}: WORKUNIT_TEST_SEAMS is defined by the build`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
