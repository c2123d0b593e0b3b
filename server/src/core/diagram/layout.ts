/**
 * The boundary diagram's layout: a pure, deterministic function of the unit
 * model (and its findings) to the `Diagram` contract in types.ts, in phases,
 * each a module of its own:
 *
 *   graph.ts     0  the steps and edges the diagram draws (dangling ones too)
 *   lanes.ts     1  the lanes in three bands, and the lanes each step covers
 *   ordering.ts  2  one rank per step; how each edge travels (straight, along
 *                   a free lane, or on a gutter track)
 *   placement.ts 3  coordinates of bands, lanes and nodes (nodes.ts: what a
 *                   node holds and how tall that makes it), across or down
 *   routing.ts   4  every edge and link as an orthogonal polyline
 *   labels.ts    5  crossing markers and labels where they overlap nothing
 *   frame.ts        the header and the legend, wrapped to the width
 *
 * The orientation follows the space: given a width and a height, a space
 * taller than wide gets the flow top to bottom (lanes as columns, people on
 * the left); otherwise the flow runs left to right, unless that would not fit
 * the width given, in which case it goes down too.
 */
import { maxOf, minOf } from '../collections';
import type { UnitModel } from '../model/types';
import { elementStatus, elementSummary } from '../navigation/elements';
import type { Finding } from '../rules/types';
import { crossingsAndHandoffs } from './boundary';
import { FONT, G, headerLayout, legendLayout, type HeaderInput } from './frame';
import { inflate, textBlock, union } from './geometry';
import { graphOf, type LayoutGraph } from './graph';
import { besidePoint, besideRoute, alongRoute, labelBlock, MARKER_R, Placer } from './labels';
import { planLanes, UNASSIGNED_LANE, type LanePlan } from './lanes';
import { orderSteps, type Ordering } from './ordering';
import { placeAcross, placeDown, type Placement } from './placement';
import { route } from './routing';
import { oneLine } from './text';
import type { Box, Diagram, DiagramEdge, DiagramNode, Orientation, Point, StepFigures } from './types';

export { UNASSIGNED_LANE };

export interface LayoutOptions {
  /** The width to fit, in px at 100% (the panel's, or `render --width`). */
  width?: number;
  /** The height of the space, where there is one (the panel's). */
  height?: number;
  /** Per step (by its index in `steps`), its figures from the unit's log, where measured: drawn under the node. */
  figures?: readonly (StepFigures | undefined)[];
}

/** Across unless the space is taller than wide, or across would not fit the width. */
export function chooseOrientation(naturalAcrossWidth: number, opts: LayoutOptions): Orientation {
  if (opts.width === undefined) return 'horizontal';
  if (opts.height !== undefined && opts.height > opts.width) return 'vertical';
  return naturalAcrossWidth > opts.width ? 'vertical' : 'horizontal';
}

