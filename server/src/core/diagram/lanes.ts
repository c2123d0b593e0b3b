/**
 * Phase 1: the lanes, in order, and which lanes each step covers.
 *
 * - Three bands: people (human actors), machines (AI agents, then
 *   automations), and a neutral band on neither side for what has no side
 *   yet — actors without a valid `kind`, performers that are not declared, and
 *   `unassigned` for steps with no performer. The neutral band comes after
 *   the machines, set apart, so nothing unowned reads as a person's work.
 * - Within a band, lanes keep the file's order, except that the lanes of
 *   steps shared across the boundary (hybrid steps) move next to it — people
 *   lanes last, machine lanes first — so such a step can span exactly its own
 *   performers' lanes.
 * - A step covers its performers' lanes when they are adjacent; when they
 *   are not (or it has none known), it sits in one lane — its first
 *   performer's — and names the others on chips. It never spans a lane it
 *   does not involve.
 */
import { maxOf, minOf } from '../collections';
import type { UnitModel } from '../model/types';
import type { LayoutGraph } from './graph';
import type { Band, LaneKind } from './types';

/** The actor id of the lane for steps without a performer. */
export const UNASSIGNED_LANE = '~unassigned';

export interface LaneSpec {
  actor: string;
  kind: LaneKind;
  band: Band;
  label: string;
  detail?: string;
}

export interface StepLanes {
  /** The first and last lane the step covers (indices into `lanes`). */
  lo: number;
  hi: number;
  /** Performers whose lanes the step does not cover. */
  chips: string[];
}

export interface LanePlan {
  lanes: LaneSpec[];
  steps: StepLanes[];
}

export function planLanes(unit: UnitModel, graph: LayoutGraph): LanePlan {
  const actors = [...unit.actors.values()];
  const spec = (a: (typeof actors)[number], kind: LaneKind, band: Band): LaneSpec => {
    const detail = a.kind === 'human' ? a.role : a.kind === 'ai-agent' ? (a.model ?? a.role) : a.kind === 'automation' ? (a.system ?? a.role) : undefined;
    const s: LaneSpec = { actor: a.id, kind, band, label: a.id };
    if (detail !== undefined) s.detail = detail;
    else if (kind === 'unknown') s.detail = 'no valid kind';
    return s;
  };
  // How many boundary-sharing steps each actor performs: those lanes go next to the boundary.
  const shared = new Map<string, number>();
  for (const s of graph.steps) {
    if (s.mode !== 'hybrid') continue;
    for (const p of s.performers) shared.set(p, (shared.get(p) ?? 0) + 1);
  }
  const byShare = (dir: 1 | -1) => (a: LaneSpec, b: LaneSpec) => dir * ((shared.get(a.actor) ?? 0) - (shared.get(b.actor) ?? 0));
  const people = actors.filter((a) => a.kind === 'human').map((a) => spec(a, 'human', 'human'));
  const machines = [
    ...actors.filter((a) => a.kind === 'ai-agent').map((a) => spec(a, 'ai-agent', 'machine')),
    ...actors.filter((a) => a.kind === 'automation').map((a) => spec(a, 'automation', 'machine')),
  ];
  // Array.prototype.sort is stable: equal shares keep the file's order (AI agents before automations).
  people.sort(byShare(1));
  machines.sort(byShare(-1));
  const neutral: LaneSpec[] = actors.filter((a) => a.kind === undefined).map((a) => spec(a, 'unknown', 'neutral'));
  const undeclared = [...new Set(graph.steps.flatMap((s) => s.performers).filter((n) => !unit.actors.has(n)))];
  for (const n of undeclared) neutral.push({ actor: n, kind: 'unknown', band: 'neutral', label: n, detail: 'not declared in actors' });
  if (graph.steps.some((s) => s.performers.length === 0)) {
    neutral.push({ actor: UNASSIGNED_LANE, kind: 'unknown', band: 'neutral', label: 'unassigned', detail: 'steps with no performer' });
  }
  const lanes = [...people, ...machines, ...neutral];
  const index = new Map(lanes.map((l, i) => [l.actor, i]));
  const steps = graph.steps.map((s): StepLanes => {
    const known = s.performers.filter((p) => index.has(p));
    if (known.length === 0) return { lo: index.get(UNASSIGNED_LANE) ?? 0, hi: index.get(UNASSIGNED_LANE) ?? 0, chips: [] };
    const idx = known.map((p) => index.get(p)!);
    const lo = minOf(idx);
    const hi = maxOf(idx);
    if (hi - lo + 1 === new Set(idx).size) return { lo, hi, chips: [] };
    const home = idx[0]!;
    return { lo: home, hi: home, chips: known.filter((p) => index.get(p) !== home) };
  });
  return { lanes, steps };
}
