/**
 * Diagram interchange for an exported unit. bpmn-auto-layout places the flow
 * (columns in flow order, branches in rows) but draws neither pools nor
 * lanes; this pass keeps its columns and its row order and moves each shape
 * into its lane's band, then draws the pool, the lanes and the flows between
 * the moved shapes (right-angled routes).
 */
import { layoutProcess } from 'bpmn-auto-layout';
import { newModdle } from './moddle';

const LANE_ROW = 110;
const LANE_PAD = 20;
const POOL_HEADER = 30;
const LANE_HEADER = 30;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function layoutWithLanes(xml: string): Promise<string> {
  const moddle = newModdle();
  const laidOut = await layoutFlow(xml, moddle);
  const { rootElement: definitions } = (await moddle.fromXML(laidOut, 'bpmn:Definitions')) as { rootElement: any };
  const collaboration = definitions.rootElements.find((r: any) => r.$type === 'bpmn:Collaboration');
  const process = definitions.rootElements.find((r: any) => r.$type === 'bpmn:Process');
  const plane = definitions.diagrams[0].plane;
  const shapes: any[] = plane.planeElement.filter((e: any) => e.$type === 'bpmndi:BPMNShape');
  const edges: any[] = plane.planeElement.filter((e: any) => e.$type === 'bpmndi:BPMNEdge');
  const shapeOf = new Map<any, any>(shapes.map((s) => [s.bpmnElement, s]));
  const lanes: any[] = process.laneSets[0].lanes;
  const laneOf = new Map<any, number>();
  lanes.forEach((lane, i) => (lane.flowNodeRef ?? []).forEach((n: any) => laneOf.set(n, i)));

  // Rows: the auto-layout's rows that hold a shape of the lane, in their order.
  const centre = (b: Box) => b.y + b.height / 2;
  const original = new Map<any, Box>(shapes.map((s) => [s, { ...s.bounds }]));
  const hosts = shapes.filter((s) => s.bpmnElement.$type !== 'bpmn:BoundaryEvent');
  const rows = lanes.map((_, i) =>
    [...new Set(hosts.filter((s) => laneOf.get(s.bpmnElement) === i).map((s) => Math.round(centre(original.get(s)!))))].sort((a, b) => a - b),
  );
  const minX = Math.min(...shapes.map((s) => s.bounds.x), 0);
  const maxX = Math.max(...shapes.map((s) => s.bounds.x + s.bounds.width), 200);
  const poolX = minX - POOL_HEADER - LANE_HEADER - LANE_PAD;
  const laneTops: number[] = [];
  let y = 0;
  for (const r of rows) {
    laneTops.push(y);
    y += Math.max(1, r.length) * LANE_ROW + 2 * LANE_PAD;
  }
  const poolHeight = Math.max(y, LANE_ROW);
  const width = maxX - poolX + LANE_PAD * 2;

  for (const s of hosts) {
    const lane = laneOf.get(s.bpmnElement) ?? 0;
    const row = rows[lane]!.indexOf(Math.round(centre(original.get(s)!)));
    s.bounds.y = laneTops[lane]! + LANE_PAD + row * LANE_ROW + LANE_ROW / 2 - s.bounds.height / 2;
  }
  // A boundary event keeps its place on its host's border.
  for (const s of shapes.filter((x) => x.bpmnElement.$type === 'bpmn:BoundaryEvent')) {
    const host = shapeOf.get(s.bpmnElement.attachedToRef);
    if (host) s.bounds.y = host.bounds.y + (original.get(s)!.y - original.get(host)!.y);
  }
  for (const e of edges) {
    const from = shapeOf.get(e.bpmnElement.sourceRef);
    const to = shapeOf.get(e.bpmnElement.targetRef);
    if (!from || !to) continue;
    e.waypoint = route(from.bounds, to.bounds, e.bpmnElement.sourceRef.$type === 'bpmn:BoundaryEvent').map((p) => moddle.create('dc:Point', { ...p }));
    delete e.label;
  }

  const dc = (b: Box) => moddle.create('dc:Bounds', { ...b });
  const participant = collaboration.participants[0];
  const pool = moddle.create('bpmndi:BPMNShape', { id: `${participant.id}_di`, bpmnElement: participant, isHorizontal: true, bounds: dc({ x: poolX, y: 0, width, height: poolHeight }) });
  const laneShapes = lanes.map((lane, i) =>
    moddle.create('bpmndi:BPMNShape', {
      id: `${lane.id}_di`,
      bpmnElement: lane,
      isHorizontal: true,
      bounds: dc({ x: poolX + POOL_HEADER, y: laneTops[i]!, width: width - POOL_HEADER, height: (laneTops[i + 1] ?? poolHeight) - laneTops[i]! }),
    }),
  );
  plane.bpmnElement = collaboration;
  plane.planeElement = [pool, ...laneShapes, ...shapes, ...edges];
  return (await moddle.toXML(definitions, { format: true })).xml;
}

