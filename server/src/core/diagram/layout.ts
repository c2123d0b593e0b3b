/**
 * The swimlane layout of the boundary diagram: a pure, deterministic function
 * of the unit model (and its findings) to the `Diagram` contract in types.ts.
 *
 * - One lane per actor, in two bands: people (human actors, in the order the
 *   file declares them) above the boundary, machines (AI agents, then
 *   automations) below it. Lanes for what stands on neither side yet — actors
 *   with no valid `kind`, performers that are not declared, and `unassigned`
 *   for steps with no performer — go at the bottom of the people band, just
 *   above the boundary: someone still has to decide who does that work, which
 *   is a decision people make. They are drawn grey and hatched, never like a
 *   person's lane, and their `kind` is `unknown`.
 * - One column per step, left to right in list order, so no two nodes can
 *   overlap. A node sits in its performer's lane; a node with several
 *   performers spans from its topmost to its bottom-most performer lane (a
 *   hybrid one therefore straddles the boundary).
 * - Flow edges leave a node's right side and enter the next node's left side
 *   as orthogonal polylines, turning in the gaps between columns; a flow that
 *   skips columns runs at a height no node in between occupies. Exception
 *   routes — and flows that go back to an earlier step — run on their own
 *   tracks in a gutter below the lanes (above them when both ends are people's
 *   steps), leaving from a node's bottom (top), so they never coincide with
 *   flow edges. An edge to `end` stops at an end marker just right of its
 *   source (for an exception route: on its track); the edge's last point is
 *   the marker's centre.
 *
 * What the renderer adds (labels, accountable links, hand-off arrows, the
 * header and the legend) it derives from this data and frame.ts, so the data
 * contract carries nothing else.
 */
import type { Finding } from '../rules/types';
import { stepMode } from '../model/queries';
import type { Step, StepMode, UnitModel } from '../model/types';
import { elementStatus } from '../navigation/elements';
import { crossingsAndHandoffs, edgeCrosses, exceptionKey, stepKey } from './boundary';
import { EXCEPTION_LABEL_MIN, FIRST_COLUMN_X, G, headerGeometry, legendHeight } from './frame';
import type { Diagram, DiagramEdge, DiagramLane, DiagramNode, LaneKind, Point } from './types';
import { maxOf, minOf } from '../collections';

/** The actor id of the lane for steps without a performer. */
export const UNASSIGNED_LANE = '~unassigned';