export function layoutDiagram(unit: UnitModel, findings: readonly Finding[] = [], opts: LayoutOptions = {}): Diagram {
  const graph = graphOf(unit, findings);
  graph.steps.forEach((s) => {
    const f = opts.figures?.[s.index];
    if (f) s.figures = f;
  });
  const plan = planLanes(unit, graph);
  const order = orderSteps(graph, plan);
  const status = elementStatus(unit, findings);
  const boundary = crossingsAndHandoffs(unit);
  const drawn = new Set(graph.edges.filter((e) => e.crossing && typeof e.to === 'number').map((e) => `${graph.steps[e.from]!.key}>${graph.steps[e.to as number]!.key}`));
  const crossings = boundary.crossings.filter((c) => drawn.has(`${c.from}>${c.to}`));
  const keyIndex = new Map<string, number>();
  graph.steps.forEach((s, i) => keyIndex.has(s.key) || keyIndex.set(s.key, i));
  const handoffs = boundary.handoffs.filter((h) => keyIndex.has(h.at));

  const metrics = (unit.learning?.metrics?.items ?? []).map((m) => {
    const out: Diagram['metrics'][number] = { id: m.id ?? `#${m.index + 1}` };
    if (m.kind !== undefined) out.kind = m.kind;
    if (m.unit !== undefined) out.unit = m.unit;
    if (m.baseline !== undefined) out.baseline = m.baseline;
    if (m.target !== undefined) out.target = m.target;
    return out;
  });
  const elements = elementSummary(status);
  const title = unit.name ?? unit.id?.value ?? 'Untitled work unit';
  const headerInput: HeaderInput = {
    title,
    elements,
    metrics,
    crossings,
    handoffs,
    gaps: graph.steps.filter((s) => s.accountable && 'missing' in s.accountable).length,
    ...(unit.outcome?.statement?.value !== undefined ? { statement: unit.outcome.statement.value } : {}),
    ...(unit.outcome?.within?.value !== undefined ? { within: unit.outcome.within.value } : {}),
  };

  const naturalAcross = Math.max(G.minWidth, placeAcross(graph, plan, order, 0).right);
  const orientation = chooseOrientation(naturalAcross, opts);
  const width = orientation === 'horizontal' ? naturalAcross : Math.max(320, opts.width ?? naturalAcross);
  const header = headerLayout(headerInput, width);
  const top = header.box.y + header.box.height;
  const place = orientation === 'horizontal' ? placeAcross(graph, plan, order, top) : placeDown(graph, plan, order, top, width);
  const drawing = draw(graph, plan, order, place, handoffs.map((h) => ({ exception: h.exception, at: keyIndex.get(h.at)!, owner: h.owner })), width, top);

  const right = Math.max(width, Math.ceil(place.right), Math.ceil(drawing.right + G.margin));
  const legend = legendLayout(right, Math.ceil(drawing.bottom + 24));
  const height = Math.ceil(legend.box.y + legend.box.height + G.margin);

  return {
    title,
    ...(unit.id?.value !== undefined ? { unitId: unit.id.value } : {}),
    ...(headerInput.statement !== undefined ? { statement: headerInput.statement } : {}),
    ...(headerInput.within !== undefined ? { within: headerInput.within } : {}),
    elements,
    metrics,
    orientation,
    width: right,
    height,
    boundary: drawing.boundary,
    header,
    legend,
    bands: place.bands,
    lanes: place.lanes,
    nodes: drawing.nodes,
    edges: drawing.edges,
    ends: drawing.ends,
    crossings,
    handoffs,
    notes: place.notes,
  };
}

interface Drawing {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  ends: Point[];
  boundary: Diagram['boundary'];
  right: number;
  bottom: number;
}

