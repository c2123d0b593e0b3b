/** `workunit import` and `workunit export`, run as a user runs them: the built binary, its files, its lines and its exit codes. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertUsageError, runCli } from '../support/cli';
import { readAndLint } from '../support/bpmn';

const OMG = 'test/fixtures-bpmn/omg';

describe('workunit import', () => {
  it('writes each pool\'s unit beside the BPMN file by default, and prints its four-element test', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wu-import-'));
    writeFileSync(join(dir, 'invoice.bpmn'), readFileSync(join(OMG, 'C.1.0.bpmn')));
    const r = runCli(['import', join(dir, 'invoice.bpmn')]);
    assert.equal(r.code, 0, r.err);
    for (const id of ['team-assistant', 'process-engine-invoice-receipt']) {
      assert.ok(existsSync(join(dir, `${id}.workunit.yaml`)), id);
      assert.match(r.out, new RegExp(`${id}\\.workunit\\.yaml: \\d+ steps? from \\d+ activit(y|ies), \\d+ actors? \\(\\d+ from lanes?\\), \\d+ exception rules?\\n  four-element test: 4 of 4 [^\\n]*; placeholders to fill: outcome 2, execution structure \\d+, learning loop 6\\n`));
    }
    // A second run does not overwrite what a person may have filled in.
    assertUsageError(runCli(['import', join(dir, 'invoice.bpmn')]), 'exists');
    assert.equal(runCli(['import', join(dir, 'invoice.bpmn'), '--force']).code, 0);
  });

  it('-o writes the one unit of a file to that path; - to stdout, the report then on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wu-import-'));
    const out = join(dir, 'repair.workunit.yaml');
    const r = runCli(['import', join(OMG, 'C.3.0.bpmn'), '-o', out]);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(out, 'utf8'), /^# Imported from C\.3\.0\.bpmn: /);
    const s = runCli(['import', join(OMG, 'C.3.0.bpmn'), '-o', '-']);
    assert.equal(s.code, 0);
    assert.equal(s.out, readFileSync(out, 'utf8'));
    assert.match(s.err, /^fridge-repair-process: 5 steps from 5 activities/);
  });

  it('--out-dir writes every unit there; -o with several units is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wu-import-'));
    assert.equal(runCli(['import', join(OMG, 'C.2.0.bpmn'), '--out-dir', dir]).code, 0);
    for (const id of ['carrier', 'credit-card-company', 'customer', 'amazon']) assert.ok(existsSync(join(dir, `${id}.workunit.yaml`)), id);
    assertUsageError(runCli(['import', join(OMG, 'C.2.0.bpmn'), '-o', join(dir, 'x.workunit.yaml')]), 'several units');
  });

  it('refuses what is not BPMN, has no process or no activity, with one line and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wu-import-'));
    const files: [string, string, RegExp][] = [
      ['unit.bpmn', readFileSync('examples/onboarding-review.workunit.yaml', 'utf8'), /not BPMN 2\.0 XML/],
      ['empty.bpmn', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"/>', /no process/],
      ['events.bpmn', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><process id="p"><startEvent id="s"/></process></definitions>', /no activity/],
    ];
    for (const [name, text, message] of files) {
      writeFileSync(join(dir, name), text);
      const r = runCli(['import', join(dir, name)]);
      assertUsageError(r, name);
      assert.match(r.err, message);
    }
    assertUsageError(runCli(['import']), 'no file');
    assertUsageError(runCli(['import', join(dir, 'missing.bpmn')]), 'missing');
  });
});

describe('workunit export', () => {
  it('--format bpmn writes BPMN that reads back without a warning and passes bpmnlint', async () => {
    const r = runCli(['export', 'examples/incident-triage.workunit.yaml', '--format', 'bpmn']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<bpmn:definitions /);
    const { warnings, errors } = await readAndLint(r.out);
    assert.deepEqual([warnings, errors], [[], []]);
    const dir = mkdtempSync(join(tmpdir(), 'wu-export-'));
    const out = join(dir, 'triage.bpmn');
    const o = runCli(['export', 'examples/incident-triage.workunit.yaml', '--format=bpmn', '-o', out]);
    assert.deepEqual([o.code, o.out], [0, '']);
    assert.equal(readFileSync(out, 'utf8'), r.out);
  });

  it('usage errors and a file that is not YAML', () => {
    assertUsageError(runCli(['export', 'examples/incident-triage.workunit.yaml']), 'no format');
    assertUsageError(runCli(['export', 'examples/incident-triage.workunit.yaml', '--format', 'svg']), 'wrong format');
    const dir = mkdtempSync(join(tmpdir(), 'wu-export-'));
    writeFileSync(join(dir, 'bad.workunit.yaml'), 'steps: [\n');
    const r = runCli(['export', join(dir, 'bad.workunit.yaml'), '--format', 'bpmn']);
    assert.equal(r.code, 1);
    assert.match(r.err, /cannot export: .*\(yaml-syntax\)\n$/);
  });
});