interface LaneSpec {
  actor: string;
  kind: LaneKind;
  band: 'human' | 'machine';
  label: string;
  detail?: string;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Placed extends Rect {
  index: number;
  decision: boolean;
  top: number;
  bottom: number;
}

/** A route in a gutter: an exception route, a flow back to an earlier step, or a flow no free height could carry. */
interface GutterRoute {
  edge: number;
  side: 'above' | 'below';
  from: number;
  to: number | 'end';
  /** Leaves from the right side and turns in the gaps (flows) rather than from the bottom/top (exception routes). */
  viaGaps: boolean;
  lo: number;
  hi: number;
  track: number;
}

export function layoutDiagram(unit: UnitModel, findings: Finding[] = []): Diagram {
  const steps = unit.steps?.items ?? [];
  const modes: StepMode[] = steps.map((s) => stepMode(unit, s));
  const status = elementStatus(unit, findings);
  const { crossings, handoffs } = crossingsAndHandoffs(unit);

  // ---- Lanes, in band order.
  const lanes = laneSpecs(unit, steps);
  const laneIndex = new Map(lanes.map((l, i) => [l.actor, i]));
  const spans = steps.map((s) => {
    const idx = uniq(s.performers.map((p) => p.name))
      .map((n) => laneIndex.get(n))
      .filter((i): i is number => i !== undefined);
    if (idx.length === 0) idx.push(laneIndex.get(UNASSIGNED_LANE) ?? 0);
    return { top: minOf(idx), bottom: maxOf(idx) };
  });
  const laneHeights = lanes.map((_, i) =>
    steps.some((s, k) => s.isDecision && spans[k]!.top === i && spans[k]!.bottom === i) ? G.decisionLaneH : G.laneH,
  );

  // ---- Columns.
  const colX: number[] = [];
  const colW: number[] = [];
  let x = FIRST_COLUMN_X;
  for (const s of steps) {
    colX.push(x);
    colW.push(s.isDecision ? G.decisionW : G.nodeW);
    x += colW[colW.length - 1]! + G.colGap;
  }
  const contentRight = steps.length > 0 ? x : FIRST_COLUMN_X + G.nodeW + G.colGap;
  const width = Math.max(G.minWidth, Math.ceil(contentRight + G.margin));
  /** The x of gap g's middle: gap 0 is before the first column, gap g (g ≥ 1) after column g-1. */
  const gapMid = (g: number): number => (g === 0 ? FIRST_COLUMN_X - G.firstGap / 2 : colX[g - 1]! + colW[g - 1]! + G.colGap / 2);
  const colCx = (i: number): number => colX[i]! + colW[i]! / 2;

  // ---- Edges: deduplicated (`next: [a, a]` is one edge).
  const seenEdge = new Set<string>();
  const modelEdges = unit.edges.filter((e) => {
    const key = `${e.from}>${e.to}|${e.kind}|${e.exception ?? ''}`;
    if (seenEdge.has(key)) return false;
    seenEdge.add(key);
    return e.from < steps.length && (e.to === 'end' || e.to < steps.length);
  });
  const touchesPeople = (i: number): boolean => lanes[spans[i]!.top]?.band === 'human';

  // Gutter routes known before the vertical layout: exception routes and flows backwards.
  const gutter: GutterRoute[] = [];
  modelEdges.forEach((e, k) => {
    const back = e.kind !== 'exception' && e.to !== 'end' && e.to <= e.from;
    if (e.kind !== 'exception' && !back) return;
    const above = touchesPeople(e.from) && (e.to === 'end' || touchesPeople(e.to));
    let lo: number;
    let hi: number;
    if (back) {
      lo = gapMid(e.to as number) - 12;
      hi = gapMid(e.from + 1) + 12;
    } else {
      const a = colCx(e.from);
      const b = e.to === 'end' ? a + 64 : colCx(e.to);
      lo = Math.min(a, b) - 24;
      // Room for the route's label, which starts at the left end of its track.
      hi = Math.max(Math.max(a, b) + 24, lo + EXCEPTION_LABEL_MIN + 24);
    }
    gutter.push({ edge: k, side: above ? 'above' : 'below', from: e.from, to: e.to, viaGaps: back, lo, hi, track: -1 });
  });
  const tracksAbove = assignTracks(gutter.filter((r) => r.side === 'above'));

  // ---- Vertical layout: header, top gutter, people band, boundary, machine band.
  const nodeGaps = steps.filter((s, i) => accountableOf(unit, s, modes[i]!, undefined)?.missing).length;
  const header = headerGeometry(
    {
      title: diagramTitle(unit),
      unitId: unit.id?.value,
      statement: unit.outcome?.statement?.value,
      within: unit.outcome?.within?.value,
      elements: status,
      metrics: metricsOf(unit),
      crossings,
      handoffs,
      gaps: nodeGaps,
    },
    width,
  );
  const topGutter = tracksAbove > 0 ? G.trackFirst + (tracksAbove - 1) * G.trackGap + G.gutterPad + 6 : 0;
  const peopleTop = G.margin + header.height + 16 + topGutter;
  const laneY: number[] = [];
  let y = peopleTop;
  const people = lanes.filter((l) => l.band === 'human').length;
  lanes.forEach((_, i) => {
    if (i === people) {
      // The boundary: an empty people band still takes room, so both bands always show.
      if (people === 0) y += G.emptyBandH;
    }
    laneY.push(y);
    y += laneHeights[i]!;
  });
  const boundaryY = people > 0 ? laneY[people - 1]! + laneHeights[people - 1]! : peopleTop + G.emptyBandH;
  const machineBottom = lanes.length > people ? y : boundaryY + G.emptyBandH;

  const diagramLanes: DiagramLane[] = lanes.map((l, i) => {
    const lane: DiagramLane = { actor: l.actor, kind: l.kind, band: l.band, label: l.label, y: laneY[i]!, height: laneHeights[i]! };
    if (l.detail !== undefined) lane.detail = l.detail;
    return lane;
  });
  const laneCentre = (i: number): number => laneY[i]! + laneHeights[i]! / 2;

  // ---- Nodes.
  const placed: Placed[] = steps.map((s, i) => {
    const { top, bottom } = spans[i]!;
    const w = colW[i]!;
    let ny: number;
    let nh: number;
    if (top === bottom && !s.isDecision) {
      nh = G.nodeH;
      ny = laneY[top]! + (laneHeights[top]! - nh) / 2;
    } else {
      const m = s.isDecision ? G.diamondMargin : G.spanMargin;
      ny = laneY[top]! + m;
      nh = laneY[bottom]! + laneHeights[bottom]! - m - ny;
    }
    return { index: i, x: colX[i]!, y: ny, width: w, height: nh, decision: s.isDecision, top, bottom };
  });

  const nodes: DiagramNode[] = steps.map((s, i) => {
    const p = placed[i]!;
    const mode = modes[i]!;
    const node: DiagramNode = {
      step: stepKey(s),
      index: i,
      label: s.name ?? s.id ?? `Step ${i + 1}`,
      mode,
      isDecision: s.isDecision,
      performers: uniq(s.performers.map((r) => r.name)),
      straddles: mode === 'hybrid',
      x: p.x,
      y: p.y,
      width: p.width,
      height: p.height,
      findings: findings
        .filter((f) => f.severity !== 'hint' && f.span.start >= s.span.start && f.span.end <= s.span.end)
        .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message })),
      source: { start: s.span.start, end: s.span.end },
    };
    if (s.question !== undefined) node.question = s.question;
    const acc = accountableOf(unit, s, mode, (actor) => {
      const li = laneIndex.get(actor);
      return li === undefined ? undefined : laneCentre(li);
    });
    if (acc) node.accountable = acc.missing ? { missing: true } : { actor: acc.actor, laneY: acc.laneY };
    return node;
  });

  // ---- Flow edges: ports, then routes.
  const edges: DiagramEdge[] = modelEdges.map((e) => {
    const rule = e.kind === 'exception' && e.exception !== undefined ? unit.exceptions[e.exception] : undefined;
    const edge: DiagramEdge = {
      from: stepKey(steps[e.from]!),
      to: e.to === 'end' ? 'end' : stepKey(steps[e.to]!),
      kind: e.kind,
      points: [],
      crossing: edgeCrosses(e, modes),
    };
    if (rule) {
      const ex: NonNullable<DiagramEdge['exception']> = { id: exceptionKey(rule) };
      if (rule.when !== undefined) ex.when = rule.when;
      if (rule.owner !== undefined) ex.owner = rule.owner.name;
      edge.exception = ex;
    }
    return edge;
  });

  const cy = (i: number): number => placed[i]!.y + placed[i]!.height / 2;
  const portRange = (i: number): [number, number] => {
    const p = placed[i]!;
    if (p.decision) return [cy(i) - p.height * 0.3, cy(i) + p.height * 0.3];
    return [p.y + 14, p.y + p.height - 14];
  };
  /** Where a node would like an edge to attach: tall nodes anywhere in their range, one-lane nodes at their centre. */
  const wish = (i: number, towards: number): number => {
    const p = placed[i]!;
    const tall = p.top !== p.bottom;
    if (!tall) return cy(i);
    const [lo, hi] = portRange(i);
    return clamp(towards, lo, hi);
  };

  const isGutter = new Set(gutter.map((r) => r.edge));
  const forward = modelEdges.map((e, k) => ({ e, k })).filter(({ e, k }) => e.kind !== 'exception' && !isGutter.has(k));
  const outY = new Map<number, number>();
  const inY = new Map<number, number>();
  // Out-ports: right side. Loops also leave from the right side, towards their gutter.
  const outs = new Map<number, { k: number; want: number }[]>();
  for (const { e, k } of forward) {
    const want = e.to === 'end' ? cy(e.from) : wish(e.from, wish(e.to as number, cy(e.from)));
    push(outs, e.from, { k, want });
  }
  for (const r of gutter) {
    if (!r.viaGaps) continue;
    push(outs, r.from, { k: r.edge, want: r.side === 'above' ? -Infinity : Infinity });
  }
  for (const [i, list] of outs) spreadPorts(list, portRange(i), outY);
  const ins = new Map<number, { k: number; want: number }[]>();
  for (const { e, k } of forward) {
    if (e.to === 'end') continue;
    push(ins, e.to, { k, want: wish(e.to, outY.get(k)!) });
  }
  for (const r of gutter) {
    if (!r.viaGaps || r.to === 'end') continue;
    push(ins, r.to, { k: r.edge, want: r.side === 'above' ? -Infinity : Infinity });
  }
  for (const [i, list] of ins) spreadPorts(list, portRange(i), inY);

  const rightX = (i: number, py: number): number => sideX(placed[i]!, py, 'right');
  const leftX = (i: number, py: number): number => sideX(placed[i]!, py, 'left');

  // Vertical segments in the gaps get slots so that two edges never share one.
  const slotRequests = new Map<number, { k: number; order: number; set: (x: number) => void }[]>();
  const requestSlot = (gap: number, k: number, order: number, set: (x: number) => void) => push(slotRequests, gap, { k, order, set });

  const routes = new Map<number, Point[]>();
  for (const { e, k } of forward) {
    const i = e.from;
    const y1 = outY.get(k)!;
    const xr = rightX(i, y1);
    if (e.to === 'end') {
      routes.set(k, [pt(xr, y1), pt(colX[i]! + colW[i]! + 30, y1)]);
      continue;
    }
    const j = e.to;
    const y2 = inY.get(k)!;
    const xl = leftX(j, y2);
    if (j === i + 1) {
      if (Math.abs(y1 - y2) < 0.5) routes.set(k, [pt(xr, y1), pt(xl, y2)]);
      else {
        const pts = [pt(xr, y1), pt(0, y1), pt(0, y2), pt(xl, y2)];
        requestSlot(i + 1, k, Math.min(y1, y2), (gx) => ((pts[1]!.x = gx), (pts[2]!.x = gx)));
        routes.set(k, pts);
      }
      continue;
    }
    // Skipping columns: find a height free of every node in between.
    const between = placed.slice(i + 1, j);
    const free = (ty: number) => between.every((p) => ty < p.y - 8 || ty > p.y + p.height + 8);
    const candidates = uniq([y1, y2, ...lanes.flatMap((_, li) => [laneCentre(li), laneY[li]!])]).sort(
      (a, b) => Math.abs(a - y1) + Math.abs(a - y2) - (Math.abs(b - y1) + Math.abs(b - y2)) || a - b,
    );
    const ty = candidates.find(free);
    if (ty === undefined) {
      // Nowhere free between the lanes: take a track below them.
      const lo = gapMid(i + 1) - 12;
      const hi = gapMid(j) + 12;
      gutter.push({ edge: k, side: 'below', from: i, to: j, viaGaps: true, lo, hi, track: -1 });
      continue;
    }
    if (Math.abs(ty - y1) < 0.5 && Math.abs(ty - y2) < 0.5) routes.set(k, [pt(xr, y1), pt(xl, y2)]);
    else if (Math.abs(ty - y1) < 0.5) {
      const pts = [pt(xr, y1), pt(0, y1), pt(0, y2), pt(xl, y2)];
      requestSlot(j, k, Math.min(y1, y2), (gx) => ((pts[1]!.x = gx), (pts[2]!.x = gx)));
      routes.set(k, pts);
    } else if (Math.abs(ty - y2) < 0.5) {
      const pts = [pt(xr, y1), pt(0, y1), pt(0, y2), pt(xl, y2)];
      requestSlot(i + 1, k, Math.min(y1, y2), (gx) => ((pts[1]!.x = gx), (pts[2]!.x = gx)));
      routes.set(k, pts);
    } else {
      const pts = [pt(xr, y1), pt(0, y1), pt(0, ty), pt(0, ty), pt(0, y2), pt(xl, y2)];
      requestSlot(i + 1, k, Math.min(y1, ty), (gx) => ((pts[1]!.x = gx), (pts[2]!.x = gx)));
      requestSlot(j, k, Math.min(ty, y2), (gx) => ((pts[3]!.x = gx), (pts[4]!.x = gx)));
      routes.set(k, pts);
    }
  }

  // ---- Gutter routes: tracks below, then every gutter route's points.
  const tracksBelow = assignTracks(gutter.filter((r) => r.side === 'below'));
  const trackY = (r: GutterRoute): number =>
    r.side === 'above' ? peopleTop - G.trackFirst - r.track * G.trackGap : machineBottom + G.trackFirst + r.track * G.trackGap;

  // Exception routes attach at a node's bottom (below) or top (above), spread along it.
  const attach = new Map<string, { k: number; want: number; end: 'from' | 'to' }[]>();
  for (const r of gutter) {
    if (r.viaGaps) continue;
    const other = (i: number | 'end', self: number) => (i === 'end' ? colCx(self) + 1000 : colCx(i));
    push(attach, `${r.from}:${r.side}`, { k: r.edge, want: other(r.to, r.from), end: 'from' });
    if (r.to !== 'end') push(attach, `${r.to}:${r.side}`, { k: r.edge, want: other(r.from, r.to as number), end: 'to' });
  }
  const attachX = new Map<string, number>();
  for (const [key, list] of attach) {
    const i = Number(key.split(':')[0]);
    const p = placed[i]!;
    const sorted = [...list].sort((a, b) => a.want - b.want || a.k - b.k);
    const step = Math.min(16, (p.width * (p.decision ? 0.5 : 0.8)) / Math.max(1, sorted.length));
    sorted.forEach((a, n) => attachX.set(`${a.k}:${a.end}`, colCx(i) + (n - (sorted.length - 1) / 2) * step));
  }

  for (const r of gutter) {
    const ty = trackY(r);
    const e = modelEdges[r.edge]!;
    if (r.viaGaps) {
      const i = r.from;
      const j = r.to as number;
      const y1 = outY.get(r.edge) ?? cy(i);
      const y2 = inY.get(r.edge) ?? cy(j);
      const pts = [pt(rightX(i, y1), y1), pt(0, y1), pt(0, ty), pt(0, ty), pt(0, y2), pt(leftX(j, y2), y2)];
      requestSlot(i + 1, r.edge, r.side === 'below' ? y1 : ty, (gx) => ((pts[1]!.x = gx), (pts[2]!.x = gx)));
      requestSlot(j, r.edge, r.side === 'below' ? y2 : ty, (gx) => ((pts[3]!.x = gx), (pts[4]!.x = gx)));
      routes.set(r.edge, pts);
      continue;
    }
    const sx = attachX.get(`${r.edge}:from`)!;
    const sy = sideY(placed[e.from]!, sx, r.side === 'above' ? 'top' : 'bottom');
    if (r.to === 'end') {
      routes.set(r.edge, [pt(sx, sy), pt(sx, ty), pt(sx + 64, ty)]);
      continue;
    }
    const tx = attachX.get(`${r.edge}:to`)!;
    const tyNode = sideY(placed[r.to]!, tx, r.side === 'above' ? 'top' : 'bottom');
    routes.set(r.edge, [pt(sx, sy), pt(sx, ty), pt(tx, ty), pt(tx, tyNode)]);
  }

  // Gap slots: spread the vertical segments of each gap around its middle.
  for (const [gap, list] of slotRequests) {
    const sorted = [...list].sort((a, b) => a.order - b.order || a.k - b.k);
    const spacing = Math.min(10, (G.colGap - 60) / Math.max(1, sorted.length));
    sorted.forEach((s, n) => s.set(gapMid(gap) + 10 + (n - (sorted.length - 1) / 2) * spacing));
  }
  routes.forEach((pts, k) => (edges[k]!.points = simplify(pts)));

  const bottomGutter = tracksBelow > 0 ? G.trackFirst + (tracksBelow - 1) * G.trackGap + G.gutterPad : 0;
  const legendTop = machineBottom + bottomGutter + 28;
  const height = Math.ceil(legendTop + legendHeight(width) + G.margin);

  return {
    title: diagramTitle(unit),
    ...(unit.id?.value !== undefined ? { unitId: unit.id.value } : {}),
    ...(unit.outcome?.statement?.value !== undefined ? { statement: unit.outcome.statement.value } : {}),
    ...(unit.outcome?.within?.value !== undefined ? { within: unit.outcome.within.value } : {}),
    elements: {
      outcome: status.outcome,
      logic: status.logic,
      structure: status.structure,
      learning: status.learning,
      count: status.count,
      label: status.label,
    },
    metrics: metricsOf(unit),
    width,
    height,
    boundaryY,
    lanes: diagramLanes,
    nodes,
    edges,
    crossings,
    handoffs,
  };
}

