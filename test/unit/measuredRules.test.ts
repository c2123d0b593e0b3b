/**
 * The measured rules over a unit and a log made here: each fires where the
 * figures say it must (worked out by hand from the rows below), at its
 * range; levels and suppressions apply as to every rule; a suppression of a
 * measured rule is judged only once the log is measured.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMeasured, checkUnit, finish, type Analysis } from '../../server/src/core/analyze';
import { LevelResolver } from '../../server/src/core/config/levels';
import { logSourceOf, measureUnit } from '../../server/src/core/measure';
import { REFUNDS_CSV as CSV, REFUNDS_UNIT as UNIT } from '../support/measuredUnit';



async function run(unitText: string, csv: string | undefined, levels = new LevelResolver(), measure = true): Promise<Analysis> {
  const checked = checkUnit(unitText, levels);
  const source = logSourceOf(checked.unit, 'mem://t/u.workunit.yaml')!;
  const fs = {
    read: async (uri: string) => (csv !== undefined && uri === source.uri ? { text: csv } : { missing: true as const }),
    display: (uri: string) => uri.slice('mem://t/'.length),
  };
  if (!measure) return finish(checked, levels);
  return finish(checked, levels, undefined, checkMeasured(checked.unit, await measureUnit(checked.unit, source, fs), levels));
}

const at = (a: Analysis, rule: string) => a.findings.filter((f) => f.rule === rule).map((f) => a.unit.text.slice(f.span.start, f.span.end));

describe('measured rules', () => {
  it('each fires at its range with the figures', async () => {
    const a = await run(UNIT, CSV);
    assert.deepEqual(at(a, 'log-unreadable'), []);
    assert.deepEqual(at(a, 'step-without-events'), ['archive']);
    assert.deepEqual(at(a, 'unmapped-activities'), ['log']);
    assert.match(a.findings.find((f) => f.rule === 'unmapped-activities')!.message, /^2 events .*"Phone the customer" \(2\)/);
    assert.deepEqual(at(a, 'boundary-drift'), ['check']);
    assert.match(a.findings.find((f) => f.rule === 'boundary-drift')!.message, /people did 50 %/);
    assert.deepEqual(at(a, 'metric-worse-than-baseline'), ['decision-time']);
    assert.match(a.findings.find((f) => f.rule === 'metric-worse-than-baseline')!.message, /measures 4 h over 2 cases, worse than its baseline 2 h/);
    // The exception rate (0 %) is better than its baseline 50 %.
    assert.equal(a.findings.filter((f) => f.rule === 'metric-worse-than-baseline').length, 1);
    assert.equal(a.findings.find((f) => f.rule === 'boundary-drift')!.severity, 'warning');
    assert.equal(a.findings.find((f) => f.rule === 'unmapped-activities')!.severity, 'info');
  });

  it('a log that is not there is log-unreadable on the path value, and nothing else measured', async () => {
    const a = await run(UNIT, undefined);
    assert.deepEqual(at(a, 'log-unreadable'), ['log.csv']);
    assert.match(a.findings.find((f) => f.rule === 'log-unreadable')!.message, /no such file/);
    for (const r of ['step-without-events', 'unmapped-activities', 'boundary-drift', 'metric-worse-than-baseline']) assert.deepEqual(at(a, r), []);
  });

  it('a header-only log is log-unreadable (nothing to measure), and no step is without events on its own', async () => {
    const a = await run(UNIT, 'case,activity,timestamp,resource\n');
    assert.deepEqual(at(a, 'log-unreadable'), ['log.csv']);
    assert.deepEqual(at(a, 'step-without-events'), []);
  });

  it('levels apply: off drops, another level changes the severity', async () => {
    const a = await run(UNIT, CSV, new LevelResolver({ 'boundary-drift': 'off', 'unmapped-activities': 'error' }));
    assert.deepEqual(at(a, 'boundary-drift'), []);
    assert.equal(a.findings.find((f) => f.rule === 'unmapped-activities')!.severity, 'error');
  });

  it('a suppression silences a measured finding; one that silences nothing is unused only once measured', async () => {
    const text = UNIT.replace('  - id: archive', '  # workunit-disable-next-line step-without-events -- archived by a nightly job\n  - id: archive').replace(
      '  - id: check',
      '  # workunit-disable-next-line metric-worse-than-baseline\n  - id: check',
    );
    const measured = await run(text, CSV);
    assert.deepEqual(at(measured, 'step-without-events'), []);
    assert.deepEqual(at(measured, 'unused-suppression'), ['metric-worse-than-baseline']);
    // Not measured yet (or by `workunit lint`): neither suppression is judged.
    const notYet = await run(text, CSV, new LevelResolver(), false);
    assert.deepEqual(at(notYet, 'unused-suppression'), []);
  });
});
