/**
 * `workunit catalog`, run as a user runs it: the built binary (`node
 * scripts/build.mjs` first) over the example catalog, in Markdown, HTML and
 * JSON; and the pure core (`buildCatalogReport`) it stands on.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { assertUsageError, runCli } from '../support/cli';
import { analyzeText } from '../../server/src/core/analyze';
import { buildCatalogReport, NO_VALUE_STREAM, type CatalogReport, type CatalogUnit } from '../../server/src/core/catalog/report';

const run = runCli;
const example = (name: string) => readFileSync(`examples/${name}.workunit.yaml`, 'utf8');

function unitOf(report: CatalogReport, id: string): CatalogUnit {
  const u = report.valueStreams.flatMap((vs) => vs.units).find((x) => x.id === id);
  assert.ok(u, `no unit ${id}`);
  return u;
}

/** The text of one unit's section in the Markdown: from its heading to the next one of the same or a higher level. */
function mdSection(md: string, id: string): string {
  const start = md.indexOf(`### \`${id}\``);
  assert.ok(start >= 0, `no section for ${id}`);
  const end = md.slice(start + 4).search(/\n#{1,3} /);
  return end < 0 ? md.slice(start) : md.slice(start, start + 4 + end);
}

/** A catalog in a temporary folder: the examples, one unit with a hostile name and no value stream, an ignored draft. */
function hostileCatalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workunit-catalog-'));
  mkdirSync(join(dir, 'drafts'));
  for (const name of ['onboarding-review', 'invoice-matching']) writeFileSync(join(dir, `${name}.workunit.yaml`), example(name));
  const hostile = example('incident-triage')
    .replace(/^id: .*$/m, 'id: hostile')
    .replace(/^name: .*$/m, 'name: "<b>Bold</b> | <script>alert(1)</script> & *stars* `tick`"')
    .replace(/^valueStream: .*\n/m, '');
  writeFileSync(join(dir, 'hostile.workunit.yaml'), hostile);
  writeFileSync(join(dir, 'drafts', 'draft.workunit.yaml'), example('invoice-matching').replace('id: invoice-matching', 'id: draft'));
  writeFileSync(join(dir, 'workunit.config.yaml'), 'ignore: [drafts/**]\n');
  return dir;
}

