/** `workunit lint`, run as a user runs it: the built binary, its output and exit codes. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertUsageError, CLI, runCli } from '../support/cli';
import { withoutLearning } from '../support/examples';

const run = runCli;
const example = (name: string) => readFileSync(`examples/${name}.workunit.yaml`, 'utf8');

describe('workunit lint', () => {
  it('prints findings grouped by file — the path, then `line:col  severity  message  rule-id` — and exits 1 on an error-level finding', () => {
    const r = run(['lint', 'examples/invoice-matching.workunit.yaml']);
    assert.equal(r.code, 1);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, 14);
    assert.equal(lines[0], 'examples/invoice-matching.workunit.yaml');
    // The file's element status, in the spec's words, under its path.
    assert.equal(lines[1], '  4 of 4 present, 0 complete — outcome: 2 findings; execution logic: 1 finding; execution structure: 3 findings; learning loop: 2 findings');
    assert.match(lines[2], /^ {2}9:14 +warning {2}"Match supplier invoices" reads as an activity.+ {2}outcome-is-activity$/);
    assert.match(lines[9], /^ {2}32:11 {2}error {4}.*pay-run.* {2}unknown-step$/);
    assert.match(lines[11], /^ {2}34:1 +warning {2}The learning loop has no review: .+ {2}review-without-owner$/);
    // Columns line up within a file: the severity starts at the same place on every line.
    assert.equal(new Set(lines.slice(2, 12).map((l) => l.search(/(error|warning|info|hint) /))).size, 1);
    assert.equal(lines[12], '');
    assert.equal(lines[13], '1 file checked: 3 errors, 5 warnings, 1 info, 1 hint');
    assert.doesNotMatch(r.out, /\x1b\[/, 'no colour when piped');
  });

  it('groups several files, each under its own path with its status line, findings or not', () => {
    const r = run(['lint', 'examples']);
    assert.equal(r.code, 1);
    const headers = r.out.split('\n').filter((l) => l !== '' && !l.startsWith(' ') && !/ checked: /.test(l));
    assert.deepEqual(headers, ['examples/incident-triage.workunit.yaml', 'examples/invoice-matching.workunit.yaml', 'examples/onboarding-review.workunit.yaml']);
    assert.match(r.out, /^examples\/onboarding-review\.workunit\.yaml\n {2}4 of 4 elements complete\n\n/m);
    assert.match(r.out, /\n\n3 files checked: 3 errors, 5 warnings, 1 info, 1 hint\n$/);
  });

  it('colours only on request or on a terminal: --color, --no-color, NO_COLOR', () => {
    const file = 'examples/invoice-matching.workunit.yaml';
    const colored = run(['lint', file, '--color']).out;
    assert.match(colored, /\x1b\[31merror\x1b\[0m/);
    assert.match(colored, /^\x1b\[1m\x1b\[4mexamples\/invoice-matching\.workunit\.yaml\x1b\[0m$/m);
    assert.equal(colored.replace(/\x1b\[[0-9;]*m/g, ''), run(['lint', file]).out, 'the same text, painted');
    assert.doesNotMatch(run(['lint', file, '--color', '--no-color']).out, /\x1b\[/);
    const env = { ...process.env, NO_COLOR: '1' };
    const noColor = spawnSync(process.execPath, [CLI, 'lint', file], { encoding: 'utf8', env });
    assert.doesNotMatch(noColor.stdout, /\x1b\[/);
    // An explicit --color wins over NO_COLOR (no-color.org), and JSON is never coloured.
    assert.match(spawnSync(process.execPath, [CLI, 'lint', file, '--color'], { encoding: 'utf8', env }).stdout, /\x1b\[/);
    assert.doesNotMatch(run(['lint', file, '--color', '--format', 'json']).out, /\x1b\[/);
  });

  it('exits 0 on a complete unit', () => {
    const r = run(['lint', 'examples/onboarding-review.workunit.yaml']);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'examples/onboarding-review.workunit.yaml\n  4 of 4 elements complete\n\n1 file checked: 0 errors, 0 warnings\n');
  });

  it('the summary counts every severity: errors and warnings always, info and hints when there are some, each in the singular or plural', () => {
    const file = 'examples/invoice-matching.workunit.yaml';
    const summary = (...rules: string[]) => run(['lint', file, ...rules.flatMap((r) => ['--rule', r])]).out.trimEnd().split('\n').pop();
    // invoice-matching: errors unknown-metric, decision-without-human, unknown-step; warnings outcome-is-activity,
    // machine-step-without-accountable, step-without-owner, learning-without-metrics, review-without-owner;
    // info no-exception-rules; hint unused-actor.
    assert.equal(summary('unknown-metric=off', 'decision-without-human=off', 'outcome-is-activity=off', 'machine-step-without-accountable=off', 'step-without-owner=off', 'review-without-owner=off'), '1 file checked: 1 error, 1 warning, 1 info, 1 hint');
    assert.equal(summary('unknown-metric=info', 'decision-without-human=hint'), '1 file checked: 1 error, 5 warnings, 2 info, 2 hints');
    assert.equal(summary('unknown-metric=off', 'decision-without-human=off', 'unknown-step=off', 'no-exception-rules=off', 'unused-actor=off'), '1 file checked: 0 errors, 5 warnings');
    assert.equal(summary('unknown-metric=off', 'decision-without-human=off', 'unknown-step=off', 'learning-without-metrics=off', 'review-without-owner=off', 'outcome-is-activity=off', 'machine-step-without-accountable=off', 'step-without-owner=off', 'no-exception-rules=off'), '1 file checked: 0 errors, 0 warnings, 1 hint');
  });

  it('exits 2 with a one-line message on a missing path or an unknown flag', () => {
    for (const args of [['lint', 'no/such.workunit.yaml'], ['lint', '--bogus', 'examples'], ['lint'], ['frobnicate'], ['lint', 'examples', '--rule', 'nope=off'], ['lint', 'examples', '--format', 'xml'], ['lint', 'examples', '--max-warnings', 'many'], ['lint', 'examples', '--quiet=yes']]) {
      assertUsageError(run(args), args.join(' '));
    }
  });

  it('--rule sets levels; --quiet shows errors only; --max-warnings', () => {
    const file = 'examples/invoice-matching.workunit.yaml';
    const off = ['unknown-metric', 'decision-without-human', 'unknown-step'].flatMap((id) => ['--rule', `${id}=off`]);
    assert.equal(run(['lint', file, ...off]).code, 0);
    const over = run(['lint', file, ...off, '--max-warnings', '4']);
    assert.equal(over.code, 1);
    assert.equal(over.err, 'workunit: 5 warnings found, more than --max-warnings 4.\n');
    assert.equal(run(['lint', file, ...off, '--max-warnings', '5']).code, 0);
    const quiet = run(['lint', file, '--quiet']);
    assert.equal(quiet.out.trim().split('\n').filter((l) => / {2}(warning|info|hint) {2}/.test(l)).length, 0);
    // The file's header, its status, its three errors, a blank line and the summary (which still counts the warnings).
    assert.equal(quiet.out.trim().split('\n').length, 7);
    assert.equal(quiet.out.trim().split('\n').filter((l) => /^ {2}\d+:\d+ +error {2}/.test(l)).length, 3);
    assert.match(quiet.out, /\n1 file checked: 3 errors, 5 warnings, 1 info, 1 hint\n$/);
  });

  it('--format json gives every finding with file, rule, severity, message and 1-based range', () => {
    const r = run(['lint', 'examples', '--format', 'json']);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.out) as { file: string; rule: string; severity: string; message: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }[];
    assert.equal(findings.length, 10);
    assert.deepEqual(findings.find((f) => f.rule === 'unknown-step'), {
      file: 'examples/invoice-matching.workunit.yaml',
      rule: 'unknown-step',
      severity: 'error',
      message: findings.find((f) => f.rule === 'unknown-step')!.message,
      range: { start: { line: 32, column: 11 }, end: { line: 32, column: 18 } },
      status: '4 of 4 present, 0 complete — outcome: 2 findings; execution logic: 1 finding; execution structure: 3 findings; learning loop: 2 findings',
    });
  });

  it('reads workunit.config.yaml (rules and ignore) and runs catalog rules on a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-cli-'));
    mkdirSync(join(dir, 'drafts'));
    mkdirSync(join(dir, 'stream'));
    writeFileSync(join(dir, 'workunit.config.yaml'), 'rules:\n  unused-actor: off\n  outcome-is-activity: error\nignore: [drafts/**]\n');
    writeFileSync(join(dir, 'stream', 'a.workunit.yaml'), example('onboarding-review'));
    writeFileSync(join(dir, 'stream', 'b.workunit.yml'), '\uFEFF' + example('onboarding-review').replace(/\n/g, '\r\n'));
    writeFileSync(join(dir, 'drafts', 'c.workunit.yaml'), 'not: [valid');
    writeFileSync(join(dir, 'inv.workunit.yaml'), example('invoice-matching'));
    const r = run(['lint', '.', '--format', 'json'], dir);
    const findings = JSON.parse(r.out) as { file: string; rule: string; severity: string; range: { start: { line: number; column: number } } }[];
    assert.deepEqual(
      findings.filter((f) => f.rule === 'duplicate-unit-id').map((f) => [f.file, f.range.start.line, f.range.start.column]),
      [
        ['stream/a.workunit.yaml', 2, 5],
        ['stream/b.workunit.yml', 2, 5],
      ],
    );
    assert.equal(findings.some((f) => f.file.startsWith('drafts')), false, 'ignored by the config');
    assert.equal(findings.some((f) => f.rule === 'unused-actor'), false, 'turned off by the config');
    assert.equal(findings.find((f) => f.rule === 'outcome-is-activity')?.severity, 'error');
    // A single file is checked alone: no catalog rules.
    assert.equal(run(['lint', 'stream/a.workunit.yaml'], dir).code, 0);
  });

  it('lists the rules', () => {
    const r = run(['rules']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^unused-actor +hint +An actor is declared/m);
    assert.equal(r.out.trim().split('\n').length, 36);
  });
});

describe('workunit lint | head', () => {
  it('stops quietly when the reader closes the pipe early, with the exit code of what it found', async () => {
    // Enough output that the pipe fills: 300 copies of a unit with findings.
    const dir = mkdtempSync(join(tmpdir(), 'workunit-pipe-'));
    for (let i = 0; i < 300; i++) writeFileSync(join(dir, `u${i}.workunit.yaml`), example('invoice-matching'));
    const child = spawn(process.execPath, [CLI, 'lint', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(stderr, '', 'no EPIPE stack trace');
    assert.equal(code, 1);
  });
});

describe('workunit lint --fix', () => {
  it('takes the nearest config no higher than the current folder, or than the file\'s own folder for a file outside it (format 1.1)', () => {
    // root/workunit.config.yaml makes unused-actor an error; the unit lies in root/team/.
    const root = mkdtempSync(join(tmpdir(), 'workunit-config-reach-'));
    mkdirSync(join(root, 'team'));
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'workunit.config.yaml'), 'rules:\n  unused-actor: error\n');
    writeFileSync(join(root, 'team', 'inv.workunit.yaml'), example('invoice-matching'));
    const level = (cwd: string, file: string) => (JSON.parse(run(['lint', file, '--format', 'json'], cwd).out) as { rule: string; severity: string }[]).find((f) => f.rule === 'unused-actor')?.severity;
    assert.equal(level(root, 'team/inv.workunit.yaml'), 'error', 'the config in the current folder governs the file below it');
    assert.equal(level(join(root, 'team'), 'inv.workunit.yaml'), 'hint', 'a config above the current folder does not');
    assert.equal(level(join(root, 'elsewhere'), '../team/inv.workunit.yaml'), 'hint', 'nor, for a file outside it, one above the file\'s folder');
    writeFileSync(join(root, 'team', 'workunit.config.yaml'), 'rules:\n  unused-actor: warning\n');
    assert.equal(level(join(root, 'elsewhere'), '../team/inv.workunit.yaml'), 'warning', 'the one in the file\'s own folder does');
  });

  it('applies the safe fixes in place on a copy of the fixtures, and reports what is left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workunit-fix-'));
    const typo = withoutLearning(example('invoice-matching')).replace('performer: erp', 'perfomer: erp');
    writeFileSync(join(dir, 'inv.workunit.yaml'), typo);
    writeFileSync(join(dir, 'ok.workunit.yaml'), example('onboarding-review'));
    const before = run(['lint', '.', '--format', 'json'], dir);
    const r = run(['lint', '.', '--fix', '--format', 'json'], dir);
    const fixed = readFileSync(join(dir, 'inv.workunit.yaml'), 'utf8');
    assert.doesNotMatch(fixed, /perfomer/);
    assert.match(fixed, /\nlearning:\n {2}metrics:\n/);
    assert.equal(readFileSync(join(dir, 'ok.workunit.yaml'), 'utf8'), example('onboarding-review'), 'a clean file is untouched');
    // Every line the author wrote is still there, in order.
    const kept = fixed.split('\n');
    let k = 0;
    for (const line of typo.replace('perfomer', 'performer').split('\n')) {
      while (k < kept.length && kept[k] !== line) k++;
      assert.ok(k < kept.length, `lost line: ${line}`);
    }
    // Fewer problems, except the placeholders the scaffold left for what it could not know.
    const problems = (out: string) => (JSON.parse(out) as { rule: string }[]).filter((f) => f.rule !== 'placeholder').length;
    assert.ok(problems(r.out) < problems(before.out));
    assert.ok((JSON.parse(r.out) as { rule: string }[]).some((f) => f.rule === 'placeholder'));
    // It says what it changed, per file (beside a JSON report, on stderr).
    assert.match(r.err, /^fixed inv\.workunit\.yaml:\n {2}line \d+: .*\(missing-learning-loop\)\n/m);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), [], 'no temporary file left behind');
  });
});