function diagramTitle(unit: UnitModel): string {
  return unit.name ?? unit.id?.value ?? 'Untitled work unit';
}

function metricsOf(unit: UnitModel): Diagram['metrics'] {
  return (unit.learning?.metrics?.items ?? []).map((m) => {
    const out: Diagram['metrics'][number] = { id: m.id ?? `#${m.index + 1}` };
    if (m.kind !== undefined) out.kind = m.kind;
    if (m.unit !== undefined) out.unit = m.unit;
    if (m.baseline !== undefined) out.baseline = m.baseline;
    if (m.target !== undefined) out.target = m.target;
    return out;
  });
}

/**
 * The accountable human of a machine or hybrid step: a link to that person's
 * lane, or a gap. A gap is shown where the spec's rules want a human and
 * there is none — the step has an AI-agent performer, or it decides and no
 * person performs it — and wherever `accountable` names something that is
 * not a declared human. An automation-only step that decides nothing (and a
 * hybrid step without an AI agent) needs no one named: automations follow
 * fixed rules. Those steps get no `accountable` at all, so every drawn gap
 * matches a finding of `machine-step-without-accountable`,
 * `decision-without-human`, `accountable-not-human` or `unknown-actor`.
 */
function accountableOf(
  unit: UnitModel,
  step: Step,
  mode: StepMode,
  laneCentreOf: ((actor: string) => number | undefined) | undefined,
): { missing: true } | { missing?: undefined; actor: string; laneY: number } | undefined {
  if (mode !== 'machine' && mode !== 'hybrid') return undefined;
  const named = step.accountable?.name;
  if (named !== undefined) {
    if (unit.actors.get(named)?.kind !== 'human') return { missing: true };
    return { actor: named, laneY: laneCentreOf?.(named) ?? 0 };
  }
  const kinds = step.performers.map((p) => unit.actors.get(p.name)?.kind);
  const needs = kinds.includes('ai-agent') || (step.isDecision && !kinds.includes('human'));
  return needs ? { missing: true } : undefined;
}

