/**
 * The boundary diagram: crossings and hand-offs as the spec defines them, the
 * swimlane layout (lanes by band, nodes in their performers' lanes, no
 * overlaps, accountable links and gaps, findings on the right node) and the
 * SVG/HTML renderers (required data attributes, no script, no external
 * reference, every string from the file escaped). Also the layout of
 * degenerate units: no steps, no actors, broken parts, every cut of an example.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { crossingsAndHandoffs } from '../../server/src/core/diagram/boundary';
import { renderHtml } from '../../server/src/core/diagram/html';
import { layoutDiagram, UNASSIGNED_LANE } from '../../server/src/core/diagram/layout';
import { renderSvg } from '../../server/src/core/diagram/svg';
import { escapeXml, oneLine, textWidth, widestWord, wrapAll } from '../../server/src/core/diagram/text';
import type { Diagram, DiagramNode, TextBlock } from '../../server/src/core/diagram/types';
import { generateUnit } from '../support/generate';
import { ALL_COMPLETE, withoutLearning } from '../support/examples';
import { ELEMENT_NAMES } from '../../server/src/core/navigation/elements';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.workunit.yaml')).sort();
const example = (name: string) => readFileSync(join(EXAMPLES, `${name}.workunit.yaml`), 'utf8');

function diagramOf(text: string, width?: number): Diagram {
  const a = analyzeText(text);
  return layoutDiagram(a.unit, a.findings, width !== undefined ? { width } : {});
}

/** The boundary's position across the flow (y across, x down). */
const boundaryAt = (d: Diagram): number => (d.orientation === 'horizontal' ? d.boundary.from.y : d.boundary.from.x);
/** A box's extent across the flow: [start, end] in y across, in x down. */
const acrossOf = (d: Diagram, b: { x: number; y: number; width: number; height: number }): [number, number] =>
  d.orientation === 'horizontal' ? [b.y, b.y + b.height] : [b.x, b.x + b.width];
/** A lane's body (its header excluded) across the flow. */
const laneAcross = (d: Diagram, l: Diagram['lanes'][number]): [number, number] => acrossOf(d, l);

// ---------------------------------------------------------------------------
// A tiny XML walk: well-formedness (every tag closed in order, no stray `<` or
// `&` in text), and every element with its decoded attributes and text.

interface El {
  name: string;
  attrs: Record<string, string>;
  /** Decoded text directly inside the element. */
  text: string;
  parent?: El;
  children: El[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  assert.doesNotMatch(s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, ''), /[&<]/, `unescaped & or < in ${JSON.stringify(s)}`);
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]!,
  );
}

function parseXml(xml: string): El[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const all: El[] = [];
  const root: El = { name: '#root', attrs: {}, text: '', children: [] };
  let current = root;
  const re = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    current.text += decode(body.slice(last, m.index));
    last = re.lastIndex;
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      assert.equal(name, current.name, `</${name}> closes <${current.name}>`);
      current = current.parent!;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      assert.ok(!(a[1]! in attrs), `duplicate attribute ${a[1]} on <${name}>`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const el: El = { name: name!, attrs, text: '', parent: current, children: [] };
    current.children.push(el);
    all.push(el);
    if (!selfClosing) current = el;
  }
  current.text += decode(body.slice(last));
  assert.equal(current, root, `unclosed <${current.name}>`);
  assert.equal(root.text.trim(), '', 'text outside the root element');
  return all;
}

const withAttr = (els: El[], name: string) => els.filter((e) => name in e.attrs);
const textOf = (e: El): string => e.text + e.children.map(textOf).join('');