describe('workunit catalog --format json', () => {
  const r = run(['catalog', 'examples', '--format', 'json']);
  const report = JSON.parse(r.out) as CatalogReport;

  it('exits 0 although the catalog has error-level findings', () => {
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
  });

  it('groups the units by value stream', () => {
    assert.deepEqual(
      report.valueStreams.map((vs) => [vs.name, vs.units.map((u) => u.id)]),
      [
        ['customer-onboarding', ['onboarding-review']],
        ['incident-to-resolution', ['incident-triage']],
        ['procure-to-pay', ['invoice-matching']],
      ],
    );
    const u = unitOf(report, 'onboarding-review');
    assert.equal(u.file, 'examples/onboarding-review.workunit.yaml');
    assert.equal(u.name, 'Customer onboarding case review');
    assert.equal(report.totals.files, 3);
    assert.equal(report.totals.valueStreams, 3);
    assert.equal(report.totals.complete, 2);
    assert.equal(report.totals.allPresent, 3);
  });

  it('shows the four elements and their status (invoice-matching has all four, none complete)', () => {
    assert.deepEqual(unitOf(report, 'invoice-matching').elements, {
      outcome: true,
      executionLogic: true,
      executionStructure: true,
      learningLoop: true,
      count: 4,
      complete: 0,
      missing: [],
      states: { outcome: 'incomplete', executionLogic: 'incomplete', executionStructure: 'incomplete', learningLoop: 'incomplete' },
      label: '4 of 4 present, 0 complete — outcome: 2 findings; execution logic: 1 finding; execution structure: 3 findings; learning loop: 2 findings',
    });
    assert.equal(unitOf(report, 'onboarding-review').elements.label, '4 of 4 elements complete');
    assert.equal(unitOf(report, 'onboarding-review').elements.count, 4);
  });

  it('counts the steps by mode', () => {
    assert.deepEqual(unitOf(report, 'onboarding-review').steps, { total: 4, human: 0, machine: 3, hybrid: 1, unassigned: 0, unknown: 0 });
    assert.deepEqual(unitOf(report, 'invoice-matching').steps, { total: 4, human: 0, machine: 3, hybrid: 0, unassigned: 1, unknown: 0 });
    assert.deepEqual(unitOf(report, 'incident-triage').steps, { total: 5, human: 1, machine: 3, hybrid: 1, unassigned: 0, unknown: 0 });
  });

  it('lists the boundary crossings and hand-offs (the spec\'s example: 3 and 2)', () => {
    assert.deepEqual(unitOf(report, 'onboarding-review').boundary, {
      crossings: [
        { from: 'screen', to: 'decide', via: 'flow' },
        { from: 'decide', to: 'notify', via: 'flow' },
        { from: 'intake', to: 'decide', via: 'exception', exception: 'documents-incomplete' },
      ],
      handoffs: [
        { exception: 'documents-incomplete', at: 'intake', owner: 'onboarding-lead' },
        { exception: 'screening-hit', at: 'screen', owner: 'analyst' },
      ],
    });
    assert.deepEqual(unitOf(report, 'invoice-matching').boundary, { crossings: [], handoffs: [] });
  });

  it('gives the metrics as baseline → target unit', () => {
    assert.deepEqual(unitOf(report, 'onboarding-review').metrics[0], { id: 'cycle-time', kind: 'cycle-time', unit: 'hours', baseline: 40, target: 24, beforeAfter: '40 → 24 hours' });
    assert.deepEqual(
      unitOf(report, 'incident-triage').metrics.map((m) => m.beforeAfter),
      ['42 → 15 minutes', '12 → 4 percent'],
    );
    assert.deepEqual(unitOf(report, 'invoice-matching').metrics, []);
  });

  it('counts findings per unit by severity and across the catalog by rule', () => {
    assert.deepEqual(unitOf(report, 'invoice-matching').findings, { error: 3, warning: 5, info: 1, hint: 1, total: 10 });
    assert.deepEqual(unitOf(report, 'onboarding-review').findings, { error: 0, warning: 0, info: 0, hint: 0, total: 0 });
    assert.deepEqual(
      report.findingsByRule.map((f) => f.rule),
      [
        // errors, then warnings, info, hints; by id within a level (one finding each)
        'decision-without-human', 'unknown-metric', 'unknown-step',
        'learning-without-metrics', 'machine-step-without-accountable', 'outcome-is-activity', 'review-without-owner', 'step-without-owner',
        'no-exception-rules',
        'unused-actor',
      ],
    );
    const step = report.findingsByRule.find((f) => f.rule === 'unknown-step')!;
    assert.equal(step.count, 1);
    assert.deepEqual(step.bySeverity, { error: 1, warning: 0, info: 0, hint: 0 });
    assert.deepEqual(step.files, [{ file: 'examples/invoice-matching.workunit.yaml', count: 1 }]);
    assert.match(step.summary, /names a step that does not exist/);
  });
});