function laneSpecs(unit: UnitModel, steps: Step[]): LaneSpec[] {
  const actors = [...unit.actors.values()];
  const lane = (a: (typeof actors)[number], kind: LaneKind, band: 'human' | 'machine'): LaneSpec => {
    const detail = a.kind === 'human' ? a.role : a.kind === 'ai-agent' ? (a.model ?? a.role) : a.kind === 'automation' ? (a.system ?? a.role) : undefined;
    const spec: LaneSpec = { actor: a.id, kind, band, label: a.id };
    if (detail !== undefined) spec.detail = detail;
    else if (kind === 'unknown') spec.detail = 'no valid kind';
    return spec;
  };
  const humans = actors.filter((a) => a.kind === 'human').map((a) => lane(a, 'human', 'human'));
  const agents = actors.filter((a) => a.kind === 'ai-agent').map((a) => lane(a, 'ai-agent', 'machine'));
  const automations = actors.filter((a) => a.kind === 'automation').map((a) => lane(a, 'automation', 'machine'));
  const unknownKind = actors.filter((a) => a.kind === undefined).map((a) => lane(a, 'unknown', 'human'));
  const undeclared = uniq(steps.flatMap((s) => s.performers.map((p) => p.name)).filter((n) => !unit.actors.has(n))).map(
    (n): LaneSpec => ({ actor: n, kind: 'unknown', band: 'human', label: n, detail: 'not declared in actors' }),
  );
  const unassigned: LaneSpec[] = steps.some((s) => s.performers.length === 0)
    ? [{ actor: UNASSIGNED_LANE, kind: 'unknown', band: 'human', label: 'unassigned', detail: 'steps with no performer' }]
    : [];
  return [...humans, ...unknownKind, ...undeclared, ...unassigned, ...agents, ...automations];
}

