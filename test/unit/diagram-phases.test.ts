/**
 * The layout's phases one by one (server/src/core/diagram/): the graph it
 * draws, the lanes and what each step covers, the ordering and how edges
 * travel, the placement across and down, the routing's port spreading, and the
 * label placer. The whole diagram is checked in diagram.test.ts; these pin
 * each phase's own promise.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { boxesOverlap, textBlock } from '../../server/src/core/diagram/geometry';
import { graphOf } from '../../server/src/core/diagram/graph';
import { labelBlock, Placer } from '../../server/src/core/diagram/labels';
import { planLanes, UNASSIGNED_LANE } from '../../server/src/core/diagram/lanes';
import { orderSteps } from '../../server/src/core/diagram/ordering';
import { placeAcross, placeDown } from '../../server/src/core/diagram/placement';
import { spread } from '../../server/src/core/diagram/routing';

const example = (name: string) => readFileSync(join(__dirname, '..', '..', 'examples', `${name}.workunit.yaml`), 'utf8');

function phases(text: string) {
  const a = analyzeText(text);
  const graph = graphOf(a.unit, a.findings);
  const plan = planLanes(a.unit, graph);
  const order = orderSteps(graph, plan);
  return { unit: a.unit, graph, plan, order };
}

const ACTORS = `actors:
  a: { kind: human }
  b: { kind: human }
  x: { kind: automation }
  y: { kind: ai-agent }
`;

describe('phase 0: the graph', () => {
  it('draws a reference to an unknown step as a dangling edge, and no fall-through the author did not write', () => {
    const { graph } = phases(`workunit: 1\n${ACTORS}steps:\n  - { id: s, performer: a, next: nowhere }\n  - { id: t, performer: a }\nexceptions:\n  - { id: e, at: t, owner: a, then: gone }\n`);
    const edges = graph.edges.map((e) => `${e.from}>${typeof e.to === 'object' ? `?${e.to.unknown}` : e.to}:${e.kind}`);
    assert.deepEqual(edges.sort(), ['0>?nowhere:next', '1>?gone:exception', '1>end:fall-through'].sort());
  });

  it('carries a branch label from the model edge it comes from', () => {
    const a = analyzeText(`workunit: 1\n${ACTORS}steps:\n  - { id: s, performer: a, decision: ok?, next: [t, u] }\n  - { id: t, performer: a }\n  - { id: u, performer: a }\n`);
    const labelled = a.unit.edges.map((e) => (e.kind === 'next' ? Object.assign({}, e, { label: e.to === 1 ? 'approved' : 'declined' }) : e));
    const graph = graphOf({ ...a.unit, edges: labelled }, a.findings);
    assert.deepEqual(graph.edges.filter((e) => e.kind === 'next').map((e) => [e.to, e.label]), [[1, 'approved'], [2, 'declined']]);
  });
});

describe('phase 1: lanes', () => {
  it('people, then machines, then a neutral band for the undeclared, the kindless and the unassigned', () => {
    const { plan } = phases(`workunit: 1\n${ACTORS}  k: { role: none }\nsteps:\n  - { id: s, performer: ghost }\n  - { id: t }\n  - { id: u, performer: k }\n`);
    assert.deepEqual(
      plan.lanes.map((l) => `${l.band}:${l.actor}`),
      ['human:a', 'human:b', 'machine:y', 'machine:x', 'neutral:k', 'neutral:ghost', `neutral:${UNASSIGNED_LANE}`],
    );
  });

  it('moves the lanes of hybrid steps next to the boundary, so a hybrid step covers only its own lanes', () => {
    const { plan } = phases(example('incident-triage'));
    assert.deepEqual(plan.lanes.map((l) => l.actor), ['desk-manager', 'shift-agent', 'itsm', 'classifier']);
    const mi = plan.steps[4]!;
    assert.deepEqual(plan.lanes.slice(mi.lo, mi.hi + 1).map((l) => l.actor), ['shift-agent', 'itsm']);
    assert.deepEqual(mi.chips, []);
  });

  it('where a step’s performers cannot be adjacent, it sits in one lane and names the others on chips', () => {
    const { plan } = phases(`workunit: 1\n${ACTORS}steps:\n  - { id: s, performer: [b, y] }\n  - { id: t, performer: [b, y] }\n  - { id: u, performer: [a, x] }\n`);
    assert.deepEqual(plan.lanes.map((l) => l.actor), ['a', 'b', 'y', 'x']);
    const u = plan.steps[2]!;
    assert.equal(u.lo, u.hi);
    assert.equal(plan.lanes[u.lo]!.actor, 'a');
    assert.deepEqual(u.chips, ['x']);
  });
});

describe('phase 2: ordering', () => {
  it('one rank per step; flows go straight, along a free lane, or on a gutter track; overlapping routes get their own tracks', () => {
    const { order, graph } = phases(
      `workunit: 1\n${ACTORS}steps:\n  - { id: s, performer: a, next: [t, v] }\n  - { id: t, performer: x }\n  - { id: u, performer: b, next: s }\n  - { id: v, performer: a }\nexceptions:\n  - { id: e1, at: t, owner: a, then: v }\n  - { id: e2, at: u, owner: a, then: v }\n`,
    );
    assert.deepEqual(order.rank, [0, 1, 2, 3]);
    const kind = (from: number, to: number | 'end', k?: string) => {
      const i = graph.edges.findIndex((e) => e.from === from && e.to === to && (k === undefined || e.kind === k));
      return order.routes[i]!;
    };
    assert.equal(kind(0, 1).kind, 'adjacent');
    assert.deepEqual(kind(0, 3), { kind: 'channel', lane: 0, slot: 0 });
    assert.equal(kind(2, 0).kind, 'gutter');
    const e1 = kind(1, 3, 'exception');
    const e2 = kind(2, 3, 'exception');
    assert.ok(e1.kind === 'gutter' && e2.kind === 'gutter');
    if (e1.kind === 'gutter' && e2.kind === 'gutter' && e1.side === e2.side) assert.notEqual(e1.track, e2.track);
  });
});

describe('phase 3: placement', () => {
  it('down: the lane columns share the width given; a longer name makes a taller node, not a wider one', () => {
    const short = phases(`workunit: 1\n${ACTORS}steps:\n  - { id: s, name: Short, performer: a }\n`);
    const long = phases(`workunit: 1\n${ACTORS}steps:\n  - { id: s, name: A much longer step name that has to wrap onto several lines to be read in full, performer: a }\n`);
    const p1 = placeDown(short.graph, short.plan, short.order, 100, 600);
    const p2 = placeDown(long.graph, long.plan, long.order, 100, 600);
    assert.ok(p1.right <= 600 && p2.right <= 600);
    assert.equal(p1.nodeBoxes[0]!.width, p2.nodeBoxes[0]!.width);
    assert.ok(p2.nodeBoxes[0]!.height > p1.nodeBoxes[0]!.height);
    // Every lane column lies inside the width.
    for (const l of p2.lanes) assert.ok(l.x >= 0 && l.x + l.width <= 600);
  });

  it('across: a lane is as tall as its tallest node needs', () => {
    const long = phases(`workunit: 1\n${ACTORS}steps:\n  - { id: s, name: A much longer step name that has to wrap onto several lines to be read in full at this width, performer: a }\n`);
    const p = placeAcross(long.graph, long.plan, long.order, 100);
    const lane = p.lanes.find((l) => l.actor === 'a')!;
    const node = p.nodeBoxes[0]!;
    assert.ok(node.y >= lane.y && node.y + node.height <= lane.y + lane.height);
  });
});

describe('phase 4: routing', () => {
  it('spreads ports along a side: in range, in order, apart', () => {
    const got = new Map<string, number>();
    const ports = [5, 5, 5, 6, 100].map((want, i) => ({ key: String(i), want, set: (v: number) => got.set(String(i), v) }));
    spread(ports, 0, 60, 14);
    const vs = [...got.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
    for (const v of vs) assert.ok(v >= 0 && v <= 60);
    const sorted = [...vs].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]! - sorted[i - 1]! >= 14 - 1e-9, `${sorted[i - 1]} and ${sorted[i]} apart`);
  });
});

describe('phase 5: labels', () => {
  it('places every label clear of the obstacles and of each other, even when all want the same spot', () => {
    const obstacle = { x: 100, y: 100, width: 200, height: 80 };
    const placer = new Placer({ left: 0, top: 0, right: 800 }, [obstacle]);
    const placed = Array.from({ length: 12 }, (_, i) => placer.place(labelBlock(`label number ${i} with some words`, 120), [{ x: 150, y: 120 }]));
    for (const p of placed) assert.ok(!boxesOverlap(p.box, obstacle), 'clear of the obstacle');
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) assert.ok(!boxesOverlap(placed[i]!.box, placed[j]!.box), `${i} and ${j} apart`);
    for (const p of placed) assert.ok(p.box.x >= 0 && p.box.x + p.box.width <= 800, 'within the width');
  });

  it('a text block is wrapped in full and its box holds every line', () => {
    const b = textBlock('Propose category, priority and resolver group', { x: 10, top: 20, width: 90, size: 12.5, style: 'bold' });
    assert.equal(b.lines.join(' '), 'Propose category, priority and resolver group');
    assert.equal(b.box.height, b.lines.length * b.lineHeight);
    assert.ok(b.box.width <= 90);
  });
});