/**
 * The flow laid out by bpmn-auto-layout. Its grid fails on some shapes of
 * flow (a gateway whose earlier branch is placed later: `Grid.addAfter` finds
 * no cell, a TypeError); for those, the same columns-by-flow idea in a few
 * lines: a node's column is its distance from the start, its row its place
 * among the nodes of that column.
 */
async function layoutFlow(xml: string, moddle: ReturnType<typeof newModdle>): Promise<string> {
  try {
    return await layoutProcess(xml);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
  const { rootElement: definitions } = (await moddle.fromXML(xml, 'bpmn:Definitions')) as { rootElement: any };
  const process = definitions.rootElements.find((r: any) => r.$type === 'bpmn:Process');
  const nodes: any[] = process.flowElements.filter((e: any) => e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:BoundaryEvent');
  const column = new Map<any, number>();
  const queue = nodes.filter((n) => (n.incoming ?? []).length === 0);
  for (const n of queue) column.set(n, 0);
  while (queue.length > 0) {
    const n = queue.shift();
    for (const f of n.outgoing ?? []) {
      if (!column.has(f.targetRef)) {
        column.set(f.targetRef, column.get(n)! + 1);
        queue.push(f.targetRef);
      }
    }
  }
  const rows = new Map<number, number>();
  const size = (n: any) => (n.$type.endsWith('Gateway') ? { width: 50, height: 50 } : n.$type.endsWith('Event') ? { width: 36, height: 36 } : { width: 100, height: 80 });
  const shapes = nodes.map((n) => {
    const col = column.get(n) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    const { width, height } = size(n);
    return moddle.create('bpmndi:BPMNShape', { id: `${n.id}_di`, bpmnElement: n, bounds: moddle.create('dc:Bounds', { x: 100 + col * 150 + (100 - width) / 2, y: 100 + row * 130 + (80 - height) / 2, width, height }) });
  });
  const boundaries = process.flowElements
    .filter((e: any) => e.$type === 'bpmn:BoundaryEvent')
    .map((b: any, i: number) => {
      const host = shapes.find((s) => s.bpmnElement === b.attachedToRef)!.bounds;
      return moddle.create('bpmndi:BPMNShape', { id: `${b.id}_di`, bpmnElement: b, bounds: moddle.create('dc:Bounds', { x: host.x + 10 + (i % 2) * 40, y: host.y + host.height - 18, width: 36, height: 36 }) });
    });
  const edges = process.flowElements
    .filter((e: any) => e.$type === 'bpmn:SequenceFlow')
    .map((f: any) => moddle.create('bpmndi:BPMNEdge', { id: `${f.id}_di`, bpmnElement: f, waypoint: [] }));
  const plane = moddle.create('bpmndi:BPMNPlane', { id: 'BPMNPlane_1', bpmnElement: process, planeElement: [...shapes, ...boundaries, ...edges] });
  definitions.diagrams = [moddle.create('bpmndi:BPMNDiagram', { id: 'BPMNDiagram_1', plane })];
  return (await moddle.toXML(definitions)).xml;
}

/** A right-angled route between two boxes: across where the target lies ahead, around below where it lies behind. */
function route(a: Box, b: Box, fromBoundary: boolean): { x: number; y: number }[] {
  const ay = a.y + a.height / 2;
  const by = b.y + b.height / 2;
  if (fromBoundary) {
    // Down off the host first, then across beside the target: the route never runs back over its host.
    const cx = a.x + a.width / 2;
    const drop = a.y + a.height + 15;
    if (b.x > cx + 30) return [{ x: cx, y: a.y + a.height }, { x: cx, y: drop }, { x: b.x - 20, y: drop }, { x: b.x - 20, y: by }, { x: b.x, y: by }];
    const below = Math.max(drop, b.y + b.height + 20);
    return [{ x: cx, y: a.y + a.height }, { x: cx, y: below }, { x: b.x + b.width / 2, y: below }, { x: b.x + b.width / 2, y: b.y + b.height }];
  }
  const ax = a.x + a.width;
  if (b.x >= ax) {
    if (Math.abs(ay - by) < 1) return [{ x: ax, y: ay }, { x: b.x, y: by }];
    const mid = Math.round((ax + b.x) / 2);
    return [{ x: ax, y: ay }, { x: mid, y: ay }, { x: mid, y: by }, { x: b.x, y: by }];
  }
  const below = Math.max(a.y + a.height, b.y + b.height) + 25;
  return [
    { x: a.x + a.width / 2, y: a.y + a.height },
    { x: a.x + a.width / 2, y: below },
    { x: b.x + b.width / 2, y: below },
    { x: b.x + b.width / 2, y: b.y + b.height },
  ];
}