describe('workunit catalog (Markdown, the default)', () => {
  const r = run(['catalog', 'examples']);
  const md = r.out;

  it('writes Markdown to standard output and exits 0', () => {
    assert.equal(r.code, 0, r.err);
    assert.match(md, /^# Work unit catalog\n/);
    assert.equal(run(['catalog', 'examples', '--format', 'md']).out, md);
    assert.equal(run(['catalog', 'examples', '--format=markdown']).out, md);
  });

  it('has a section per value stream, and the overview table with ✓/◐/✗ per element (complete, incomplete, missing)', () => {
    for (const vs of ['customer-onboarding', 'incident-to-resolution', 'procure-to-pay']) assert.match(md, new RegExp(`^## Value stream \`${vs}\` \\(1 unit\\)$`, 'm'));
    assert.match(md, /^\| `procure-to-pay` \| `invoice-matching` \| Supplier invoice matching \| ◐ \| ◐ \| ◐ \| ◐ \| 4 \| 0 \| 0 \| 3 errors, 5 warnings, 1 info, 1 hint \|$/m);
    assert.match(md, /^\| `customer-onboarding` \| `onboarding-review` \| Customer onboarding case review \| ✓ \| ✓ \| ✓ \| ✓ \| 4 \| 3 \| 2 \| none \|$/m);
  });

  it('gives each unit its elements, steps by mode, boundary, metrics and findings', () => {
    const review = mdSection(md, 'onboarding-review');
    assert.match(review, /- File: `examples\/onboarding-review\.workunit\.yaml`/);
    assert.match(review, /\| outcome \| execution logic \| execution structure \| learning loop \|\n\| :-: \| :-: \| :-: \| :-: \|\n\| ✓ \| ✓ \| ✓ \| ✓ \|/);
    assert.match(review, /\| steps \| human \| machine \| hybrid \| unassigned \|\n\| --: \| --: \| --: \| --: \| --: \|\n\| 4 \| 0 \| 3 \| 1 \| 0 \|/);
    assert.match(review, /\*\*Boundary\*\*: 3 crossings, 2 hand-offs/);
    assert.match(review, /^\| crossing \| `screen` → `decide` \| flow \|$/m);
    assert.match(review, /^\| crossing \| `intake` → `decide` \| exception `documents-incomplete` \|$/m);
    assert.match(review, /^\| hand-off \| `intake` → `onboarding-lead` \| exception `documents-incomplete` \|$/m);
    assert.match(review, /^\| hand-off \| `screen` → `analyst` \| exception `screening-hit` \|$/m);
    assert.match(review, /^\| `cycle-time` \| cycle-time \| 40 → 24 hours \|$/m);
    assert.match(review, /\*\*Findings\*\*: none/);

    const invoice = mdSection(md, 'invoice-matching');
    assert.match(invoice, /\| ◐ \| ◐ \| ◐ \| ◐ \|/);
    assert.match(invoice, /- Elements: 4 of 4 present, 0 complete — outcome: 2 findings; execution logic: 1 finding; execution structure: 3 findings; learning loop: 2 findings/);
    assert.match(invoice, /\| 4 \| 0 \| 3 \| 0 \| 1 \|/);
    assert.match(invoice, /\*\*Boundary\*\*: 0 crossings, 0 hand-offs/);
    assert.match(invoice, /\*\*Metrics\*\* \(before → after\): none/);
    assert.match(invoice, /\*\*Findings\*\*: 3 errors, 5 warnings, 1 info, 1 hint/);
  });

  it('ends with the findings by rule', () => {
    const byRule = md.slice(md.indexOf('## Findings by rule'));
    assert.ok(byRule.length > 20);
    assert.match(byRule, /^\| `unknown-step` \| error \| 1 \| `examples\/invoice-matching\.workunit\.yaml` \| .+ \|$/m);
    assert.match(byRule, /^\| `unused-actor` \| hint \| 1 \| /m);
    assert.equal(byRule.split('\n').filter((l) => /^\| `[a-z-]+` \|/.test(l)).length, 10);
  });

  it('escapes what a unit file says, and lists a unit without value stream under (no value stream)', () => {
    const dir = hostileCatalog();
    const out = run(['catalog'], dir);
    assert.equal(out.code, 0, out.err);
    assert.match(out.out, new RegExp(`^## ${NO_VALUE_STREAM.replace(/[()]/g, '\\$&')} \\(1 unit\\)$`, 'm'));
    // A backslash-escaped `\<` is a literal `<` in Markdown: no tag survives unescaped.
    assert.doesNotMatch(out.out, /(?<!\\)<\/?(b|script)\b/);
    assert.match(out.out, /\\<b\\>Bold\\<\/b\\> \\\| \\<script\\>/);
    // Every table row keeps its column count: the `|` in the name cannot split a cell.
    const row = out.out.split('\n').find((l) => l.includes('`hostile`') && l.startsWith('| (no value stream)'))!;
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 11);
    assert.doesNotMatch(out.out, /draft/, 'the ignore globs of workunit.config.yaml apply');
  });
});

describe('workunit catalog --format html', () => {
  it('is a standalone page with the same tables, no script, and a strict CSP', () => {
    const r = run(['catalog', 'examples', '--format', 'html']);
    assert.equal(r.code, 0, r.err);
    const html = r.out;
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no event handler attributes');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'nothing loaded from elsewhere');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
    for (const vs of ['customer-onboarding', 'incident-to-resolution', 'procure-to-pay']) assert.match(html, new RegExp(`<h2>Value stream <code>${vs}</code>`));
    assert.match(html, /<td class="mark incomplete" title="incomplete">◐<\/td>/);
    assert.match(html, /<h4>Boundary: 3 crossings, 2 hand-offs<\/h4>/);
    assert.match(html, /<td>40 → 24 hours<\/td>/);
    assert.match(html, /<h2>Findings by rule<\/h2>/);
    assert.match(html, /<td><code>unknown-step<\/code><\/td><td>error<\/td><td class="num">1<\/td>/);
  });

  it('escapes a unit name containing <b> (and everything else from the file)', () => {
    const dir = hostileCatalog();
    const r = run(['catalog', '--format', 'html'], dir);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /<b>|<script/i);
    assert.match(r.out, /&lt;b&gt;Bold&lt;\/b&gt; \| &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; \*stars\* `tick`/);
  });
});

