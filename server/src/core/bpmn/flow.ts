/**
 * The flow between activities, as a unit's `next` says it: sequence flows
 * are followed through gateways and intermediate events to the next
 * activities or to an end. An exclusive, inclusive or event-based gateway
 * right after an activity makes that activity a decision whose branches are
 * labelled by the flows' names (or conditions). A parallel split is
 * flattened: its branches run one after the other in the order of its
 * outgoing flows, and the matching join's successor follows the last branch.
 */
import type { FlowEdge, FlowNode, ProcessInfo } from './process';

export type Target = string | 'end';

export interface Branch {
  /** The names and conditions on the way, or undefined where the flows say nothing. */
  label?: string;
  target: Target;
}

export interface ActivityFlow {
  /** Where the activity leads: activities by BPMN id, or `end`. Empty: nowhere (no outgoing flow). */
  targets: Target[];
  /** Set when the activity is a decision: one branch per way out of the gateway. */
  decision?: { question?: string; branches: Branch[] };
  /** The intermediate events passed on the way, by name: they carry no step of their own. */
  passed: string[];
}

export interface FlattenedSplit {
  gateway: string;
  branches: string[];
  /** The join whose successor follows the last branch, or undefined when the branches never meet. */
  join?: string;
}

const DECISION_GATEWAYS = new Set(['ExclusiveGateway', 'InclusiveGateway', 'EventBasedGateway', 'ComplexGateway']);

/**
 * Rewrites the edges of each parallel split so its branches run in series (the
 * process's edges are changed in place: call once per process), and says
 * which splits it flattened.
 */
export function flattenParallel(p: ProcessInfo): FlattenedSplit[] {
  const flattened: FlattenedSplit[] = [];
  for (const split of p.nodes) {
    if (split.type !== 'ParallelGateway' || split.out.length < 2) continue;
    const starts = split.out.map((e) => e.target);
    const reach = starts.map((s) => reachable(p, s, undefined));
    const join = [...reach[0]!].find((id) => {
      const n = p.byId.get(id)!;
      return id !== split.id && n.type === 'ParallelGateway' && n.in.length >= 2 && reach.every((r) => r.has(id));
    });
    const names = starts.map((s) => p.byId.get(s)?.name ?? s);
    if (join === undefined) {
      // Branches that never meet end on their own: they stay side by side (`next` lists them).
      flattened.push({ gateway: split.name ?? split.id, branches: names });
      continue;
    }
    const joinNode = p.byId.get(join)!;
    const branchOf = starts.map((s) => reachable(p, s, join));
    for (const edge of [...joinNode.in]) {
      const i = branchOf.findIndex((r) => r.has(edge.source));
      if (i < 0 || i === starts.length - 1) continue;
      retarget(p, edge, starts[i + 1]!);
    }
    for (const edge of split.out.slice(1)) p.byId.get(edge.target)!.in = p.byId.get(edge.target)!.in.filter((e) => e !== edge);
    split.out = split.out.slice(0, 1);
    flattened.push({ gateway: split.name ?? split.id, branches: names, join: joinNode.name ?? joinNode.id });
  }
  return flattened;
}

function retarget(p: ProcessInfo, edge: FlowEdge, target: string): void {
  const old = p.byId.get(edge.target)!;
  old.in = old.in.filter((e) => e !== edge);
  edge.target = target;
  p.byId.get(target)!.in.push(edge);
}