/** Greedy interval colouring, shortest routes nearest the lanes; returns how many tracks were used. */
function assignTracks(routes: GutterRoute[]): number {
  const tracks: [number, number][][] = [];
  const order = [...routes].sort((a, b) => a.hi - a.lo - (b.hi - b.lo) || a.lo - b.lo || a.edge - b.edge);
  for (const r of order) {
    let t = 0;
    while (tracks[t]?.some(([lo, hi]) => r.lo < hi + 8 && lo < r.hi + 8)) t++;
    (tracks[t] ??= []).push([r.lo, r.hi]);
    r.track = t;
  }
  return tracks.length;
}

/** Ports along one side of a node: each as near its wish as the others allow, at least 14 apart. */
function spreadPorts(list: { k: number; want: number }[], range: [number, number], out: Map<number, number>): void {
  const [lo, hi] = range;
  const sorted = [...list].sort((a, b) => a.want - b.want || a.k - b.k);
  const gap = Math.min(14, (hi - lo) / Math.max(1, sorted.length - 1));
  const ys = sorted.map((s) => clamp(Number.isFinite(s.want) ? s.want : s.want < 0 ? lo : hi, lo, hi));
  if (sorted.length > 1 && ys.every((v) => v === ys[0])) {
    // All want the same height: centre the group on it.
    const mid = clamp(ys[0]!, lo + ((sorted.length - 1) * gap) / 2, hi - ((sorted.length - 1) * gap) / 2);
    ys.forEach((_, n) => (ys[n] = mid + (n - (sorted.length - 1) / 2) * gap));
  } else {
    for (let n = 1; n < ys.length; n++) ys[n] = Math.max(ys[n]!, ys[n - 1]! + gap);
    for (let n = ys.length - 1; n >= 0; n--) ys[n] = Math.min(ys[n]!, n === ys.length - 1 ? hi : ys[n + 1]! - gap);
    for (let n = 0; n < ys.length; n++) ys[n] = Math.max(ys[n]!, lo);
  }
  sorted.forEach((s, n) => out.set(s.k, ys[n]!));
}

