/**
 * Phase 2: the order of the steps along the flow, and how each edge will
 * travel — decided in rank and lane numbers, before any coordinate exists.
 *
 * - One rank per step, in list order (the file's order is the author's
 *   reading order), so no two steps ever share a rank and no two nodes can
 *   overlap.
 * - A flow to the next rank goes straight across the gap between them. A
 *   flow that skips ranks runs along a lane no step in between covers (the
 *   nearest such lane), on a slot of its own in that lane. Exception routes,
 *   flows back to an earlier step, and skips with no free lane run on tracks
 *   in a gutter beside the lanes: the people side when both ends are people's
 *   steps, the far side otherwise. Tracks are assigned so that two routes whose
 *   rank ranges overlap never share one.
 */
import type { LayoutGraph } from './graph';
import type { LanePlan } from './lanes';

export type Route =
  | { kind: 'adjacent' }
  | { kind: 'end' }
  | { kind: 'dangling' }
  /** Along lane `lane`, on slot `slot` of that lane's channel. */
  | { kind: 'channel'; lane: number; slot: number }
  /** On track `track` of the gutter on `side`; `viaGaps`: leaves and enters the nodes' flow sides (a flow), else their gutter sides (an exception route). */
  | { kind: 'gutter'; side: 'near' | 'far'; track: number; viaGaps: boolean };

export interface Ordering {
  /** The rank of each step. */
  rank: number[];
  routes: Route[];
  /** Tracks used on each gutter side. */
  tracks: { near: number; far: number };
  /** Channel slots used per lane. */
  slots: number[];
}

export function orderSteps(graph: LayoutGraph, lanes: LanePlan): Ordering {
  const rank = graph.steps.map((_, i) => i);
  const people = (i: number) => lanes.lanes[lanes.steps[i]!.lo]?.band === 'human';
  const slotsUsed: [number, number][][][] = lanes.lanes.map(() => []);
  const gutter: { edge: number; side: 'near' | 'far'; lo: number; hi: number }[] = [];
  const routes: Route[] = graph.edges.map((e, k): Route => {
    const to = e.to;
    if (e.kind === 'exception' || (typeof to === 'number' && to <= e.from)) {
      if (to === 'end' && e.kind !== 'exception') return { kind: 'end' };
      const side = people(e.from) && (typeof to !== 'number' || people(to)) ? 'near' : 'far';
      const other = typeof to === 'number' ? rank[to]! : rank[e.from]!;
      gutter.push({ edge: k, side, lo: Math.min(rank[e.from]!, other), hi: Math.max(rank[e.from]!, other) + (typeof to === 'number' ? 0 : 1) });
      return { kind: 'gutter', side, track: -1, viaGaps: e.kind !== 'exception' };
    }
    if (to === 'end') return { kind: 'end' };
    if (typeof to === 'object') return { kind: 'dangling' };
    if (rank[to]! === rank[e.from]! + 1) return { kind: 'adjacent' };
    // Skipping ranks: a lane no step in between covers, nearest the two ends.
    const a = lanes.steps[e.from]!;
    const b = lanes.steps[to]!;
    const between = lanes.steps.filter((_, s) => rank[s]! > rank[e.from]! && rank[s]! < rank[to]!);
    const free = lanes.lanes
      .map((_, l) => l)
      .filter((l) => between.every((s) => l < s.lo || l > s.hi))
      .sort((l, m) => distance(l, a, b) - distance(m, a, b) || l - m);
    const lane = free[0];
    if (lane === undefined) {
      gutter.push({ edge: k, side: 'far', lo: rank[e.from]!, hi: rank[to]! });
      return { kind: 'gutter', side: 'far', track: -1, viaGaps: true };
    }
    const slot = firstFree(slotsUsed[lane]!, rank[e.from]!, rank[to]!);
    return { kind: 'channel', lane, slot };
  });
  const tracks = { near: 0, far: 0 };
  for (const side of ['near', 'far'] as const) {
    const used: [number, number][][] = [];
    // Shortest routes nearest the lanes.
    const list = gutter.filter((g) => g.side === side).sort((x, y) => x.hi - x.lo - (y.hi - y.lo) || x.lo - y.lo || x.edge - y.edge);
    for (const g of list) {
      const t = firstFree(used, g.lo, g.hi);
      (routes[g.edge] as Extract<Route, { kind: 'gutter' }>).track = t;
    }
    tracks[side] = used.length;
  }
  return { rank, routes, tracks, slots: slotsUsed.map((s) => s.length) };
}

function distance(l: number, a: { lo: number; hi: number }, b: { lo: number; hi: number }): number {
  const d = (s: { lo: number; hi: number }) => (l < s.lo ? s.lo - l : l > s.hi ? l - s.hi : 0);
  return d(a) + d(b);
}

/** Greedy interval colouring: the first row of `used` where [lo, hi] meets nothing (ranges touching at an end meet). */
function firstFree(used: [number, number][][], lo: number, hi: number): number {
  let t = 0;
  while (used[t]?.some(([a, b]) => lo <= b && a <= hi)) t++;
  (used[t] ??= []).push([lo, hi]);
  return t;
}