/** The nodes reachable from `start` (itself included), not going past `stop`. */
function reachable(p: ProcessInfo, start: string, stop: string | undefined): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === stop) continue;
    for (const e of p.byId.get(id)?.out ?? []) {
      if (!seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}

/** Where each activity leads, by its BPMN id. */
export function activityFlows(p: ProcessInfo): Map<string, ActivityFlow> {
  const flows = new Map<string, ActivityFlow>();
  for (const node of p.nodes) {
    if (node.kind !== 'activity') continue;
    const passed: string[] = [];
    const gateway = decisionGatewayAfter(p, node);
    const branches: Branch[] = [];
    for (const edge of node.out) collect(p, edge, [], new Set(), branches, passed);
    const targets = [...new Set(branches.map((b) => b.target))];
    const flow: ActivityFlow = { targets, passed: [...new Set(passed)] };
    const labelled = node.out.length >= 2 && node.out.some((e) => e.label);
    if ((gateway || labelled) && targets.length >= 1 && branches.length >= 2) {
      flow.decision = { question: gateway?.name, branches: uniqueLabels(branches, (id) => p.byId.get(id)?.name ?? id) };
    }
    flows.set(node.id, flow);
  }
  return flows;
}

/** The decision gateway right after an activity (past intermediate events and single-way merges), if any. */
function decisionGatewayAfter(p: ProcessInfo, node: FlowNode): FlowNode | undefined {
  let edges = node.out;
  const seen = new Set<string>();
  while (edges.length === 1) {
    const next = p.byId.get(edges[0]!.target)!;
    if (seen.has(next.id) || next.kind === 'activity' || next.kind === 'end') return undefined;
    seen.add(next.id);
    if (next.out.length >= 2) return DECISION_GATEWAYS.has(next.type) ? next : undefined;
    edges = next.out;
  }
  return undefined;
}

/** Follows a flow to the activities or ends it reaches, with the labels met on the way. */
function collect(p: ProcessInfo, edge: FlowEdge, labels: string[], seen: Set<string>, into: Branch[], passed: string[]): void {
  const node = p.byId.get(edge.target)!;
  const here = edge.label ? [...labels, edge.label] : edge.isDefault ? [...labels, 'default'] : labels;
  if (node.kind === 'activity') {
    into.push({ label: here.join(' / ') || undefined, target: node.id });
    return;
  }
  if (node.kind === 'end' || node.out.length === 0) {
    into.push({ label: here.join(' / ') || undefined, target: 'end' });
    return;
  }
  if (seen.has(node.id)) return;
  const inner = new Set(seen).add(node.id);
  if (node.kind === 'intermediate') {
    passed.push(node.name ?? node.type);
    // After an event-based gateway the event is the branch: its name labels it.
    const withEvent = node.name && edge.label === undefined && p.byId.get(edge.source)?.type === 'EventBasedGateway' ? [...here, node.name] : here;
    for (const e of node.out) collect(p, e, withEvent, inner, into, passed);
    return;
  }
  for (const e of node.out) collect(p, e, here, inner, into, passed);
}

/** Every branch gets a label, unique in its decision: the flows' words, else the target's, numbered where they repeat. */
function uniqueLabels(branches: Branch[], nameOf: (activity: string) => string): Branch[] {
  const used = new Map<string, number>();
  return branches.map((b) => {
    const base = b.label ?? (b.target === 'end' ? 'end' : `to ${nameOf(b.target)}`);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { label: n === 1 ? base : `${base} (${n})`, target: b.target };
  });
}

/**
 * The activities in the order a reader follows them: depth first from the
 * start events along the flow, then those no flow from a start reaches, in
 * the order of the file.
 */
export function flowOrder(p: ProcessInfo, flows: Map<string, ActivityFlow>): FlowNode[] {
  const order: FlowNode[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    const node = p.byId.get(id);
    if (!node || seen.has(id)) return;
    seen.add(id);
    if (node.kind === 'activity') {
      order.push(node);
      for (const t of flows.get(id)!.targets) if (t !== 'end') visit(t);
      for (const b of boundaryEventsOf(p, id)) for (const e of b.out) visit(e.target);
    } else {
      for (const e of node.out) visit(e.target);
    }
  };
  for (const n of p.nodes) if (n.kind === 'start') visit(n.id);
  for (const n of p.nodes) if (n.kind === 'activity') visit(n.id);
  return order;
}

export function boundaryEventsOf(p: ProcessInfo, activity: string): FlowNode[] {
  return p.nodes.filter((n) => n.kind === 'boundary' && n.attachedTo === activity);
}

/** Where a boundary event leads: the first activity or end its flow reaches, or undefined without a flow. */
export function boundaryTarget(p: ProcessInfo, event: FlowNode): Target | undefined {
  const branches: Branch[] = [];
  for (const e of event.out) collect(p, e, [], new Set([event.id]), branches, []);
  return branches[0]?.target;
}
