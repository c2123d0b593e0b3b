/**
 * Phase 4: the routes — every edge as an orthogonal polyline, and the links
 * from machine steps into their people's lanes — on the flow axis `u` and the
 * cross axis `v` (placement.ts), turned into screen points at the end.
 *
 * - Flow leaves a node's far side along the flow and enters the next node's
 *   near side; ports along a side are spread so that no two edges share one.
 *   Where two nodes face each other the edge runs straight.
 * - Segments that turn across the flow do so in the gap between two ranks, each
 *   on a slot of its own, so no two edges run on top of each other.
 * - Exception routes leave and enter a node on its side facing their gutter,
 *   each at a port of its own, and run on their own track: a bundle of routes
 *   into one step arrives side by side, never on one line.
 * - An edge to `end` stops at an end marker just past its source; an edge to
 *   an unknown step stops at a dangling marker there (on its track, for an
 *   exception route).
 */
import { G } from './frame';
import { clamp, push } from './geometry';
import type { LayoutGraph } from './graph';
import type { LanePlan } from './lanes';
import type { Ordering } from './ordering';
import type { Placement } from './placement';
import type { Point } from './types';

export interface RoutedLink {
  node: number;
  kind: 'accountable' | 'handoff';
  actor: string;
  exception?: string;
  points: Point[];
}

export interface Routing {
  /** Per graph edge, its route in screen points. */
  points: Point[][];
  /** Per graph edge: the centre of its end or dangling marker, if it has one. */
  terminal: (Point | undefined)[];
  links: RoutedLink[];
}

interface Port {
  key: string;
  want: number;
  set(v: number): void;
}

/** Spread ports along a side within [lo, hi]: each near its wish, at least `gap` apart (less when crowded). */
export function spread(ports: Port[], lo: number, hi: number, gap = 14): void {
  if (ports.length === 0) return;
  const sorted = [...ports].sort((a, b) => a.want - b.want || (a.key < b.key ? -1 : 1));
  const step = sorted.length > 1 ? Math.min(gap, (hi - lo) / (sorted.length - 1)) : 0;
  const vs = sorted.map((p) => clamp(p.want, lo, hi));
  for (let i = 1; i < vs.length; i++) vs[i] = Math.max(vs[i]!, vs[i - 1]! + step);
  for (let i = vs.length - 1; i >= 0; i--) vs[i] = Math.min(vs[i]!, i === vs.length - 1 ? hi : vs[i + 1]! - step);
  for (let i = 0; i < vs.length; i++) vs[i] = Math.max(vs[i]!, lo + i * step);
  sorted.forEach((p, i) => p.set(vs[i]!));
}