/** The x where a horizontal line at `y` meets a node's left or right side (diamonds for decisions). */
function sideX(p: Placed, y: number, side: 'left' | 'right'): number {
  if (!p.decision) return side === 'left' ? p.x : p.x + p.width;
  const halfW = p.width / 2;
  const halfH = p.height / 2;
  const cx = p.x + halfW;
  const dy = Math.min(halfH, Math.abs(y - (p.y + halfH)));
  const reach = halfW * (1 - dy / halfH);
  return side === 'left' ? cx - reach : cx + reach;
}

/** The y where a vertical line at `x` meets a node's top or bottom (diamonds for decisions). */
function sideY(p: Placed, x: number, side: 'top' | 'bottom'): number {
  if (!p.decision) return side === 'top' ? p.y : p.y + p.height;
  const halfW = p.width / 2;
  const halfH = p.height / 2;
  const cy = p.y + halfH;
  const dx = Math.min(halfW, Math.abs(x - (p.x + halfW)));
  const reach = halfH * (1 - dx / halfW);
  return side === 'top' ? cy - reach : cy + reach;
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const q = { x: round(p.x), y: round(p.y) };
    const last = out[out.length - 1];
    if (last && last.x === q.x && last.y === q.y) continue;
    const prev = out[out.length - 2];
    if (last && prev && ((prev.x === last.x && last.x === q.x) || (prev.y === last.y && last.y === q.y))) out.pop();
    out.push(q);
  }
  return out;
}

const round = (n: number): number => Math.round(n * 10) / 10;
const pt = (x: number, y: number): Point => ({ x, y });
const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