/** The SVG's hard requirements, for any diagram. */
function checkSvgSafety(svg: string): El[] {
  assert.doesNotMatch(svg, /<script/i, 'no script');
  assert.doesNotMatch(svg, /<\/script/i, 'no script end tag');
  const els = parseXml(svg);
  for (const e of els) {
    for (const [k, v] of Object.entries(e.attrs)) {
      assert.doesNotMatch(k, /^on[a-z]+$/i, `event-handler attribute ${k} on <${e.name}>`);
      if (k === 'xmlns') assert.equal(v, 'http://www.w3.org/2000/svg');
      else if (/href$/i.test(k)) assert.match(v, /^#[\w-]+$/, `${k} points inside the SVG`);
      else if (k !== 'data-step' && k !== 'data-actor' && !k.startsWith('data-')) assert.doesNotMatch(v, /url\((?!#)/, `external url() in ${k}`);
    }
    assert.notEqual(e.name.toLowerCase(), 'foreignobject');
    assert.notEqual(e.name.toLowerCase(), 'image');
  }
  // The only `http` in the markup is the SVG namespace.
  const tagsOnly = svg.match(/<[^>]*>/g)!.join('');
  assert.deepEqual(tagsOnly.match(/https?:[^"\s]*/g) ?? [], ['http://www.w3.org/2000/svg']);
  return els;
}

// ---------------------------------------------------------------------------
// Geometry checks

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function assertNoOverlaps(d: Diagram): void {
  for (let i = 0; i < d.nodes.length; i++) {
    for (let j = i + 1; j < d.nodes.length; j++) {
      assert.ok(!overlaps(d.nodes[i]!, d.nodes[j]!), `${d.nodes[i]!.step} overlaps ${d.nodes[j]!.step}`);
    }
  }
}

function assertBands(d: Diagram): void {
  const b = boundaryAt(d);
  for (const l of d.lanes) {
    const [lo, hi] = laneAcross(d, l);
    if (l.band === 'human') assert.ok(hi <= b, `people lane ${l.actor} on the people side of the boundary`);
    else assert.ok(lo >= b, `lane ${l.actor} on the far side of the boundary`);
    assert.equal(l.band === 'machine', l.kind === 'ai-agent' || l.kind === 'automation', `${l.actor} is in the band of its kind`);
    assert.equal(l.band === 'neutral', l.kind === 'unknown', `${l.actor}: unknown and unassigned lanes are on neither side`);
  }
  // People first, then machines, then what has no side yet.
  const order = d.lanes.map((l) => (l.band === 'human' ? 0 : l.band === 'machine' ? 1 : 2));
  assert.deepEqual(order, [...order].sort((a, b) => a - b));
  // Lanes do not overlap and are in order.
  for (let i = 1; i < d.lanes.length; i++) assert.ok(laneAcross(d, d.lanes[i]!)[0] >= laneAcross(d, d.lanes[i - 1]!)[1]);
}

/** Every node covers exactly a run of adjacent lanes: its performers' (or one performer's, with chips for the rest). */
function assertNodesInLanes(d: Diagram): void {
  const lane = new Map(d.lanes.map((l) => [l.actor, l]));
  const b = boundaryAt(d);
  for (const n of d.nodes) {
    assert.ok(n.lanes.length >= 1, `${n.step} covers a lane`);
    const covered = n.lanes.map((a) => lane.get(a)!);
    assert.ok(covered.every(Boolean), `${n.step}: every covered lane exists`);
    const idx = covered.map((l) => d.lanes.indexOf(l)).sort((x, y) => x - y);
    idx.forEach((v, i) => assert.equal(v, idx[0]! + i, `${n.step} covers adjacent lanes`));
    // Only its own performers' lanes (or the unassigned lane for a step with none).
    for (const a of n.lanes) assert.ok(n.performers.includes(a) || (n.performers.length === 0 && a === UNASSIGNED_LANE) || !n.performers.some((p) => lane.has(p)), `${n.step} spans ${a}, which it does not involve`);
    for (const p of n.performers) if (lane.has(p)) assert.ok(n.lanes.includes(p) || n.chips.some((c) => c.actor === p), `${n.step} shows ${p}: its lane or a chip`);
    const [lo, hi] = acrossOf(d, n);
    const first = laneAcross(d, covered[0]!)[0];
    const last = laneAcross(d, covered[covered.length - 1]!)[1];
    assert.ok(lo >= first - 0.01 && hi <= last + 0.01, `${n.step} stays within its lanes`);
    if (n.straddles) assert.ok(lo < b && hi > b, `hybrid ${n.step} straddles the boundary`);
    if (n.mode === 'human') assert.ok(hi <= b, `${n.step} is on the people side`);
    if (n.mode === 'machine') assert.ok(lo >= b, `${n.step} is on the machine side`);
    assert.ok([n.x, n.y, n.width, n.height].every(Number.isFinite));
  }
  // One rank per step, along the flow in list order.
  for (let i = 1; i < d.nodes.length; i++) {
    const [a, c] = [d.nodes[i - 1]!, d.nodes[i]!];
    if (d.orientation === 'horizontal') assert.ok(c.x >= a.x + a.width);
    else assert.ok(c.y >= a.y + a.height);
  }
}

function assertEdgesRouted(d: Diagram): void {
  for (const e of d.edges) {
    assert.ok(e.points.length >= 2, `${e.from} → ${e.to} has a route`);
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1]!;
      const b = e.points[i]!;
      assert.ok(a.x === b.x || a.y === b.y, `${e.from} → ${e.to} is orthogonal`);
    }
  }
}

function assertSvgMatches(d: Diagram, svg: string): El[] {
  const els = checkSvgSafety(svg);
  const svgEl = els[0]!;
  assert.equal(svgEl.name, 'svg');
  assert.equal(svgEl.attrs.role, 'img');
  assert.ok(els.some((e) => e.name === 'title' && e.parent === svgEl), 'a <title>');
  assert.ok(els.some((e) => e.name === 'desc' && e.parent === svgEl), 'a <desc>');
  const nodes = withAttr(els, 'data-step');
  assert.deepEqual(nodes.map((e) => e.attrs['data-step']), d.nodes.map((n) => n.step));
  assert.deepEqual(nodes.map((e) => e.attrs['data-mode']), d.nodes.map((n) => n.mode));
  const lanes = withAttr(els, 'data-lane');
  assert.deepEqual(lanes.map((e) => [e.attrs['data-lane'], e.attrs['data-actor']]), d.lanes.map((l) => [l.band, l.actor]));
  const crossings = withAttr(els, 'data-crossing').map((e) => `${e.attrs['data-crossing']}|${e.attrs['data-via']}|${e.attrs['data-exception'] ?? ''}`);
  assert.deepEqual(crossings.sort(), d.crossings.map((c) => `${c.from}->${c.to}|${c.via}|${c.exception ?? ''}`).sort());
  const handoffs = withAttr(els, 'data-handoff').map((e) => `${e.attrs['data-handoff']}@${e.attrs['data-at']}>${e.attrs['data-owner']}`);
  assert.deepEqual(handoffs.sort(), d.handoffs.map((h) => `${h.exception}@${h.at}>${h.owner}`).sort());
  return els;
}

/** No two text blocks of the data overlap, and every line fits the width it was wrapped to. */
function assertTextClear(d: Diagram): void {
  const blocks = [
    d.header.title, d.header.statement, d.header.status, d.header.counts.block, ...Object.values(d.header.keys),
    ...d.header.elementChips.map((c) => c.text), ...d.header.metricChips.map((c) => c.text), ...(d.header.noMetrics ? [d.header.noMetrics] : []),
    ...d.lanes.flatMap((l) => [l.texts.label, l.texts.kind, ...(l.texts.detail ? [l.texts.detail] : [])]),
    ...d.bands.flatMap((b) => (b.name ? [b.name] : [])),
    ...d.nodes.flatMap((n) => [...Object.values(n.texts), ...n.chips.map((c) => c.text), ...n.links.map((l) => l.text), ...(n.gap ? [n.gap.text] : [])]),
    ...d.edges.flatMap((e) => (e.text ? [e.text] : [])),
    d.boundary.text, ...d.notes, d.legend.title, ...d.legend.items.map((i) => i.text),
  ];
  for (const b of blocks) {
    assert.ok(b.size >= 11, `${b.lines.join(' ')} is set at ${b.size}px`);
    for (const line of b.lines) assert.ok(textWidth(line, b.size, { bold: b.style === 'bold', mono: b.style === 'mono' }) <= b.width + 0.01, `${line} fits ${b.width}`);
  }
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      assert.ok(!overlaps(blocks[i]!.box, blocks[j]!.box), `"${blocks[i]!.lines.join(' ')}" overlaps "${blocks[j]!.lines.join(' ')}"`);
    }
  }
}

const node = (d: Diagram, step: string): DiagramNode => {
  const n = d.nodes.find((x) => x.step === step);
  assert.ok(n, `node ${step}`);
  return n;
};

// ---------------------------------------------------------------------------

describe('diagram: crossings and hand-offs (the spec)', () => {
  it('onboarding-review: exactly the spec’s list', () => {
    const b = crossingsAndHandoffs(analyzeText(example('onboarding-review')).unit);
    assert.deepEqual(b.crossings, [
      { from: 'screen', to: 'decide', via: 'flow' },
      { from: 'decide', to: 'notify', via: 'flow' },
      { from: 'intake', to: 'decide', via: 'exception', exception: 'documents-incomplete' },
    ]);
    assert.deepEqual(b.handoffs, [
      { exception: 'documents-incomplete', at: 'intake', owner: 'onboarding-lead' },
      { exception: 'screening-hit', at: 'screen', owner: 'analyst' },
    ]);
  });

  it('incident-triage: worked out by hand', () => {
    // Modes: capture machine (itsm), classify machine (classifier), confirm
    // human (shift-agent), route machine (itsm), major-incident hybrid
    // (shift-agent + itsm).
    // Flow edges: capture → classify (falls through; machine → machine: no);
    // classify → confirm (falls through; machine → human: crossing);
    // confirm → route (next; human → machine: crossing); confirm →
    // major-incident (next; human → hybrid: crossing); route → end and
    // major-incident → end (edges to end never cross).
    // Exception routes: low-confidence classify → confirm (machine → human:
    // crossing); vip-caller at [capture, classify] → confirm (both machine →
    // human: two crossings).
    // Hand-offs: low-confidence fires at classify (machine), owner
    // shift-agent (human): one; vip-caller fires at capture and at classify
    // (both machine), owner desk-manager (human): one at each.
    const b = crossingsAndHandoffs(analyzeText(example('incident-triage')).unit);
    assert.deepEqual(b.crossings, [
      { from: 'classify', to: 'confirm', via: 'flow' },
      { from: 'confirm', to: 'route', via: 'flow' },
      { from: 'confirm', to: 'major-incident', via: 'flow' },
      { from: 'classify', to: 'confirm', via: 'exception', exception: 'low-confidence' },
      { from: 'capture', to: 'confirm', via: 'exception', exception: 'vip-caller' },
      { from: 'classify', to: 'confirm', via: 'exception', exception: 'vip-caller' },
    ]);
    assert.deepEqual(b.handoffs, [
      { exception: 'low-confidence', at: 'classify', owner: 'shift-agent' },
      { exception: 'vip-caller', at: 'capture', owner: 'desk-manager' },
      { exception: 'vip-caller', at: 'classify', owner: 'desk-manager' },
    ]);
  });

  it('invoice-matching: worked out by hand — none', () => {
    // Modes: ingest machine (erp), match machine (matcher), approve
    // unassigned (no performer), pay machine (erp).
    // ingest → match: machine → machine, no crossing. match → approve and
    // approve → pay: approve stands on neither side of the boundary until
    // someone performs it, so no crossing is claimed (step-without-owner
    // reports it). pay → `pay-run` names no step, so pay falls through to end:
    // edges to end never cross. No exception rules: no exception routes and
    // no hand-offs.
    const b = crossingsAndHandoffs(analyzeText(example('invoice-matching')).unit);
    assert.deepEqual(b, { crossings: [], handoffs: [] });
  });

  it('a hybrid step counts both ways; unassigned and unknown steps never cross; owners must be human', () => {
    const text = `workunit: 1
id: t
name: T
actors:
  p: { kind: human }
  m: { kind: automation }
  bot: { kind: ai-agent }
steps:
  - { id: a, performer: [p, m] }
  - { id: b, performer: [p, bot] }
  - { id: c, performer: p }
  - { id: d }
  - { id: e, performer: ghost }
  - { id: f, performer: m, next: [a, a, end] }
exceptions:
  - { id: x1, when: w, at: [a, f, c], owner: p, then: c }
  - { id: x2, when: w, at: f, owner: m, then: end }
  - { id: x3, when: w, at: e, owner: p }
`;
    const b = crossingsAndHandoffs(analyzeText(text).unit);
    // a → b: hybrid → hybrid, same mode: no. b → c: hybrid → human: yes.
    // c → d, d → e, e → f: unassigned/unknown: no. f → a: machine → hybrid:
    // yes (once, although `next` names it twice). x1: a → c (hybrid → human),
    // f → c (machine → human), c → c (same): two crossings.
    assert.deepEqual(b.crossings, [
      { from: 'b', to: 'c', via: 'flow' },
      { from: 'f', to: 'a', via: 'flow' },
      { from: 'a', to: 'c', via: 'exception', exception: 'x1' },
      { from: 'f', to: 'c', via: 'exception', exception: 'x1' },
    ]);
    // x1 at the hybrid a and the machine f (not at the human c); x2's owner
    // is a machine; x3 fires at a step of unknown mode.
    assert.deepEqual(b.handoffs, [
      { exception: 'x1', at: 'a', owner: 'p' },
      { exception: 'x1', at: 'f', owner: 'p' },
    ]);
    const d = diagramOf(text);
    assert.deepEqual(d.crossings, b.crossings);
    assert.deepEqual(
      d.edges.filter((e) => e.crossing).map((e) => `${e.from}->${e.to}`),
      ['b->c', 'f->a', 'a->c', 'f->c'],
    );
    assertSvgMatches(d, renderSvg(d));
  });
});

describe('diagram: layout of the examples', () => {
  for (const file of exampleFiles) {
    const name = file.replace('.workunit.yaml', '');
    it(`${name}: lanes by band, nodes in their lanes, no overlaps, routed edges, required SVG attributes`, () => {
      const d = diagramOf(example(name));
      assertBands(d);
      assertNodesInLanes(d);
      assertNoOverlaps(d);
      assertEdgesRouted(d);
      const a = analyzeText(example(name));
      assert.equal(d.nodes.length, a.unit.steps?.items.length);
      assert.deepEqual(d.crossings, crossingsAndHandoffs(a.unit).crossings);
      // Every crossing edge is flagged, and only those.
      assert.equal(d.edges.filter((e) => e.crossing).length, d.crossings.length);
      const svg = renderSvg(d);
      assertSvgMatches(d, svg);
      assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
      // Deterministic.
      assert.equal(renderSvg(diagramOf(example(name))), svg);
    });
  }

  it('onboarding-review: header data, lanes, the hybrid decision, accountable links', () => {
    const d = diagramOf(example('onboarding-review'));
    assert.equal(d.title, 'Customer onboarding case review');
    assert.equal(d.unitId, 'onboarding-review');
    assert.equal(d.statement, 'Customer onboarding case reviewed and decision issued within 24 hours');
    assert.deepEqual(d.elements, { ...ALL_COMPLETE, states: { ...ALL_COMPLETE.states }, lines: [...ALL_COMPLETE.lines] });
    assert.deepEqual(
      d.header.elementChips.map((c) => [c.state, c.text.lines.join(' ')]),
      ELEMENT_NAMES.map((name) => ['complete', `✓ ${name}`]),
    );
    assert.deepEqual(d.metrics[0], { id: 'cycle-time', kind: 'cycle-time', unit: 'hours', baseline: 40, target: 24 });
    assert.deepEqual(
      d.lanes.map((l) => [l.actor, l.kind, l.band]),
      [
        ['onboarding-lead', 'human', 'human'],
        ['analyst', 'human', 'human'],
        ['kyc-screener', 'ai-agent', 'machine'],
        ['crm', 'automation', 'machine'],
      ],
    );
    assert.equal(d.lanes[1]!.detail, 'Compliance analyst');
    const decide = node(d, 'decide');
    assert.equal(decide.mode, 'hybrid');
    assert.equal(decide.straddles, true);
    assert.equal(decide.isDecision, true);
    assert.equal(decide.question, 'Is the risk acceptable?');
    assert.deepEqual(decide.performers, ['analyst', 'kyc-screener']);
    const analyst = d.lanes.find((l) => l.actor === 'analyst')!;
    assert.deepEqual(node(d, 'screen').accountable, { actor: 'analyst' });
    assert.deepEqual(decide.accountable, { actor: 'analyst' });
    // screen's link ends in the analyst's lane.
    const link = node(d, 'screen').links.find((l) => l.kind === 'accountable')!;
    const linkEnd = link.points[link.points.length - 1]!;
    assert.ok(linkEnd.y > analyst.y && linkEnd.y < analyst.y + analyst.height, 'the accountable link ends in the analyst lane');
    // CRM steps follow fixed rules and decide nothing: no accountable needed, no gap.
    assert.equal(node(d, 'intake').accountable, undefined);
    assert.equal(node(d, 'notify').accountable, undefined);
    assert.equal(node(d, 'intake').mode, 'machine');
    // The exception route is drawn apart from flow: leaves intake's bottom, on a track below the lanes.
    const route = d.edges.find((e) => e.kind === 'exception')!;
    assert.deepEqual(route.exception, { id: 'documents-incomplete', when: 'Required documents still missing after two reminders', owner: 'onboarding-lead' });
    const lanesBottom = Math.max(...d.lanes.map((l) => l.y + l.height));
    assert.ok(route.points.some((p) => p.y > lanesBottom), 'on a track below the lanes');
    assert.equal(route.points[0]!.y, node(d, 'intake').y + node(d, 'intake').height);
    // Flow: right side of one node to the left side of the next.
    const flow = d.edges.find((e) => e.from === 'intake' && e.kind === 'fall-through')!;
    assert.equal(flow.points[0]!.x, node(d, 'intake').x + node(d, 'intake').width);
    assert.equal(flow.points[flow.points.length - 1]!.x, node(d, 'screen').x);
    // notify falls through to the end marker; decide's labelled branches go to notify and to the end.
    const end = d.edges.find((e) => e.to === 'end' && e.from === 'notify')!;
    assert.equal(end.kind, 'fall-through');
    assert.deepEqual(
      d.edges.filter((e) => e.from === 'decide' && e.kind === 'next').map((e) => [e.branch, e.to]),
      [
        ['decided', 'notify'],
        ['escalated', 'end'],
      ],
    );
    assert.ok(end.points[end.points.length - 1]!.x > node(d, 'notify').x + node(d, 'notify').width);
    assert.deepEqual(d.nodes.flatMap((n) => n.findings), []);
  });

  it('the status line is green only when all four elements are complete', () => {
    const statusClass = (text: string) => /<text [^>]*class="(status-[a-z0-9]+)[ "]/.exec(renderSvg(diagramOf(text)))?.[1];
    assert.equal(statusClass(example('onboarding-review')), 'status-4');
    assert.equal(statusClass(example('invoice-matching')), 'status-3', 'four present, none complete');
    assert.equal(statusClass(withoutLearning(example('invoice-matching'))), 'status-3', 'three present');
  });

  it('onboarding-review SVG: the boundary, the counts, a link from screen to analyst, hand-off and crossing marks', () => {
    const d = diagramOf(example('onboarding-review'));
    const els = assertSvgMatches(d, renderSvg(d));
    const all = els.map(textOf).join('\n');
    assert.ok(els.some((e) => e.attrs['data-counts'] === '3 crossings · 2 hand-offs'));
    assert.match(all, /HUMAN–MACHINE BOUNDARY/);
    assert.match(all, /Customer onboarding case reviewed and decision issued within 24 hours/);
    assert.match(all, /4 of 4 elements/);
    assert.match(all, /cycle-time: 40 → 24 hours/);
    const link = els.find((e) => e.attrs.class === 'accountable-link' && e.attrs['data-for'] === 'screen');
    assert.ok(link, 'screen links to its accountable human');
    assert.equal(link.attrs['data-accountable'], 'analyst');
    const linkLabel = els.find((e) => /\blink-accountable\b/.test(e.attrs.class ?? '') && e.attrs['data-for'] === 'screen');
    assert.ok(linkLabel && /accountable: analyst/.test(textOf(linkLabel)), 'its label names the analyst');
    assert.equal(withAttr(els, 'data-gap').length, 0, 'no gap in the complete example');
    assert.ok(els.some((e) => e.attrs['data-step'] === 'decide' && e.attrs['data-mode'] === 'hybrid' && /\bstraddles\b/.test(e.attrs.class!)));
    // Each crossing edge carries its mark; the legend explains every mark.
    for (const c of withAttr(els, 'data-crossing')) assert.ok(c.children.some((k) => k.attrs.class === 'cross-marker'));
    const legend = withAttr(els, 'data-legend').map((e) => e.attrs['data-legend']);
    for (const key of ['lane-human', 'lane-ai-agent', 'lane-automation', 'boundary', 'decision', 'hybrid', 'flow', 'exception', 'crossing', 'handoff', 'accountable', 'gap', 'findings', 'end']) {
      assert.ok(legend.includes(key), `legend explains ${key}`);
    }
  });

  it('invoice-matching (drafted without its learning loop): the gap at match, the unassigned lane, findings on the right nodes', () => {
    const d = diagramOf(withoutLearning(example('invoice-matching')));
    assert.deepEqual(node(d, 'match').accountable, { missing: true });
    assert.equal(node(d, 'ingest').accountable, undefined);
    assert.equal(d.elements.count, 3);
    assert.equal(d.elements.label, '3 of 4 — no learning loop: the unit will plateau');
    // The header's chips give each element's state, as the code lens tooltip does, not only whether it is there.
    assert.deepEqual(
      d.header.elementChips.map((c) => [c.state, c.text.lines.join(' '), c.detail]),
      [
        ['incomplete', '◐ outcome', '◐ 1. outcome: incomplete (2 findings)'],
        ['incomplete', '◐ execution logic', '◐ 2. execution logic: incomplete (1 finding)'],
        ['incomplete', '◐ execution structure', '◐ 3. execution structure: incomplete (3 findings)'],
        ['missing', '✗ learning loop', '✗ 4. learning loop: missing'],
      ],
    );
    // approve has no performer: it sits in the unassigned lane, in the neutral band after the machines, on neither side.
    const unassigned = d.lanes.find((l) => l.actor === UNASSIGNED_LANE)!;
    assert.equal(unassigned.band, 'neutral');
    assert.equal(unassigned.kind, 'unknown');
    assert.ok(unassigned.y > Math.max(...d.lanes.filter((l) => l.band === 'machine').map((l) => l.y + l.height)), 'set apart, after the machines');
    // pay's `next: archive` names no step: a dangling edge with the name, not a flow that ends.
    const dangling = d.edges.filter((e) => e.dangling);
    assert.deepEqual(dangling.map((e) => [e.from, e.to]), [['pay', 'pay-run']]);
    assert.match(dangling[0]!.text!.lines.join(' '), /pay-run/);
    assert.ok(!d.edges.some((e) => e.from === 'pay' && e.to === 'end'), 'pay does not end the flow');
    assert.equal(node(d, 'approve').mode, 'unassigned');
    assert.equal(node(d, 'approve').accountable, undefined);
    const rules = (s: string) => node(d, s).findings.map((f) => f.rule).sort();
    assert.deepEqual(rules('ingest'), []);
    assert.deepEqual(rules('match'), ['machine-step-without-accountable']);
    assert.deepEqual(rules('approve'), ['decision-without-human', 'step-without-owner']);
    assert.deepEqual(rules('pay'), ['unknown-step']);
    assert.equal(node(d, 'pay').findings[0]!.severity, 'error');
    // Unit-level findings and hints belong to no node.
    assert.ok(!d.nodes.some((n) => n.findings.some((f) => f.rule === 'unused-actor' || f.rule === 'no-exception-rules' || f.severity === 'hint')));

    const els = assertSvgMatches(d, renderSvg(d));
    const gaps = withAttr(els, 'data-gap');
    assert.deepEqual(gaps.map((g) => g.attrs['data-gap']), ['match']);
    assert.match(textOf(gaps[0]!), /no accountable\s*human/); // wrapped: one tspan a line
    // Badges: one per finding, the message as tooltip.
    const matchNode = els.find((e) => e.attrs['data-step'] === 'match')!;
    const badge = (function find(e: El): El | undefined {
      if (e.attrs['data-rule'] === 'machine-step-without-accountable') return e;
      for (const c of e.children) {
        const f = find(c);
        if (f) return f;
      }
      return undefined;
    })(matchNode);
    assert.ok(badge, 'a badge for the finding');
    assert.equal(badge.attrs['data-severity'], 'warning');
    assert.equal(textOf(badge.children.find((c) => c.name === 'title')!), node(d, 'match').findings[0]!.message);
    assert.ok(els.some((e) => e.attrs['data-counts'] === '0 crossings · 0 hand-offs · 1 accountability gap'));
  });

  it('incident-triage: hybrid major-incident spans its lanes; classify links to shift-agent', () => {
    const d = diagramOf(example('incident-triage'));
    const mi = node(d, 'major-incident');
    assert.equal(mi.mode, 'hybrid');
    const lane = (a: string) => d.lanes.find((l) => l.actor === a)!;
    assert.ok(mi.y < lane('shift-agent').y + lane('shift-agent').height / 2);
    assert.ok(mi.y + mi.height > lane('itsm').y + lane('itsm').height / 2);
    assert.deepEqual(node(d, 'classify').accountable, { actor: 'shift-agent' });
    assert.deepEqual(mi.accountable, { actor: 'desk-manager' });
    // It spans only its performers' lanes: not the classifier's.
    assert.deepEqual(mi.lanes, ['shift-agent', 'itsm']);
    assert.equal(node(d, 'classify').expectedDuration, '1m');
    assert.match(node(d, 'classify').texts.duration!.lines.join(' '), /1m/);
    // Three routes into confirm: each at a port of its own, each crossing marker apart from the others.
    const into = d.edges.filter((e) => e.to === 'confirm' && e.kind === 'exception');
    assert.equal(into.length, 3);
    const ends = into.map((e) => e.points[e.points.length - 1]!);
    assert.equal(new Set(ends.map((p) => `${p.x},${p.y}`)).size, 3, 'three ports');
    const markers = d.edges.filter((e) => e.marker).map((e) => e.marker!);
    assert.equal(markers.length, d.edges.filter((e) => e.crossing).length, 'one marker per crossing edge');
    for (let i = 0; i < markers.length; i++) for (let j = i + 1; j < markers.length; j++) assert.ok(Math.hypot(markers[i]!.x - markers[j]!.x, markers[i]!.y - markers[j]!.y) >= 18, 'markers apart');
    assert.equal(d.within, '15m');
    // Exception routes do not coincide with flow edges: no shared segment.
    const segs = (pts: { x: number; y: number }[]) => pts.slice(1).map((p, i) => [pts[i]!, p] as const);
    const flowSegs = d.edges.filter((e) => e.kind !== 'exception').flatMap((e) => segs(e.points));
    for (const ex of d.edges.filter((e) => e.kind === 'exception')) {
      for (const [a, b] of segs(ex.points)) {
        for (const [c, e] of flowSegs) {
          const sameLine = (a.x === b.x && c.x === e.x && a.x === c.x) || (a.y === b.y && c.y === e.y && a.y === c.y);
          if (!sameLine) continue;
          const [lo1, hi1] = a.x === b.x ? [Math.min(a.y, b.y), Math.max(a.y, b.y)] : [Math.min(a.x, b.x), Math.max(a.x, b.x)];
          const [lo2, hi2] = a.x === b.x ? [Math.min(c.y, e.y), Math.max(c.y, e.y)] : [Math.min(c.x, e.x), Math.max(c.x, e.x)];
          assert.ok(hi1 <= lo2 || hi2 <= lo1, `${ex.exception?.id} shares a segment with a flow edge`);
        }
      }
    }
  });
});

describe('diagram: SVG and HTML safety', () => {
  const HOSTILE = `<img src=x onerror=alert(1)>`;
  const QUOTES = `"'&<>`;
  const xss = `workunit: 1
id: "${QUOTES.replace(/"/g, '\\"')}-unit"
name: "${HOSTILE} ${QUOTES.replace(/"/g, '\\"')}"
owner: "</script>"
outcome:
  statement: "Done within 1 day ${HOSTILE}"
  within: "</script>"
  measuredBy: [m1]
actors:
  "</script>": { kind: human, role: "${HOSTILE}" }
  "<b>bot</b>": { kind: ai-agent, model: "${QUOTES.replace(/"/g, '\\"')}" }
  "a&b": { kind: automation, system: "</script><script>alert(1)</script>" }
steps:
  - id: "${HOSTILE}"
    name: "${HOSTILE}"
    performer: ["</script>", "<b>bot</b>"]
    accountable: "</script>"
    decision: "Is it ${QUOTES.replace(/"/g, '\\"')} ${HOSTILE}?"
  - id: "s2 ${QUOTES.replace(/"/g, '\\"')}"
    name: "</script>"
    performer: "<b>bot</b>"
  - id: s3
    performer: "a&b"
    next: "${HOSTILE}"
exceptions:
  - id: "x ${QUOTES.replace(/"/g, '\\"')}"
    when: "Trigger ${QUOTES.replace(/"/g, '\\"')} ${HOSTILE} </script>"
    at: "s2 ${QUOTES.replace(/"/g, '\\"')}"
    owner: "</script>"
    then: "${HOSTILE}"
learning:
  metrics:
    - { id: "m1", kind: custom, unit: "${QUOTES.replace(/"/g, '\\"')} </script> ${HOSTILE}", baseline: 1, target: 2 }
  review: { cadence: weekly, owner: "</script>" }
`;

  it('every string from the file comes out as text, never as markup', () => {
    const a = analyzeText(xss);
    assert.equal(a.parsed, true);
    const d = layoutDiagram(a.unit, a.findings);
    // The hostile strings reached the diagram…
    assert.equal(d.nodes[0]!.step, HOSTILE);
    assert.equal(d.nodes[0]!.label, HOSTILE);
    assert.ok(d.lanes.some((l) => l.actor === '</script>'));
    assert.ok(d.crossings.length > 0 && d.handoffs.length > 0);
    for (const [theme, standalone] of [
      ['light', true],
      ['dark', true],
      ['light', false],
    ] as const) {
      const svg = renderSvg(d, { theme, standalone });
      // …and come out only escaped.
      assert.ok(!svg.includes('<img'), 'no <img');
      assert.ok(!svg.includes('<b>'), 'no <b>');
      assert.ok(!svg.includes(HOSTILE));
      assert.ok(svg.includes(escapeXml(HOSTILE)));
      assert.ok(!/"'&<>/.test(svg) && !svg.includes(`&"`) && !/&(?!(amp|lt|gt|quot|#39);)/.test(svg), 'every & is an entity');
      const els = checkSvgSafety(svg);
      // Round trip: the attributes hold exactly the file's strings.
      assert.ok(els.some((e) => e.attrs['data-step'] === HOSTILE && e.attrs['data-mode'] === 'hybrid'));
      assert.ok(els.some((e) => e.attrs['data-actor'] === '</script>' && e.attrs['data-lane'] === 'human'));
      assert.ok(els.some((e) => e.attrs['data-actor'] === '<b>bot</b>' && e.attrs['data-lane'] === 'machine'));
      assert.ok(els.some((e) => e.attrs['data-handoff'] === `x ${QUOTES}`));
      assert.ok(els.some((e) => e.attrs['data-crossing'] === `s2 ${QUOTES}->${HOSTILE}`));
      const texts = els.map(textOf).join('\n');
      assert.ok(texts.includes(`owner: </script>`), 'exception owner as text');
      assert.ok(texts.includes(`Trigger ${QUOTES}`), 'trigger as text');
      assert.ok(texts.includes(`${QUOTES} </script>`), 'metric unit as text');
      assert.ok(texts.includes(`Is it ${QUOTES}`), 'question as text');
      assert.ok(texts.includes(`"${QUOTES}-unit"`) || texts.includes(HOSTILE), 'names as text');
    }
    const html = renderHtml(d, {});
    assert.ok(!html.includes('<img') && !html.includes('<b>') && !/<script/i.test(html));
    assert.match(html, /<title>&lt;img src=x onerror=alert\(1\)&gt; &quot;&#39;&amp;&lt;&gt;<\/title>/);
  });

  it('escapeXml: the five characters, and characters XML forbids', () => {
    assert.equal(escapeXml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.equal(escapeXml('a\u0000b\u0007c\td\ne\uD800f\uFFFF'), 'a\uFFFDb\uFFFDc\td\ne\uFFFDf\uFFFD');
    assert.equal(escapeXml('emoji 😀 stays'), 'emoji 😀 stays');
    const d = diagramOf('workunit: 1\nid: t\nname: "bell \\a and nul \\0"\nsteps:\n  - { id: a, name: "\\x01" }\n');
    checkSvgSafety(renderSvg(d));
  });

  it('the HTML page: no script, a strict CSP, the unit name as title, the SVG inline', () => {
    const d = diagramOf(example('onboarding-review'));
    const html = renderHtml(d, { theme: 'dark' });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">/);
    assert.match(html, /<title>Customer onboarding case review<\/title>/);
    assert.doesNotMatch(html, /<script|\son[a-z]+=|<link|<img|<iframe/i);
    assert.deepEqual(html.match(/https?:[^"\s]*/g), ['http://www.w3.org/2000/svg']);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    assertSvgMatches(d, svg);
    // The embedded SVG carries no style of its own: the page's head has it.
    assert.doesNotMatch(svg, /<style/);
    assert.match(html, /<style>[\s\S]*var\(--vscode-editor-foreground, #d4d4d4\)/);
  });

  it('themes: CSS custom properties with VS Code variables first, light or dark fallbacks', () => {
    const d = diagramOf(example('incident-triage'));
    const light = renderSvg(d);
    const dark = renderSvg(d, { theme: 'dark' });
    assert.match(light, /var\(--vscode-editor-foreground, #1f2328\)/);
    assert.match(light, /var\(--vscode-editor-background, #ffffff\)/);
    assert.match(dark, /var\(--vscode-editor-background, #1e1e1e\)/);
    // Embedded: no XML declaration and no <style> (the host page adds diagramCss()).
    const embedded = renderSvg(d, { standalone: false });
    assert.match(embedded, /^<svg /);
    assert.doesNotMatch(embedded, /<style/);
  });
});

describe('diagram: text wrapping', () => {
  it('wraps by words, breaks after hyphens and inside over-long words, never cuts', () => {
    assert.deepEqual(wrapAll('short', 200, 12), ['short']);
    assert.deepEqual(wrapAll('Screen identity and sanctions lists', 150, 12.5, 'bold'), ['Screen identity and', 'sanctions lists']);
    const long = 'one two three four five six seven eight nine ten eleven twelve';
    assert.equal(wrapAll(long, 80, 12).join(' '), long);
    assert.deepEqual(wrapAll('desk-manager', 70, 13, 'bold'), ['desk-', 'manager']);
    const word = 'x'.repeat(40);
    const lines = wrapAll(word, 50, 12);
    assert.equal(lines.join(''), word);
    for (const l of lines) assert.ok(textWidth(l, 12) <= 50);
    assert.deepEqual(wrapAll('', 100, 12), ['']);
  });

  it('measures the widest word: a hyphenated one by its pieces, Chinese and Japanese by the character', () => {
    assert.equal(widestWord('Capture incident from email', 12), textWidth('incident', 12));
    assert.equal(widestWord('desk-manager', 13, 'bold'), textWidth('manager', 13, { bold: true }));
    assert.equal(widestWord('請求書を受け取り', 12), textWidth('請', 12));
    assert.equal(widestWord('KYC 照合エンジン v2', 12), textWidth('KYC', 12));
    // The width it gives is one wrapAll keeps every word whole at.
    const name = 'Propose category, priority and resolver group';
    assert.deepEqual(wrapAll(name, widestWord(name, 12.5, 'bold'), 12.5, 'bold'), ['Propose', 'category,', 'priority', 'and', 'resolver', 'group']);
  });
});

describe('diagram: fits the width it is given', () => {
  const twelve = generateUnit(12);
  for (const [name, text] of [...exampleFiles.map((f) => [f.replace('.workunit.yaml', ''), example(f.replace('.workunit.yaml', ''))] as const), ['12 steps', twelve] as const]) {
    it(`${name} at 600 px: top to bottom, no wider than 600, text 11 px or more, nothing overlapping`, () => {
      const d = diagramOf(text, 600);
      assert.equal(d.orientation, 'vertical');
      assert.ok(d.width <= 600, `${d.width} wide`);
      assertBands(d);
      assertNodesInLanes(d);
      assertNoOverlaps(d);
      assertEdgesRouted(d);
      assertTextClear(d);
      assertSvgMatches(d, renderSvg(d));
    });
  }

  /** The block's lines joined back, as wrapAll broke them: at a space, or after a hyphen. A word broken between characters does not join back. */
  const joined = (b: TextBlock) => b.lines.reduce((text, line, i) => (i === 0 ? line : text.endsWith('-') ? text + line : `${text} ${line}`), '');
  for (const width of [420, 520]) {
    it(`in a side panel ${width} px wide, no word of a node or a lane header is broken between characters`, () => {
      // One word wider than a header's room beside its glyph: the header puts the glyph on a row of its own.
      const longWord = 'workunit: 1\nid: lang\nactors:\n  Sachbearbeiterinnenkoordination: { kind: human, role: Bearbeitung }\n  erp: { kind: automation }\nsteps:\n  - { id: pruefen, name: Eingangsrechnungsprüfung durchführen, performer: Sachbearbeiterinnenkoordination }\n  - { id: buchen, name: Buchen, performer: erp }\n';
      for (const [name, text] of [...exampleFiles.map((f) => [f, example(f.replace('.workunit.yaml', ''))] as const), ['12 steps', twelve] as const, ['a long word', longWord] as const]) {
        const d = diagramOf(text, width);
        assert.equal(d.orientation, 'vertical', name);
        for (const n of d.nodes) {
          assert.equal(joined(n.texts.label), oneLine(n.label), `${name}: ${n.step}`);
          assert.equal(joined(n.texts.id), n.step, `${name}: ${n.step}`);
          if (n.texts.question) assert.equal(joined(n.texts.question), n.question ? `“${oneLine(n.question)}”` : 'decision', `${name}: ${n.step}`);
        }
        for (const l of d.lanes) {
          assert.equal(joined(l.texts.label), l.label, `${name}: lane ${l.actor}`);
          if (l.texts.detail) assert.equal(joined(l.texts.detail), oneLine(l.detail ?? ''), `${name}: lane ${l.actor}`);
        }
        assertNodesInLanes(d);
        assertNoOverlaps(d);
        assertTextClear(d);
      }
    });
  }

  it('a space taller than wide goes down; a wide one across', () => {
    const a = analyzeText(example('onboarding-review'));
    assert.equal(layoutDiagram(a.unit, a.findings, { width: 800, height: 900 }).orientation, 'vertical');
    assert.equal(layoutDiagram(a.unit, a.findings, { width: 2400, height: 900 }).orientation, 'horizontal');
    assert.equal(layoutDiagram(a.unit, a.findings).orientation, 'horizontal');
  });

  it('every text of the examples across is clear of every other', () => {
    for (const f of exampleFiles) assertTextClear(diagramOf(example(f.replace('.workunit.yaml', ''))));
  });
});

describe('diagram: units of any shape', () => {
  it('200 steps: every node placed, no overlaps, all in their lanes', () => {
    const d = diagramOf(generateUnit(200));
    assert.equal(d.nodes.length, 200);
    assertBands(d);
    assertNodesInLanes(d);
    assertNoOverlaps(d);
    assertEdgesRouted(d);
    assert.ok(d.nodes.every((n) => n.x + n.width <= d.width && n.y + n.height <= d.height));
    const svg = renderSvg(d);
    assertSvgMatches(d, svg);
  });

  const degenerate: [string, string][] = [
    ['empty file', ''],
    ['only a version', 'workunit: 1\n'],
    ['a list at the top', '- a\n- b\n'],
    ['a scalar', 'hello\n'],
    ['no steps', 'workunit: 1\nid: t\nname: T\nactors:\n  p: { kind: human }\n  m: { kind: automation }\n'],
    ['no actors', 'workunit: 1\nid: t\nsteps:\n  - { id: a, performer: ghost }\n  - { id: b }\n  - id: c\n    performer: [ghost, other]\n'],
    ['only people', 'workunit: 1\nactors:\n  p: { kind: human }\nsteps:\n  - { id: a, performer: p, decision: true }\n'],
    ['only machines', 'workunit: 1\nactors:\n  m: { kind: ai-agent }\nsteps:\n  - { id: a, performer: m, decision: true }\n'],
    ['wrong shapes', 'workunit: 1\nsteps: 5\nactors: [1, 2]\nexceptions: {a: 1}\nlearning: 3\noutcome: yes\n'],
    ['steps that are not mappings', 'workunit: 1\nsteps:\n  - 3\n  - [a]\n  - null\n  - { id: a, performer: { x: 1 }, next: { y: 2 } }\n'],
    ['actor with a bad kind', 'workunit: 1\nactors:\n  x: { kind: robot }\n  y: 3\nsteps:\n  - { id: a, performer: [x, y] }\n'],
    ['loops and self routes', 'workunit: 1\nactors:\n  p: { kind: human }\n  m: { kind: automation }\nsteps:\n  - { id: a, performer: m }\n  - { id: b, performer: p, next: [a, b, c, end] }\n  - { id: c, performer: m, next: [a] }\nexceptions:\n  - { id: e1, at: [a, b, c], owner: p, then: a }\n  - { id: e2, at: c, owner: p, then: end }\n  - { id: e3, at: b, then: b }\n'],
    ['duplicate ids', 'workunit: 1\nactors:\n  m: { kind: automation }\nsteps:\n  - { id: a, performer: m }\n  - { id: a, performer: m }\n  - { performer: m }\n  - { performer: m }\nexceptions:\n  - { at: a, owner: m, then: a }\n'],
    ['skips over tall nodes', 'workunit: 1\nactors:\n  p: { kind: human }\n  q: { kind: human }\n  m: { kind: automation }\n  n: { kind: ai-agent }\nsteps:\n  - { id: a, performer: p, next: [d] }\n  - { id: b, performer: [p, m] }\n  - { id: c, performer: [q, n, m] }\n  - { id: d, performer: m }\n'],
    ['unknown references', 'workunit: 1\nactors:\n  m: { kind: automation }\nsteps:\n  - { id: a, performer: m, accountable: nobody, next: nowhere }\nexceptions:\n  - { id: e, at: [nowhere, a], owner: nobody, then: nowhere }\n'],
  ];
  for (const [name, text] of degenerate) {
    it(`${name}: lays out and renders without throwing`, () => {
      const d = diagramOf(text);
      assertBands(d);
      assertNoOverlaps(d);
      assertNodesInLanes(d);
      assertEdgesRouted(d);
      assert.ok(boundaryAt(d) > 0 && d.width > 0 && d.height > boundaryAt(d));
      assertSvgMatches(d, renderSvg(d));
      assertSvgMatches(d, renderSvg(d, { theme: 'dark', standalone: false }));
      parseXml(renderHtml(d, {}).replace(/^<!DOCTYPE html>\n/, '').replace(/<meta[^>]*>/g, ''));
    });
  }

  it('no steps and no actors: both bands still show, with the boundary between', () => {
    const d = diagramOf('workunit: 1\nid: t\n');
    assert.deepEqual([d.lanes, d.nodes, d.edges], [[], [], []]);
    const svg = renderSvg(d);
    assert.match(svg, /No people in this unit/);
    assert.match(svg, /No machines in this unit/);
    assert.match(svg, /HUMAN–MACHINE BOUNDARY/);
    assert.equal(d.title, 't');
  });

  it('every example cut at every line boundary lays out and renders', () => {
    for (const file of exampleFiles) {
      const lines = example(file.replace('.workunit.yaml', '')).split('\n');
      for (let k = 0; k <= lines.length; k++) {
        const text = lines.slice(0, k).join('\n');
        const a = analyzeText(text);
        const d = layoutDiagram(a.unit, a.findings);
        assertNoOverlaps(d);
        checkSvgSafety(renderSvg(d));
      }
    }
  });
});
