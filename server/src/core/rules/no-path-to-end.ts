import type { Edge, Step, UnitModel } from '../model/types';
import { found, fileRule } from './types';

/**
 * A closed loop (spec 1.1): a group of steps that reach each other, or one
 * step that leads to itself, from which no path leads to the end — also when
 * its only way out leads into another closed loop. Reported once per group,
 * at the first of its steps in file order. Exception routes count as ways
 * out, `then: end` included.
 */
export const noPathToEnd = fileRule({
  id: 'no-path-to-end',
  defaultLevel: 'warning',
  summary: 'A group of steps loops with no path to the end.',
  scope: 'file',
  check(unit) {
    const steps = unit.steps?.items ?? [];
    const out = [];
    for (const group of closedLoops(unit)) {
      const first = steps[group[0]];
      const names = group.map((i) => (steps[i].id ? `\`${steps[i].id}\`` : `step ${i + 1}`));
      const what = group.length === 1 ? `Step ${names[0]} leads only to itself` : `Steps ${names.join(', ')} lead only to each other`;
      out.push(found('no-path-to-end', first.anchor, `${what}: no path from here reaches the end. Give one of them a \`next\` that leads on, or \`end\`.`, { steps: group }));
    }
    return out;
  },
});

/** The closed loops, each as its step indexes in file order, ordered by their first step. */
export function closedLoops(unit: UnitModel, edges: readonly Edge[] = unit.edges): number[][] {
  const n = unit.steps?.items.length ?? 0;
  if (n === 0) return [];
  const out = new Map<number, number[]>();
  const into = new Map<number, number[]>();
  const reachesEnd = new Set<number>();
  const selfLoop = new Set<number>();
  for (const e of edges) {
    if (e.to === 'end') {
      reachesEnd.add(e.from);
      continue;
    }
    if (e.to === e.from) selfLoop.add(e.from);
    (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
    (into.get(e.to) ?? into.set(e.to, []).get(e.to)!).push(e.from);
  }
  // Steps from which the end can be reached: backwards from those that lead to it.
  const queue = [...reachesEnd];
  while (queue.length > 0) {
    const i = queue.pop()!;
    for (const j of into.get(i) ?? []) if (!reachesEnd.has(j)) (reachesEnd.add(j), queue.push(j));
  }
  const groups = stronglyConnected(n, out);
  return groups
    .filter((g) => !reachesEnd.has(g[0]) && (g.length > 1 || selfLoop.has(g[0])))
    .map((g) => [...g].sort((a, b) => a - b))
    .sort((a, b) => a[0] - b[0]);
}

/** Tarjan's strongly connected components, iteratively (a long chain of steps must not overflow the stack). */
function stronglyConnected(n: number, out: Map<number, number[]>): number[][] {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: { v: number; next: number }[] = [{ v: root, next: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = out.get(frame.v) ?? [];
      if (frame.next < targets.length) {
        const w = targets[frame.next++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, next: 0 });
        } else if (onStack[w]) low[frame.v] = Math.min(low[frame.v], index[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) low[work[work.length - 1].v] = Math.min(low[work[work.length - 1].v], low[frame.v]);
      if (low[frame.v] === index[frame.v]) {
        const group: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          group.push(w);
        } while (w !== frame.v);
        groups.push(group);
      }
    }
  }
  return groups;
}

/**
 * The steps `step`'s `next` may name in place of a written reference without
 * looping: never the step itself, and never one that closes a loop with no
 * way out (a fix that offers it would trade one finding for another).
 */
export function safeNextTargets(unit: UnitModel, step: Step, replacing: { start: number }): string[] {
  const steps = unit.steps?.items ?? [];
  const before = closedLoops(unit).length;
  const out: string[] = [];
  for (const target of steps) {
    if (target.id === undefined || target === step || out.includes(target.id)) continue;
    // This step's edges as they would be: the written reference now leads to `target`.
    const own = unit.edges.filter((e) => e.from === step.index && e.kind === 'next' && e.ref?.span.start !== replacing.start);
    const edges = [...unit.edges.filter((e) => e.from !== step.index || e.kind === 'exception'), ...own, { from: step.index, to: target.index, kind: 'next' as const }];
    if (closedLoops(unit, edges).length <= before) out.push(target.id);
  }
  return out;
}
