/** `workunit render`, run as a user runs it: the built binary (`node scripts/build.mjs` first), its output and exit codes. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertUsageError, runCli } from '../support/cli';

const run = runCli;
const FILE = 'examples/onboarding-review.workunit.yaml';

describe('workunit render', () => {
  it('writes the SVG to stdout by default', () => {
    const r = run(['render', FILE]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.match(r.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(r.out, /<\/svg>\n$/);
    assert.match(r.out, /role="img"/);
    for (const step of ['intake', 'screen', 'decide', 'notify']) assert.match(r.out, new RegExp(`data-step="${step}"`));
    assert.match(r.out, /data-step="decide" data-mode="hybrid"/);
    assert.match(r.out, /data-lane="human" data-actor="analyst"/);
    assert.match(r.out, /data-lane="machine" data-actor="kyc-screener"/);
    assert.equal(r.out.match(/data-crossing="/g)?.length, 3);
    assert.match(r.out, /data-crossing="screen->decide"/);
    assert.match(r.out, /data-crossing="decide->notify"/);
    assert.match(r.out, /data-crossing="intake->decide" data-via="exception"/);
    assert.equal(r.out.match(/data-handoff="/g)?.length, 2);
    assert.doesNotMatch(r.out, /<script/i);
    assert.equal(run(['render', FILE, '--format', 'svg']).out, r.out);
    assert.equal(run(['render', FILE, '--format=svg']).out, r.out);
  });

  it('--width fits the drawing into that many pixels: top to bottom, the same data attributes', () => {
    const r = run(['render', FILE, '--width', '600']);
    assert.equal(r.code, 0, r.err);
    const width = Number(/<svg [^>]*width="([\d.]+)"/.exec(r.out)![1]);
    assert.ok(width <= 600, `${width} px wide`);
    assert.match(r.out, /data-orientation="vertical"/);
    assert.match(r.out, /data-step="decide" data-mode="hybrid"/);
    assert.equal(r.out.match(/data-crossing="/g)?.length, 3);
    assert.equal(r.out.match(/data-handoff="/g)?.length, 2);
    // Wide enough for the flow across: it stays across.
    assert.match(run(['render', FILE, '--width', '4000']).out, /data-orientation="horizontal"/);
  });

  it('--format html writes a standalone page with no script and a strict CSP', () => {
    const r = run(['render', FILE, '--format', 'html']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^<!DOCTYPE html>/);
    assert.match(r.out, /<title>Customer onboarding case review<\/title>/);
    assert.match(r.out, /Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;/);
    assert.match(r.out, /<svg [^>]*role="img"/);
    assert.doesNotMatch(r.out, /<script/i);
  });

  it('-o writes a file (and nothing to stdout); --theme dark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-render-'));
    const out = join(dir, 'd.svg');
    const r = run(['render', FILE, '-o', out, '--theme', 'dark']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    const svg = readFileSync(out, 'utf8');
    assert.match(svg, /data-step="screen"/);
    assert.match(svg, /var\(--vscode-editor-background, #1e1e1e\)/);
    const html = join(dir, 'd.html');
    assert.equal(run(['render', FILE, '--format', 'html', '--out', html]).code, 0);
    assert.match(readFileSync(html, 'utf8'), /^<!DOCTYPE html>/);
  });

  it('renders a unit with findings (exit 0: the findings are drawn, not judged), and a file with a BOM', () => {
    const r = run(['render', 'examples/invoice-matching.workunit.yaml']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /data-gap="match"/);
    const dir = mkdtempSync(join(tmpdir(), 'workunit-render-'));
    const file = join(dir, 'bom.workunit.yaml');
    writeFileSync(file, '\uFEFF' + readFileSync(FILE, 'utf8'));
    const bom = run(['render', file]);
    assert.equal(bom.code, 0, bom.err);
    assert.match(bom.out, /data-unit="onboarding-review"/);
  });

  it('exits 2 with one line on a usage error: missing file, unknown format, bad options', () => {
    for (const args of [
      ['render', 'no/such.workunit.yaml'],
      ['render', FILE, '--format', 'png'],
      ['render', FILE, '--format'],
      ['render'],
      ['render', FILE, FILE],
      ['render', FILE, '--bogus'],
      ['render', FILE, '--theme', 'blue'],
      ['render', FILE, '--width', 'wide'],
      ['render', FILE, '--width', '100'],
      ['render', FILE, '--width'],
      ['render', 'examples'],
      ['render', FILE, '-o', join(tmpdir(), 'no-such-dir-workunit', 'x.svg')],
    ]) {
      assertUsageError(run(args), args.join(' '));
    }
  });

  it('exits 1 with one line naming the first yaml-syntax finding when the file is not valid YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-render-'));
    const file = join(dir, 'broken.workunit.yaml');
    writeFileSync(file, 'workunit: 1\nid: broken\nsteps:\n  - id: a\n    name: [unclosed\n');
    const r = run(['render', file]);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 1, r.err);
    assert.match(lines[0]!, /^workunit: .*broken\.workunit\.yaml:\d+:\d+: cannot render: .+ \(yaml-syntax\)$/);
  });

  it('is in the help', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /render FILE/);
    assert.match(r.out, /--format FORMAT {4}svg \(default\) or html/);
  });
});