export function route(graph: LayoutGraph, plan: LanePlan, order: Ordering, place: Placement, handoffs: { exception: string; at: number; owner: string }[]): Routing {
  const nodes = place.nodes;
  const across = place.orientation === 'horizontal';
  const isDecision = (i: number) => graph.steps[i]!.isDecision;
  const cv = (i: number) => (nodes[i]!.v0 + nodes[i]!.v1) / 2;
  const cu = (i: number) => (nodes[i]!.u0 + nodes[i]!.u1) / 2;
  /** Where a line along the flow at `v` meets the node's near (u0) or far (u1) side: a decision's pointed ends, across. */
  const sideU = (i: number, v: number, far: boolean): number => {
    const n = nodes[i]!;
    const base = far ? n.u1 : n.u0;
    if (!across || !isDecision(i)) return base;
    const half = (n.v1 - n.v0) / 2;
    const inset = G.tip * Math.min(1, Math.abs(v - cv(i)) / half);
    return far ? base - inset : base + inset;
  };
  /** Where a line across the flow at `u` meets the node's low (v0) or high (v1) side: pointed ends, down. */
  const sideV = (i: number, u: number, high: boolean): number => {
    const n = nodes[i]!;
    const base = high ? n.v1 : n.v0;
    if (across || !isDecision(i)) return base;
    const half = (n.u1 - n.u0) / 2;
    const inset = G.tip * Math.min(1, Math.abs(u - cu(i)) / half);
    return high ? base - inset : base + inset;
  };
  const portRange = (i: number): [number, number] => {
    const n = nodes[i]!;
    const m = across && isDecision(i) ? (n.v1 - n.v0) * 0.3 : Math.min(12, (n.v1 - n.v0) / 4);
    return [n.v0 + m, n.v1 - m];
  };
  const rankOf = (i: number) => order.rank[i]!;
  const nodeAtRank = new Map(order.rank.map((r, i) => [r, i]));
  /** Gap g lies before rank g: after rank g-1's node, before rank g's. */
  const gap = (g: number): [number, number] => {
    const before = nodeAtRank.get(g - 1);
    const after = nodeAtRank.get(g);
    const lo = before !== undefined ? nodes[before]!.u1 : (after !== undefined ? nodes[after]!.u0 : place.flow.lo) - (across ? G.firstGap : 28);
    const hi = after !== undefined ? nodes[after]!.u0 : lo + (across ? G.rankGap.horizontal : G.rankGap.vertical);
    return [lo, hi];
  };
  const laneMid = (l: number) => (place.laneV[l]!.lo + place.laneV[l]!.hi) / 2;

  const outPorts = new Map<number, Port[]>();
  const inPorts = new Map<number, Port[]>();
  const gapSlots = new Map<number, { order: number; key: string; set(u: number): void }[]>();
  const attach = new Map<string, Port[]>();
  const pts: { u: number; v: number }[][] = graph.edges.map(() => []);
  const terminal: ({ u: number; v: number } | undefined)[] = graph.edges.map(() => undefined);
  const finish: (() => void)[] = [];

  graph.edges.forEach((e, k) => {
    const r = order.routes[k]!;
    const s = e.from;
    const key = String(k);
    const P = pts[k]!;
    if (r.kind === 'end' || r.kind === 'dangling') {
      const o = { u: 0, v: 0 };
      push(outPorts, s, { key, want: cv(s), set: (v) => (o.v = v) });
      finish.push(() => {
        o.u = sideU(s, o.v, true);
        const c = { u: nodes[s]!.u1 + 18, v: o.v };
        P.push(o, c);
        terminal[k] = c;
      });
      return;
    }
    if (r.kind === 'adjacent') {
      const t = e.to as number;
      const lo = Math.max(portRange(s)[0], portRange(t)[0]);
      const hi = Math.min(portRange(s)[1], portRange(t)[1]);
      const straight = hi - lo >= 0;
      const a = { u: 0, v: 0 };
      const b = { u: 0, v: 0 };
      push(outPorts, s, { key, want: straight ? (lo + hi) / 2 : cv(t), set: (v) => (a.v = v) });
      push(inPorts, t, { key, want: straight ? (lo + hi) / 2 : cv(s), set: (v) => (b.v = v) });
      const turn = { u: 0 };
      push(gapSlots, rankOf(t), { order: 0, key, set: (u) => (turn.u = u) });
      finish.push(() => {
        a.u = sideU(s, a.v, true);
        b.u = sideU(t, b.v, false);
        if (Math.abs(a.v - b.v) < 0.5) P.push(a, { u: b.u, v: a.v });
        else P.push(a, { u: turn.u, v: a.v }, { u: turn.u, v: b.v }, b);
      });
      return;
    }
    if (r.kind === 'channel') {
      const t = e.to as number;
      const slots = order.slots[r.lane]!;
      const width = place.laneV[r.lane]!.hi - place.laneV[r.lane]!.lo;
      const cvh = laneMid(r.lane) + (r.slot - (slots - 1) / 2) * Math.min(10, width / (slots + 1));
      const a = { u: 0, v: 0 };
      const b = { u: 0, v: 0 };
      const t1 = { u: 0 };
      const t2 = { u: 0 };
      push(outPorts, s, { key, want: cvh, set: (v) => (a.v = v) });
      push(inPorts, t, { key, want: cvh, set: (v) => (b.v = v) });
      push(gapSlots, rankOf(s) + 1, { order: cvh, key, set: (u) => (t1.u = u) });
      push(gapSlots, rankOf(t), { order: cvh, key, set: (u) => (t2.u = u) });
      finish.push(() => {
        a.u = sideU(s, a.v, true);
        b.u = sideU(t, b.v, false);
        P.push(a, { u: t1.u, v: a.v }, { u: t1.u, v: cvh }, { u: t2.u, v: cvh }, { u: t2.u, v: b.v }, b);
      });
      return;
    }
    // A gutter route.
    const track = place.trackV(r.side, r.track);
    const high = r.side === 'far';
    if (r.viaGaps) {
      const t = e.to as number;
      const a = { u: 0, v: 0 };
      const b = { u: 0, v: 0 };
      const t1 = { u: 0 };
      const t2 = { u: 0 };
      const toward = high ? Infinity : -Infinity;
      push(outPorts, s, { key, want: toward, set: (v) => (a.v = v) });
      push(inPorts, t, { key, want: toward, set: (v) => (b.v = v) });
      push(gapSlots, rankOf(s) + 1, { order: high ? -track : track, key, set: (u) => (t1.u = u) });
      push(gapSlots, rankOf(t), { order: high ? -track : track, key, set: (u) => (t2.u = u) });
      finish.push(() => {
        a.u = sideU(s, a.v, true);
        b.u = sideU(t, b.v, false);
        P.push(a, { u: t1.u, v: a.v }, { u: t1.u, v: track }, { u: t2.u, v: track }, { u: t2.u, v: b.v }, b);
      });
      return;
    }
    // An exception route: from the source's side facing the gutter, to the target's.
    const a = { u: 0, v: 0 };
    const to = e.to;
    const otherU = typeof to === 'number' ? cu(to) : Infinity;
    push(attach, `${s}:${r.side}`, { key: `${key}:a`, want: otherU, set: (u) => (a.u = u) });
    if (typeof to === 'number') {
      const b = { u: 0, v: 0 };
      push(attach, `${to}:${r.side}`, { key: `${key}:b`, want: cu(s), set: (u) => (b.u = u) });
      finish.push(() => {
        a.v = sideV(s, a.u, high);
        b.v = sideV(to, b.u, high);
        P.push(a, { u: a.u, v: track }, { u: b.u, v: track }, b);
      });
    } else {
      finish.push(() => {
        a.v = sideV(s, a.u, high);
        const c = { u: a.u + 40, v: track };
        P.push(a, { u: a.u, v: track }, c);
        terminal[k] = c;
      });
    }
  });

  // Links into people's lanes: from the node's side facing that lane, sharing that side's ports with exception routes.
  const links: (RoutedLink & { uv: { u: number; v: number }[] })[] = [];
  graph.steps.forEach((step, i) => {
    const span = plan.steps[i]!;
    const targets: { kind: 'accountable' | 'handoff'; actor: string; exception?: string }[] = [];
    if (step.accountable && 'actor' in step.accountable) targets.push({ kind: 'accountable', actor: step.accountable.actor });
    for (const h of handoffs) if (h.at === i) targets.push({ kind: 'handoff', actor: h.owner, exception: h.exception });
    const perLane = new Map<number, number>();
    for (const t of targets) {
      const li = plan.lanes.findIndex((l) => l.actor === t.actor);
      if (li < 0) continue;
      const inside = li >= span.lo && li <= span.hi;
      if (inside && t.kind === 'accountable') continue; // named inside the node
      const high = !inside && laneMid(li) > cv(i);
      const m = perLane.get(li) ?? 0;
      perLane.set(li, m + 1);
      const a = { u: 0, v: 0 };
      const end = { u: 0, v: inside ? 0 : laneMid(li) + (t.kind === 'accountable' ? -10 : 10 + m * 14) * (high ? -1 : 1) };
      push(attach, `${i}:${high ? 'far' : 'near'}:link`, { key: `${t.kind}${t.exception ?? ''}`, want: -Infinity, set: (u) => (a.u = u) });
      const link = { node: i, kind: t.kind, actor: t.actor, points: [] as Point[], uv: [a, end] };
      if (t.exception !== undefined) (link as RoutedLink).exception = t.exception;
      links.push(link);
      finish.push(() => {
        a.v = sideV(i, a.u, high);
        end.u = a.u;
        if (inside) end.v = a.v + (high ? 22 : -22);
      });
    }
  });

  for (const [i, list] of outPorts) spread(list, ...portRange(i));
  for (const [i, list] of inPorts) spread(list, ...portRange(i));
  // Side ports for exception routes and links: the two lists of a side share it (links from the near end).
  const sides = new Map<string, Port[]>();
  for (const [k, list] of attach) {
    const [i, side] = k.split(':');
    for (const p of list) push(sides, `${i}:${side}`, p);
  }
  for (const [k, list] of sides) {
    const i = Number(k.split(':')[0]);
    const n = nodes[i]!;
    const inset = !across && isDecision(i) ? (n.u1 - n.u0) * 0.25 : 12;
    spread(list, n.u0 + inset, n.u1 - inset, 16);
  }
  for (const [g, list] of gapSlots) {
    const [lo, hi] = gap(g);
    const sorted = [...list].sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1));
    const room = hi - lo;
    const spacing = Math.min(10, (room * 0.5) / Math.max(1, sorted.length));
    const mid = lo + room * 0.62;
    sorted.forEach((s, n) => s.set(mid + (n - (sorted.length - 1) / 2) * spacing));
  }
  for (const f of finish) f();

  const toScreen = (list: { u: number; v: number }[]): Point[] => simplify(list.map((p) => place.at(p.u, p.v)));
  return {
    points: pts.map(toScreen),
    terminal: terminal.map((t) => (t ? roundPoint(place.at(t.u, t.v)) : undefined)),
    links: links.map(({ uv, ...l }) => ({ ...l, points: toScreen(uv) })),
  };
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const roundPoint = (p: Point): Point => ({ x: r1(p.x), y: r1(p.y) });

/** Drops repeated points and points in the middle of a straight run. */
export function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const q = roundPoint(p);
    const last = out[out.length - 1];
    if (last && last.x === q.x && last.y === q.y) continue;
    const prev = out[out.length - 2];
    if (last && prev && ((prev.x === last.x && last.x === q.x) || (prev.y === last.y && last.y === q.y))) out.pop();
    out.push(q);
  }
  return out;
}