function draw(graph: LayoutGraph, plan: LanePlan, order: Ordering, place: Placement, handoffs: { exception: string; at: number; owner: string }[], width: number, top: number): Drawing {
  const across = place.orientation === 'horizontal';
  const routing = route(graph, plan, order, place, handoffs);

  // The boundary: a heavy line between the people band and the machine band, named on a pill.
  const from = place.at(across ? G.margin : place.flow.lo - 28, place.boundaryV);
  const to = place.at(place.flow.hi, place.boundaryV);
  if (!across) from.y = minOf(place.bands.map((b) => b.strip.y));
  const pillText = textBlock('HUMAN–MACHINE BOUNDARY', { x: 0, top: 0, width: 400, size: FONT.small, style: 'bold', anchor: 'middle' });
  const pillW = pillText.box.width + 18;
  const pillH = pillText.box.height + 4;
  const pillCentre = across ? { x: G.margin + G.bandStrip + G.laneHead / 2, y: place.boundaryV } : { x: place.boundaryV, y: place.flow.hi + pillH / 2 + 4 };
  const pill = { x: pillCentre.x - pillW / 2, y: pillCentre.y - pillH / 2, width: pillW, height: pillH };
  if (!across && pill.x < G.margin) pill.x = G.margin;
  const boundaryText = { ...pillText, x: pill.x + pillW / 2, y: pillText.y + pill.y + 2, box: { ...pillText.box, x: pill.x + 9, y: pill.y + 2 } };

  const nodes: DiagramNode[] = graph.steps.map((s, i) => {
    const box = place.nodeBoxes[i]!;
    const span = plan.steps[i]!;
    const lanes = plan.lanes.slice(span.lo, span.hi + 1).map((l) => l.actor);
    const straddles = s.mode === 'hybrid' && plan.lanes[span.lo]!.band === 'human' && plan.lanes[span.hi]!.band === 'machine';
    const node: DiagramNode = {
      step: s.key,
      index: i,
      label: s.label,
      mode: s.mode,
      isDecision: s.isDecision,
      performers: s.performers,
      lanes,
      straddles,
      ...box,
      ...place.content[i]!.at(box),
      links: [],
      findings: s.findings,
      source: s.source,
    };
    if (s.question !== undefined) node.question = s.question;
    if (s.duration !== undefined) node.expectedDuration = s.duration;
    if (s.figures) node.measured = s.figures;
    if (s.accountable) node.accountable = s.accountable;
    if (straddles) {
      const b = place.boundaryV;
      const machineKind = s.performers.some((p) => plan.lanes.find((l) => l.actor === p)?.kind === 'ai-agent') ? 'ai-agent' : 'automation';
      node.split = across
        ? { people: { ...box, height: b - box.y }, machines: { ...box, y: b, height: box.y + box.height - b }, machineKind, line: [{ x: box.x, y: b }, { x: box.x + box.width, y: b }] }
        : { people: { ...box, width: b - box.x }, machines: { ...box, x: b, width: box.x + box.width - b }, machineKind, line: [{ x: b, y: box.y }, { x: b, y: box.y + box.height }] };
    }
    return node;
  });

  const ends: Point[] = [];
  const terminals: Box[] = [];
  graph.edges.forEach((e, k) => {
    const t = routing.terminal[k];
    if (!t) return;
    if (e.to === 'end') ends.push(t);
    terminals.push({ x: t.x - G.endR - 2, y: t.y - G.endR - 2, width: 2 * G.endR + 4, height: 2 * G.endR + 4 });
  });

  // Everything already drawn that a label must not cover.
  const obstacles: Box[] = [
    ...place.nodeBoxes.map((b) => inflate(b, 4)),
    ...place.lanes.flatMap((l) => [l.texts.label.box, l.texts.kind.box, ...(l.texts.detail ? [l.texts.detail.box] : []), l.glyph]),
    ...place.bands.flatMap((b) => (b.name ? [b.name.box] : [])),
    ...place.notes.map((n) => n.box),
    pill,
    ...terminals,
    ...nodes.flatMap((n) => (n.gap ? [n.gap.outline] : [])),
  ];
  if (across) for (const l of place.lanes) obstacles.push(l.head);
  else obstacles.push(...place.lanes.map((l) => l.head));
  const placer = new Placer({ left: G.margin, top, right: across ? Infinity : width - G.margin }, obstacles);

  const edges: DiagramEdge[] = graph.edges.map((e, k) => {
    const to = typeof e.to === 'number' ? graph.steps[e.to]!.key : e.to === 'end' ? 'end' : e.to.unknown;
    const edge: DiagramEdge = { from: graph.steps[e.from]!.key, to, kind: e.kind, points: routing.points[k]!, crossing: e.crossing };
    if (e.exception) edge.exception = e.exception;
    if (e.label !== undefined) edge.branch = e.label;
    if (typeof e.to === 'object') edge.dangling = true;
    return edge;
  });

  // Crossing markers first: each on its own edge, where it meets the boundary if it does, clear of the others.
  for (const edge of edges) {
    if (!edge.crossing) continue;
    const meets = boundaryMeets(edge.points, place, across);
    const m = placer.marker([...meets, ...alongRoute(edge.points, 6, MARKER_R + 4)], MARKER_R + 2);
    if (m) edge.marker = m;
  }

  const labelW = across ? 220 : Math.max(90, Math.min(200, width / 3));
  // Links into people's lanes, with their labels beside the link's end.
  for (const link of routing.links) {
    const node = nodes[link.node]!;
    const end = link.points[link.points.length - 1]!;
    // A hand-off into a lane the node covers itself is a short flag: it names the person.
    const text = link.kind === 'accountable' ? `accountable: ${link.actor}` : `⚑ hand-off: ${link.exception ?? ''}${node.lanes.includes(link.actor) ? ` → ${link.actor}` : ''}`;
    const b = labelBlock(text, labelW);
    const placed = placer.place(b, besidePoint(end, b.box.width, b.box.height));
    const out = { kind: link.kind, actor: link.actor, points: link.points, text: placed } as DiagramNode['links'][number];
    if (link.exception !== undefined) out.exception = link.exception;
    node.links.push(out);
  }
  // Route labels: exceptions on their tracks, branches where they leave the decision, dangling names at their marker.
  graph.edges.forEach((_, k) => {
    const edge = edges[k]!;
    const pts = edge.points;
    if (pts.length < 2) return;
    if (edge.exception) {
      const ex = edge.exception;
      const text = `${ex.id}${ex.when ? ` · “${oneLine(ex.when)}”` : ''} · ${ex.owner ? `owner: ${ex.owner}` : 'no owner'}${edge.dangling ? ` · then “${edge.to}”: no such step` : ''}`;
      const b = labelBlock(text, labelW);
      // The track is the route's longest run across the flow's side.
      const track = longestSegment(pts);
      edge.text = placer.place(b, besideRoute(track, b.box.width, b.box.height));
    } else if (edge.dangling) {
      const b = labelBlock(`“${edge.to}”: no such step`, labelW);
      edge.text = placer.place(b, besidePoint(pts[pts.length - 1]!, b.box.width, b.box.height, G.endR + 4));
    } else if (edge.branch !== undefined) {
      const b = labelBlock(edge.branch, labelW, 'bold');
      edge.text = placer.place(b, besideRoute(pts.slice(0, 3), b.box.width, b.box.height));
    }
  });

  const boxes: Box[] = [...place.nodeBoxes, ...nodes.flatMap((n) => n.links.map((l) => l.text.box)), ...edges.flatMap((e) => (e.text ? [e.text.box] : [])), pill];
  const all = union(boxes);
  const pointsBottom = Math.max(0, maxOf(edges.flatMap((e) => e.points.map((p) => p.y))));
  const pointsRight = Math.max(0, maxOf(edges.flatMap((e) => e.points.map((p) => p.x))));
  return {
    nodes,
    edges,
    ends,
    boundary: { from, to, pill, text: boundaryText },
    right: Math.max(all ? all.x + all.width : 0, pointsRight + G.endR),
    bottom: Math.max(place.bottom, all ? all.y + all.height : 0, pointsBottom + G.endR),
  };
}

/** Where a route crosses the boundary line (segments across the flow that pass it). */
function boundaryMeets(points: Point[], place: Placement, across: boolean): Point[] {
  const out: Point[] = [];
  const b = place.boundaryV;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const c = points[i + 1]!;
    if (across && a.x === c.x && Math.min(a.y, c.y) + 12 < b && Math.max(a.y, c.y) - 12 > b) out.push({ x: a.x, y: b });
    if (!across && a.y === c.y && Math.min(a.x, c.x) + 12 < b && Math.max(a.x, c.x) - 12 > b) out.push({ x: b, y: a.y });
  }
  return out;
}

/** The longest segment of a route, as a two-point polyline. */
function longestSegment(points: Point[]): Point[] {
  let best = [points[0]!, points[1]!];
  let len = -1;
  for (let i = 0; i < points.length - 1; i++) {
    const l = Math.abs(points[i + 1]!.x - points[i]!.x) + Math.abs(points[i + 1]!.y - points[i]!.y);
    if (l > len) {
      len = l;
      best = [points[i]!, points[i + 1]!];
    }
  }
  return best;
}