describe('workunit catalog: files and exit codes', () => {
  it('-o writes the report to a file and nothing to standard output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-catalog-out-'));
    const out = join(dir, 'catalog.html');
    const r = run(['catalog', 'examples', '--format', 'html', '-o', out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.equal(readFileSync(out, 'utf8'), run(['catalog', 'examples', '--format', 'html']).out);
    const json = join(dir, 'catalog.json');
    assert.equal(run(['catalog', 'examples', '--format=json', '--out', json]).code, 0);
    assert.equal((JSON.parse(readFileSync(json, 'utf8')) as CatalogReport).version, 1);
  });

  it('defaults to the current folder', () => {
    const r = run(['catalog', '--format', 'json'], resolve('examples'));
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as CatalogReport;
    assert.deepEqual(report.valueStreams.flatMap((vs) => vs.units.map((u) => u.file)).sort(), ['incident-triage.workunit.yaml', 'invoice-matching.workunit.yaml', 'onboarding-review.workunit.yaml']);
  });

  it('runs the catalog rules, and reports a file that is not YAML without failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-catalog-rules-'));
    writeFileSync(join(dir, 'a.workunit.yaml'), example('onboarding-review'));
    writeFileSync(join(dir, 'b.workunit.yaml'), example('onboarding-review'));
    writeFileSync(join(dir, 'broken.workunit.yaml'), 'not: [valid\n');
    const r = run(['catalog', '.', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as CatalogReport;
    assert.deepEqual(report.findingsByRule.map((f) => [f.rule, f.count, f.files.map((x) => x.file)]), [
      ['duplicate-unit-id', 2, ['a.workunit.yaml', 'b.workunit.yaml']],
      ['yaml-syntax', 1, ['broken.workunit.yaml']],
    ]);
    const broken = report.valueStreams.flatMap((vs) => vs.units).find((u) => u.file === 'broken.workunit.yaml')!;
    assert.equal(broken.parsed, false);
    assert.equal(report.valueStreams.at(-1)!.name, NO_VALUE_STREAM);
    assert.equal(report.totals.files, 3);
    assert.equal(report.totals.units, 2);
    assert.match(run(['catalog', '.'], dir).out, /\*\*Not valid YAML\*\*/);
  });

  it('an empty folder is an empty report, not an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-catalog-empty-'));
    const r = run(['catalog', dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /No work unit files/);
  });

  it('exits 2 with a one-line message on a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-catalog-bad-'));
    for (const args of [
      ['catalog', 'no/such/folder'],
      ['catalog', 'examples/onboarding-review.workunit.yaml'],
      ['catalog', 'examples', '--format', 'pdf'],
      ['catalog', 'examples', '--bogus'],
      ['catalog', 'examples', 'test'],
      ['catalog', 'examples', '-o'],
      ['catalog', 'examples', '-o', join(dir, 'missing', 'dir', 'out.md')],
    ]) {
      assertUsageError(run(args), args.join(' '));
    }
    assert.equal(existsSync(join(dir, 'missing')), false);
  });

  it('--help documents the command, its options and formats', () => {
    const help = run(['--help']).out;
    assert.match(help, /^ {2}catalog \[DIR\]/m);
    assert.match(help, /Options for catalog:\n {2}--format FORMAT +md \(default\).*html.*json/s);
    assert.match(help, /-o, --out FILE/);
    assert.match(help, /sarif: SARIF 2\.1\.0/);
    assert.match(help, /--color /);
    assert.match(help, /--no-color /);
  });
});

describe('buildCatalogReport (the pure core)', () => {
  it('works on analyses alone, with no file system', () => {
    const entries = ['onboarding-review', 'invoice-matching'].map((n) => ({ file: `${n}.yaml`, analysis: analyzeText(example(n)) }));
    entries.push({ file: 'bare.yaml', analysis: analyzeText('workunit: 1\nid: bare\nname: Bare\nsteps:\n  - id: a\n    performer: ghost\n') });
    const report = buildCatalogReport(entries);
    assert.deepEqual(report.valueStreams.map((vs) => [vs.name, vs.none]), [
      ['customer-onboarding', false],
      ['procure-to-pay', false],
      [NO_VALUE_STREAM, true],
    ]);
    const bare = unitOf(report, 'bare');
    assert.deepEqual(bare.steps, { total: 1, human: 0, machine: 0, hybrid: 0, unassigned: 0, unknown: 1 });
    assert.equal(bare.elements.count, 1);
    assert.deepEqual(bare.elements.missing, ['outcome', 'execution structure', 'learning loop']);
    // Serialises as the JSON the CLI writes.
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  });

  it('writes `?` for a missing baseline or target', () => {
    const text = example('onboarding-review').replace('      baseline: 40\n', '').replace('      target: 8\n', '');
    const report = buildCatalogReport([{ file: 'x.yaml', analysis: analyzeText(text) }]);
    assert.deepEqual(unitOf(report, 'onboarding-review').metrics.map((m) => m.beforeAfter), ['? → 24 hours', '18 → ? percent', '71 → 90 percent']);
  });
});
