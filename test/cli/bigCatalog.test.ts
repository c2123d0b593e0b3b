/**
 * A catalog of 1,000 units (test/support/catalog.ts) gives the same outputs,
 * byte for byte, as the implementation that kept every analysis until the
 * catalog rules had run (issue 20): `workunit lint` in text, JSON and SARIF,
 * and `workunit catalog` in Markdown, HTML and JSON, from the built binary.
 *
 * The goldens in test/fixtures-catalog/ were made by that implementation
 * (the catalog hashes again by it at 61131f8, when format 1.1's element
 * states and `totals.allPresent` changed the catalog report):
 * the lint outputs gzipped (a failure shows the first line that differs), the
 * catalog reports as SHA-256 hashes. The version in SARIF reads `VERSION`.
 * `UPDATE_GOLDEN=1` rewrites them — only when a change to the outputs is
 * meant, and then say so in the commit.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { CLI, runCli } from '../support/cli';
import { writeCatalog } from '../support/catalog';
import { bigUnit, MB } from '../support/hostile';
import { Worker } from 'node:worker_threads';
import { VERSION } from '../../server/src/version';

const UNITS = 1000;
const GOLDEN = resolve('test/fixtures-catalog');
const HASHES = join(GOLDEN, 'catalog-1000.sha256.json');
const update = process.env.UPDATE_GOLDEN === '1';

const normalized = (out: string) => out.replaceAll(`"${VERSION}"`, '"VERSION"');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The first line where `actual` and `expected` differ, for a readable failure. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `line ${i + 1}:\n  actual:   ${JSON.stringify(a[i])}\n  expected: ${JSON.stringify(e[i])}`;
  }
  return 'no line differs';
}

describe(`a catalog of ${UNITS} units: the outputs as before the streaming lint`, () => {
  let dir: string;
  const hashes: Record<string, string> = existsSync(HASHES) && !update ? JSON.parse(readFileSync(HASHES, 'utf8')) : {};

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'workunit-big-catalog-'));
    writeCatalog(dir, UNITS);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    if (update) writeFileSync(HASHES, `${JSON.stringify(hashes, null, 2)}\n`);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`workunit lint --format ${format}`, () => {
      const r = runCli(['lint', '.', '--format', format], dir);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.err, '');
      const out = normalized(r.out);
      const golden = join(GOLDEN, `lint-1000.${format}.gz`);
      if (update) writeFileSync(golden, gzipSync(out, { level: 9 }));
      const expected = gunzipSync(readFileSync(golden)).toString('utf8');
      assert.ok(out === expected, firstDifference(out, expected));
    });
  }

  for (const format of ['md', 'html', 'json']) {
    it(`workunit catalog --format ${format}`, () => {
      const r = runCli(['catalog', '.', '--format', format], dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      const key = `catalog.${format}`;
      if (update) hashes[key] = sha256(normalized(r.out));
      assert.equal(sha256(normalized(r.out)), hashes[key]);
    });
  }
});

describe('a catalog of 400 units: the same run with any number of lint workers', () => {
  /** `workunit lint ARGS` in `cwd` with WORKUNIT_LINT_WORKERS=n: its standard output and error. */
  const lint = (n: number, cwd: string, args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, WORKUNIT_LINT_WORKERS: String(n) } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  /** Every file under `dir` and its text. */
  const tree = (dir: string) => Object.fromEntries((readdirSync(dir, { recursive: true }) as string[]).sort().map((f) => [f, existsSync(join(dir, f, '.')) ? '' : readFileSync(join(dir, f), 'utf8')]));

  it('gives the same output, and --fix the same files and the same report of what it fixed, in file order', () => {
    const base = mkdtempSync(join(tmpdir(), 'workunit-workers-'));
    try {
      writeCatalog(join(base, 'a'), 400);
      const sarif = [0, 1, 3].map((n) => lint(n, join(base, 'a'), ['.', '--format', 'sarif']));
      assert.ok(sarif[0].out.length > 100_000);
      assert.deepEqual(sarif[1], sarif[0]);
      assert.deepEqual(sarif[2], sarif[0]);
      cpSync(join(base, 'a'), join(base, 'b'), { recursive: true });
      const alone = lint(0, join(base, 'a'), ['.', '--fix']);
      const withWorkers = lint(2, join(base, 'b'), ['.', '--fix']);
      assert.match(alone.out, /^fixed stream-0000\/unit-00003\.workunit\.yaml:\n/);
      assert.deepEqual(withWorkers, alone);
      assert.deepEqual(tree(join(base, 'b')), tree(join(base, 'a')));
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('checks again in the workers too when the catalog rules name a large share of the files: the same output', () => {
    const base = mkdtempSync(join(tmpdir(), 'workunit-workers-'));
    try {
      // One oversized value stream: every file gets value-stream-size, and is checked again.
      writeCatalog(base, 400);
      for (const f of (readdirSync(base, { recursive: true }) as string[]).filter((f) => f.endsWith('.workunit.yaml'))) {
        const text = readFileSync(join(base, f), 'utf8');
        writeFileSync(join(base, f), text.replace(/^valueStream: stream-\d+$/m, 'valueStream: one-stream'));
      }
      const json = [0, 1, 3].map((n) => lint(n, base, ['.', '--format', 'json']));
      const findings = JSON.parse(json[0].out) as { rule: string }[];
      assert.ok(findings.filter((f) => f.rule === 'value-stream-size').length > 350, 'most files hold the oversized stream');
      assert.deepEqual(json[1], json[0]);
      assert.deepEqual(json[2], json[0]);
      const text = [0, 1].map((n) => lint(n, base, ['.']));
      assert.deepEqual(text[1], text[0]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('checks on the main thread the files a worker runs out of heap on: the same output', async () => {
    const base = mkdtempSync(join(tmpdir(), 'workunit-workers-'));
    try {
      writeCatalog(base, 320);
      // Among them, the largest unit the parser takes, which needs more heap than a worker of 24 MB has.
      const big = bigUnit(MB - 1, 'one-mb-unit');
      writeFileSync(join(base, 'stream-0003', 'big.workunit.yaml'), big);
      const oneThread = lint(0, base, ['.', '--format', 'json']);
      assert.match(oneThread.out, /"file": "stream-0003\/big\.workunit\.yaml"/);
      const env = { ...process.env, WORKUNIT_LINT_WORKERS: '1', WORKUNIT_LINT_WORKER_OLD_MB: '24' };
      const r = spawnSync(process.execPath, [CLI, 'lint', '.', '--format', 'json'], { cwd: base, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
      assert.deepEqual({ code: r.status, out: r.stdout, err: r.stderr }, oneThread);
      // And a worker of 24 MB does run out of heap on that unit (else the run above proves nothing).
      const settings = { report: { format: 'json', quiet: false, color: false }, overrides: {}, fix: false, catalog: true };
      const worker = new Worker(join(resolve('dist'), 'lintWorker.js'), { workerData: settings, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 24 } });
      worker.postMessage({ kind: 'check', jobs: [{ index: 0, path: join(base, 'stream-0003', 'big.workunit.yaml'), rules: {} }] });
      const outcome = await new Promise<string>((done) => {
        worker.on('message', () => done('answered'));
        worker.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
      });
      await worker.terminate();
      assert.equal(outcome, 'ERR_WORKER_OUT_OF_MEMORY');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

