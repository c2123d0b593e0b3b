/**
 * The preview's per-step figures: the median duration the measuring gives
 * (checked against a computation here), the lines the layout writes under
 * each node, a drifted step marked — inside the node, whose text still fits
 * — and the message validator taking the new fields.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isHostMessage } from '../../client/src/preview/messages';
import { driftLine, figuresLine, stepFigures } from '../../server/src/core/diagram/figures';
import { layoutDiagram } from '../../server/src/core/diagram/layout';
import { wrapAll } from '../../server/src/core/diagram/text';
import type { Box, StepFigures, TextBlock } from '../../server/src/core/diagram/types';
import { isLogProblem, logSourceOf, measureUnit } from '../../server/src/core/measure';
import { buildModel } from '../../server/src/core/model/build';
import { parseText } from '../../server/src/core/parse/parse';
import { REFUNDS_UNIT } from '../support/measuredUnit';

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('per-step median duration', () => {
  it('is the median over the step\'s events of the time since the case\'s previous event (any event)', async () => {
    // Three cases; "Phone the customer" and "archive" are events of no step or another step in between.
    const rows = [
      ['c1', 'check', '2026-01-05T08:00:00Z'],
      ['c1', 'Phone the customer', '2026-01-05T08:30:00Z'],
      ['c1', 'decide', '2026-01-05T10:00:00Z'],
      ['c2', 'check', '2026-01-05T09:00:00Z'],
      ['c2', 'archive', '2026-01-05T09:20:00Z'],
      ['c2', 'decide', '2026-01-05T09:50:00Z'],
      ['c4', 'check', '2026-01-06T09:00:00Z'],
      ['c4', 'decide', '2026-01-07T15:00:00Z'],
    ];
    const csv = `case,activity,timestamp,resource\n${rows.map((r) => `${r.join(',')},bot`).join('\n')}\n`;
    const unit = buildModel(parseText(REFUNDS_UNIT));
    const source = logSourceOf(unit, 'mem://t/u.workunit.yaml')!;
    const r = await measureUnit(unit, source, { read: async () => ({ text: csv }), display: (u) => u }, { stepMedians: true });
    assert.ok(!isLogProblem(r));
    // By hand, per step: the time since the previous event of its case.
    const prev = new Map<string, number>();
    const per = new Map<string, number[]>();
    for (const [c, a, t] of rows) {
      const ms = Date.parse(t!);
      if (prev.has(c!)) per.set(a!, [...(per.get(a!) ?? []), ms - prev.get(c!)!]);
      prev.set(c!, ms);
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    for (const b of r.boundary) {
      const want = per.get(b.step);
      if (!want) assert.equal(b.medianHours, null, b.step);
      else assert.ok(Math.abs(b.medianHours! - median(want) / 3_600_000) <= 0.0025 * (median(want) / 3_600_000), `${b.step}: ${b.medianHours} vs ${median(want) / 3_600_000}`);
    }
    // decide: 1.5 h, 0.5 h, 30 h → 1.5 h.
    assert.ok(Math.abs(r.boundary.find((b) => b.step === 'decide')!.medianHours! - 1.5) < 0.01);
  });
});

describe('per-step figures in the diagram', () => {
  const unit = buildModel(parseText(readFileSync('examples/onboarding-review.workunit.yaml', 'utf8')));
  const steps = unit.steps!.items;
  const figures: StepFigures[] = steps.map((_, i) => (i === 1 ? { events: 1203, medianHours: 2.1, drift: { by: 'people', share: 0.14 } } : { events: 412, medianHours: i === 0 ? 0.25 : 50 }));

  it('writes the lines: thousands separated, minutes below an hour, days from 48 h, the drift with its share', () => {
    assert.equal(figuresLine({ events: 1203, medianHours: 2.1 }), '1,203\u00A0events · median 2.1\u00A0h');
    assert.equal(figuresLine({ events: 1, medianHours: 0.25 }), '1\u00A0event · median 15\u00A0min');
    assert.equal(figuresLine({ events: 412, medianHours: 50 }), '412\u00A0events · median 2.1\u00A0d');
    assert.equal(figuresLine({ events: 0, medianHours: null }), '0\u00A0events');
    assert.equal(driftLine({ by: 'people', share: 0.14 }), '⚠ drifted: people did 14\u00A0%');
    // A figure and its unit never part: no line of a narrow node starts with the unit.
    const lines = wrapAll(figuresLine({ events: 260, medianHours: 17.2 / 60 }), 70, 11);
    assert.ok(lines.length > 1 && lines.every((l) => !/^(min|%|events)( |$)/.test(l)), JSON.stringify(lines));
    assert.deepEqual(stepFigures([{ step: 'a', declared: 'machine', events: 10, human: 0.2, aiAgent: 0.8, automation: 0, drifted: true, medianHours: 1 }]), [
      { events: 10, medianHours: 1, drift: { by: 'people', share: 0.2 } },
    ]);
  });

  for (const width of [undefined, 700]) {
    it(`draws them under each node, inside it, clear of its other text (${width ? `${width} px wide` : 'natural width'})`, () => {
      const plain = layoutDiagram(unit, [], width ? { width } : {});
      const d = layoutDiagram(unit, [], { ...(width ? { width } : {}), figures });
      for (const n of d.nodes) {
        const f = figures[n.index]!;
        assert.deepEqual(n.measured, f);
        assert.equal(n.texts.measured!.lines.join(' '), figuresLine(f));
        const box = { x: n.x, y: n.y, width: n.width, height: n.height };
        const blocks = Object.entries(n.texts).filter((e): e is [string, TextBlock] => e[1] !== undefined);
        for (const [k, b] of blocks) assert.ok(inside(b.box, box), `${n.step}.${k} outside its node`);
        for (const [k, b] of blocks) for (const [k2, b2] of blocks) if (k < k2) assert.ok(!overlap(b.box, b2.box), `${n.step}: ${k} overlaps ${k2}`);
        if (f.drift) assert.equal(n.texts.drift!.lines.join(' '), driftLine(f.drift));
        else assert.equal(n.texts.drift, undefined);
        assert.ok(n.height >= plain.nodes[n.index]!.height);
      }
      assert.ok(isHostMessage({ type: 'diagram', uri: 'file:///u.workunit.yaml', diagram: d, stale: false, version: 1 }), 'the webview message validator refuses the figures');
    });
  }

  it('without figures, nothing is added (the layout is as before)', () => {
    const d = layoutDiagram(unit, []);
    assert.ok(d.nodes.every((n) => n.measured === undefined && n.texts.measured === undefined && n.texts.drift === undefined));
  });
});
