/**
 * The measured figures as the editor shows them (code lens, hover) and the
 * key that decides when a unit must be measured again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureKey, measuredHoverMarkdown, metricLensTitle } from '../../server/src/core/measure/editor';
import type { MeasuredMetric, Measurement } from '../../server/src/core/measure/measure';
import { buildModel } from '../../server/src/core/model/build';
import { parseText } from '../../server/src/core/parse/parse';
import { REFUNDS_UNIT } from '../support/measuredUnit';

const metric = (m: Partial<MeasuredMetric>): MeasuredMetric => ({ id: 'm', kind: 'cycle-time', unit: 'hours', value: null, p90: null, baseline: null, target: null, met: null, cases: null, ...m });

describe('the measured code lens', () => {
  it('says the figure, p90, cases and the verdict, thousands separated', () => {
    assert.equal(metricLensTitle(metric({ value: 18.24, p90: 31.04, cases: 1203, baseline: 30, target: 24, met: true })), 'measured 18.2 h (p90 31 h) over 1,203 cases — target 24 h met');
    assert.equal(metricLensTitle(metric({ value: 26, p90: 40, cases: 12, baseline: 30, target: 24, met: false })), 'measured 26 h (p90 40 h) over 12 cases — target 24 h not met');
    assert.equal(metricLensTitle(metric({ value: 26, p90: 40, cases: 1 })), 'measured 26 h (p90 40 h) over 1 case — no target');
    assert.equal(metricLensTitle(metric({ kind: 'exception-rate', unit: 'percent', value: 7.4, cases: 320, target: 8, baseline: 12, met: true })), 'measured 7.4 % over 320 cases — target 8 % met');
    assert.equal(metricLensTitle(metric({ value: null, cases: 5 })), 'not measured: no case reached the end (5 cases in the log)');
    // A kind not measured from a log gets no lens.
    assert.equal(metricLensTitle(metric({ kind: 'quality', cases: null })), undefined);
  });
});

describe('the measured hover', () => {
  const r = {
    log: 'logs/a`b.csv',
    cases: 2500,
    events: 10_000,
    metrics: [metric({ id: 'ct', value: 20, p90: 30, cases: 2400, baseline: 30, target: 24, met: true }), metric({ id: 'q', kind: 'quality', unit: 'percent' })],
    changes: [{ date: '2026-10-05', change: 'New *bot* [x](http://e.example) | <b>', before: { ct: 31.5 }, after: { ct: 12 } }],
  } as unknown as Measurement;

  it('has the figures and a before/after row per change, the change text escaped', () => {
    const md = measuredHoverMarkdown(r, 0);
    assert.match(md, /\| `ct` \| 20 h \| 30 h \| 2,400 \| 30 h \| 24 h \(met\) \|/);
    assert.match(md, /\| date \| change \| `ct` before \| `ct` after \|/);
    assert.ok(md.includes('| 2026-10-05 | New \\*bot\\* \\[x\\]\\(http\\://e\\.example\\) \\| \\<b\\> | 31.5 h | 12 h |'), md);
    assert.ok(md.includes('``logs/a`b.csv``'), md);
    // A metric not measured from a log is not in the table.
    assert.doesNotMatch(md, /`q`/);
  });
});

describe('measureKey', () => {
  const key = (text: string) => measureKey(buildModel(parseText(text)));
  it('stays for an edit the figures do not depend on, and changes for one they do', () => {
    const k = key(REFUNDS_UNIT);
    assert.equal(key(REFUNDS_UNIT.replace('Every refund decided within 24 hours', 'Every refund decided within a day')), k);
    assert.equal(key(REFUNDS_UNIT.replace('owner: lead\noutcome', '# a comment\nowner: lead\noutcome')), k);
    assert.notEqual(key(REFUNDS_UNIT.replace('    name: Archive the case', '    name: Archive the case\n    activity: [Archived]')), k);
    assert.notEqual(key(REFUNDS_UNIT.replace('baseline: 2', 'baseline: 3')), k);
    assert.notEqual(key(REFUNDS_UNIT.replace('path: log.csv', 'path: other.csv')), k);
    assert.notEqual(key(REFUNDS_UNIT.replace('bot: { kind: automation', 'bot: { kind: ai-agent')), k);
  });
});
