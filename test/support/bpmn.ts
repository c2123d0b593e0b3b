/** What the BPMN tests measure with the libraries themselves, apart from the code under test. */
import { BpmnModdle } from 'bpmn-moddle';
// bpmnlint ships no types for its entry points.
// @ts-expect-error untyped CommonJS module
import { Linter } from 'bpmnlint';
// @ts-expect-error untyped CommonJS module
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver';
import assert from 'node:assert/strict';
import { isMap, isScalar } from 'yaml';
import { analyzeText } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/rules/types';

/** The reader's warnings and bpmnlint's recommended findings of a BPMN text, as `category rule id: message`. */
export async function readAndLint(xml: string): Promise<{ warnings: string[]; errors: string[]; lintWarnings: string[] }> {
  const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
  const linter = new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() });
  const reports = (await linter.lint(rootElement)) as Record<string, { id: string; message: string; category: string }[]>;
  const all = Object.entries(reports).flatMap(([rule, rs]) => rs.map((r) => ({ category: r.category, text: `${rule} ${r.id}: ${r.message}` })));
  return {
    warnings: warnings.map((w) => w.message),
    errors: all.filter((r) => r.category === 'error').map((r) => r.text),
    lintWarnings: all.filter((r) => r.category !== 'error').map((r) => r.text),
  };
}

export interface ProcessCount {
  processId: string;
  /** Top-level activities (tasks of any type, sub-processes, call activities), by name or id. */
  activities: string[];
  /** Lanes that hold no other lane, by name (id where unnamed). */
  leafLanes: string[];
}

/** The activities and leaf lanes of each process in a BPMN text, counted straight off bpmn-moddle's model. */
export async function countProcesses(xml: string): Promise<Map<string, ProcessCount>> {
  const { rootElement } = (await new BpmnModdle().fromXML(xml)) as { rootElement: any };
  const counts = new Map<string, ProcessCount>();
  for (const p of rootElement.rootElements.filter((r: any) => r.$instanceOf('bpmn:Process'))) {
    const leafLanes: string[] = [];
    const walk = (sets: any[]): void => {
      for (const set of sets ?? []) {
        for (const lane of set.lanes ?? []) {
          if ((lane.childLaneSet?.lanes ?? []).length > 0) walk([lane.childLaneSet]);
          else leafLanes.push((lane.name ?? '').replace(/\s+/g, ' ').trim() || `unnamed lane ${lane.id}`);
        }
      }
    };
    walk(p.laneSets);
    const activities = (p.flowElements ?? []).filter((e: any) => e.$instanceOf('bpmn:Activity')).map((e: any) => (e.name ?? '').replace(/\s+/g, ' ').trim() || e.id);
    counts.set(p.id, { processId: p.id, activities, leafLanes });
  }
  return counts;
}

/** Findings that would say the text is not a unit at all: YAML that does not parse, or a value of the wrong shape. */
export function notAUnit(text: string): Finding[] {
  return analyzeText(text).findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'schema');
}

/**
 * A unit reduced to what a trip through BPMN must keep: step ids and names,
 * actor ids and kinds, flow edges (with branch labels) and exception routes.
 * An exception with no `then` counts as ending the case (BPMN has no
 * boundary event that leads nowhere). Performers are kept for the step's
 * lane only: a hybrid step's machines live in its BPMN documentation.
 */
export function essentials(text: string): { steps: string[]; actors: string[]; flow: string[]; branches: string[]; exceptions: string[] } {
  const unit = analyzeText(text).unit;
  const steps = unit.steps?.items ?? [];
  const idOf = (to: number | 'end') => (to === 'end' ? 'end' : steps[to]?.id ?? '?');
  const flow: string[] = [];
  const branches: string[] = [];
  for (const s of steps) {
    const next = unit.doc.getIn(['steps', s.index, 'next']);
    if (isMap(next)) {
      for (const p of next.items) {
        const label = isScalar(p.key) ? String(p.key.value) : '?';
        const to = isScalar(p.value) ? String(p.value.value) : '?';
        flow.push(`${s.id} -> ${to}`);
        branches.push(`${s.id} -[${label}]-> ${to}`);
      }
    } else for (const e of unit.edges) if (e.from === s.index && e.kind !== 'exception') flow.push(`${s.id} -> ${idOf(e.to)}`);
  }
  return {
    steps: steps.map((s) => `${s.id}: ${s.name} by ${s.performers.map((p) => p.name).join(', ') || 'nobody'}`).sort(),
    actors: [...unit.actors.values()].map((a) => `${a.id}: ${a.kind ?? '<no kind>'}`).sort(),
    flow: [...new Set(flow)].sort(),
    branches: branches.sort(),
    exceptions: unit.exceptions.flatMap((e) => e.at.map((at) => `${at.name} | ${e.when} | ${e.then?.name ?? 'end'}`)).sort(),
  };
}

/** A trip through BPMN keeps everything `essentials` holds; branch labels may be added where the unit had none (BPMN names every branch of a gateway). */
export function assertKept(back: ReturnType<typeof essentials>, original: ReturnType<typeof essentials>, label: string): void {
  assert.deepEqual(back.steps, original.steps, `${label}: steps`);
  assert.deepEqual(back.actors, original.actors, `${label}: actors`);
  assert.deepEqual(back.flow, original.flow, `${label}: flow`);
  assert.deepEqual(original.branches.filter((b) => !back.branches.includes(b)), [], `${label}: branch labels`);
  assert.deepEqual(back.exceptions, original.exceptions, `${label}: exceptions`);
}
