/**
 * Work unit → BPMN 2.0: one pool for the unit, one lane per actor (people
 * first), a user task per human or hybrid step and a service task per
 * machine step, an exclusive gateway with named, conditioned flows per
 * decision, a conditional boundary event per exception rule. The outcome, the
 * metrics and the human–machine boundary go into the pool's documentation.
 *
 * The document is built with bpmn-moddle and laid out by bpmn-auto-layout
 * (layout.ts adds the pool and lanes it does not draw), so it opens laid out
 * in bpmn.io, Camunda Modeler and other tools, and passes bpmnlint's
 * recommended rules: every element named, a merge gateway before a task that
 * several flows enter, no implicit start, end or split.
 */
import { newModdle } from './moddle';
import { actorDocumentation, stepDocumentation, UNASSIGNED_LANE } from './conventions';
import { layoutWithLanes } from './layout';
import { actorOf, stepMode } from '../model/queries';
import { crossingsAndHandoffs } from '../diagram/boundary';
import type { ActorKind, Step, UnitModel } from '../model/types';
import { isMap, isScalar } from 'yaml';


const KIND_ORDER: (ActorKind | undefined)[] = ['human', 'ai-agent', 'automation', undefined];
const NCNAME = /^[A-Za-z_][\w.-]*$/;

export async function exportBpmn(unit: UnitModel): Promise<string> {
  const moddle = newModdle();
  const steps = (unit.steps?.items ?? []).filter((s) => s.id !== undefined);
  const ids = new Set<string>();
  /** An XML id: the unit's own where it is a valid and free one, else a prefixed counter. */
  const xmlId = (wanted: string | undefined, prefix: string): string => {
    let id = wanted && NCNAME.test(wanted) && !ids.has(wanted) ? wanted : `${prefix}_${ids.size + 1}`;
    while (ids.has(id)) id = `${prefix}_${ids.size + 1}_${id}`;
    ids.add(id);
    return id;
  };
  const doc = (text: string | undefined) => (text ? [moddle.create('bpmn:Documentation', { text })] : []);

  // Lanes: one per actor, people first, then agents, then automations; one for steps nobody performs.
  const lanes = new Map<string, { lane: any; refs: any[] }>();
  const actors = [...unit.actors.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  for (const actor of actors) {
    const lane = moddle.create('bpmn:Lane', { id: xmlId(`Lane_${actor.id}`, 'Lane'), name: actor.id, documentation: doc(actorDocumentation(actor)) });
    lanes.set(actor.id, { lane, refs: [] });
  }
  // The unassigned lane's key is no actor id (an actor may be called `unassigned`): every step nobody
  // performs, and the gateways and ends that follow them, share that one lane.
  const UNASSIGNED = '\u0000unassigned';
  const laneFor = (key: string | undefined): { lane: any; refs: any[] } => {
    const existing = lanes.get(key ?? UNASSIGNED);
    if (existing) return existing;
    const name = key ?? 'unassigned';
    const lane = moddle.create('bpmn:Lane', { id: xmlId(`Lane_${name}`, 'Lane'), name, documentation: doc(key === undefined ? UNASSIGNED_LANE : 'An actor the unit names but does not declare') });
    const entry = { lane, refs: [] };
    lanes.set(key ?? UNASSIGNED, entry);
    return entry;
  };

  const elements: any[] = [];
  const flows: any[] = [];
  const add = <T>(element: T, laneKey: string | undefined): T => {
    elements.push(element);
    laneFor(laneKey).refs.push(element);
    return element;
  };
  const connect = (source: any, target: any, label?: string): void => {
    const flow = moddle.create('bpmn:SequenceFlow', { id: xmlId(undefined, 'Flow'), sourceRef: source, targetRef: target });
    if (label !== undefined) {
      flow.name = label;
      flow.conditionExpression = moddle.create('bpmn:FormalExpression', { body: label });
    }
    source.get('outgoing').push(flow);
    target.get('incoming').push(flow);
    flows.push(flow);
  };

  // Tasks.
  const tasks = new Map<number, any>();
  const laneOfStep = new Map<number, string | undefined>();
  for (const step of steps) {
    const mode = stepMode(unit, step);
    const laneKey = stepLane(unit, step, mode);
    laneOfStep.set(step.index, laneKey);
    const type = mode === 'human' || mode === 'hybrid' ? 'bpmn:UserTask' : mode === 'machine' ? 'bpmn:ServiceTask' : 'bpmn:Task';
    tasks.set(step.index, add(moddle.create(type, { id: xmlId(step.id, 'Activity'), name: step.name ?? step.id, documentation: doc(stepText(unit, step, mode)) }), laneKey));
  }

  // Where a flow into a step lands: the task, or a merge gateway before it where several flows enter.
  const incoming = new Map<number, number>();
  const exitsOf = new Map<number, { label?: string; to: number | 'end' }[]>();
  for (const step of steps) {
    const exits = stepExits(unit, step, steps).filter((e) => e.to === 'end' || tasks.has(e.to));
    exitsOf.set(step.index, exits);
    for (const e of exits) if (e.to !== 'end' && tasks.has(e.to)) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  }
  for (const rule of unit.exceptions) {
    const then = rule.then && steps.find((s) => s.id === rule.then!.name);
    if (then) incoming.set(then.index, (incoming.get(then.index) ?? 0) + rule.at.filter((a) => steps.some((s) => s.id === a.name)).length);
  }
  if (steps[0]) incoming.set(steps[0].index, (incoming.get(steps[0].index) ?? 0) + 1);
  const entry = new Map<number, any>();
  for (const step of steps) {
    const task = tasks.get(step.index);
    if ((incoming.get(step.index) ?? 0) < 2) entry.set(step.index, task);
    else {
      const merge = add(moddle.create('bpmn:ExclusiveGateway', { id: xmlId(undefined, 'Merge') }), laneOfStep.get(step.index));
      connect(merge, task);
      entry.set(step.index, merge);
    }
  }
  const endEvent = (laneKey: string | undefined, name = 'End'): any => add(moddle.create('bpmn:EndEvent', { id: xmlId(undefined, 'End'), name }), laneKey);
  const landing = (to: number | 'end', laneKey: string | undefined, endName?: string): any => (to === 'end' ? endEvent(laneKey, endName) : entry.get(to));

  if (steps[0]) {
    const start = add(moddle.create('bpmn:StartEvent', { id: xmlId(undefined, 'Start'), name: 'Start' }), laneOfStep.get(steps[0].index));
    connect(start, entry.get(steps[0].index));
  } else {
    const start = add(moddle.create('bpmn:StartEvent', { id: xmlId(undefined, 'Start'), name: 'Start' }), undefined);
    connect(start, endEvent(undefined));
  }

  // Flow: a single exit is a flow; several are an exclusive gateway whose flows carry the branch labels.
  for (const step of steps) {
    const task = tasks.get(step.index);
    const laneKey = laneOfStep.get(step.index);
    const exits = exitsOf.get(step.index)!;
    if (exits.length === 0) connect(task, endEvent(laneKey));
    else if (exits.length === 1) connect(task, landing(exits[0]!.to, laneKey));
    else if (exits.length > 1) {
      const name = step.question ?? (step.isDecision ? `${step.name ?? step.id}?` : `After ${step.name ?? step.id}`);
      const gateway = add(moddle.create('bpmn:ExclusiveGateway', { id: xmlId(undefined, 'Decision'), name }), laneKey);
      connect(task, gateway);
      for (const e of exits) connect(gateway, landing(e.to, laneKey), e.label ?? (e.to === 'end' ? 'end' : `to ${stepName(steps, e.to)}`));
    }
  }

  // Exception rules: an interrupting conditional boundary event on each step it fires at.
  for (const rule of unit.exceptions) {
    for (const at of rule.at) {
      const step = steps.find((s) => s.id === at.name);
      if (!step) continue;
      const when = rule.when ?? rule.id ?? 'exception';
      const event = moddle.create('bpmn:BoundaryEvent', {
        id: xmlId(rule.at.length === 1 ? rule.id : `${rule.id}-at-${step.id}`, 'Exception'),
        name: when,
        attachedToRef: tasks.get(step.index),
        cancelActivity: true,
        documentation: doc(rule.owner ? `Owner: ${rule.owner.name}` : undefined),
        eventDefinitions: [moddle.create('bpmn:ConditionalEventDefinition', { condition: moddle.create('bpmn:FormalExpression', { body: when }) })],
      });
      elements.push(event);
      laneFor(laneOfStep.get(step.index)).refs.push(event);
      const then = rule.then?.name;
      const target = then === undefined || then === 'end' ? undefined : steps.find((s) => s.id === then);
      connect(event, target ? entry.get(target.index) : endEvent(laneOfStep.get(step.index), `Ended: ${rule.id ?? when}`));
    }
  }

  const laneSet = moddle.create('bpmn:LaneSet', { id: xmlId(undefined, 'LaneSet') });
  const usedLanes = [...lanes.values()];
  for (const { lane, refs } of usedLanes) lane.flowNodeRef = refs;
  laneSet.lanes = usedLanes.map((l) => l.lane);
  const process = moddle.create('bpmn:Process', {
    id: xmlId(`Process_${unit.id?.value ?? 'unit'}`, 'Process'),
    name: unit.name ?? unit.id?.value,
    isExecutable: false,
    laneSets: [laneSet],
    flowElements: [...elements, ...flows],
  });
  const participant = moddle.create('bpmn:Participant', {
    id: xmlId(`Participant_${unit.id?.value ?? 'unit'}`, 'Participant'),
    name: unit.name ?? unit.id?.value ?? 'Work unit',
    processRef: process,
    documentation: doc(unitText(unit)),
  });
  const collaboration = moddle.create('bpmn:Collaboration', { id: xmlId(undefined, 'Collaboration'), participants: [participant] });
  const definitions = moddle.create('bpmn:Definitions', {
    id: xmlId(`Definitions_${unit.id?.value ?? 'unit'}`, 'Definitions'),
    targetNamespace: 'http://bpmn.io/schema/bpmn',
    exporter: 'Work Unit Studio',
    rootElements: [collaboration, process],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return layoutWithLanes(xml);
}

/** The lane a step goes in: its human (the accountable one for a hybrid step), else its first performer. */
function stepLane(unit: UnitModel, step: Step, mode: string): string | undefined {
  if (mode === 'hybrid') {
    const accountable = actorOf(unit, step.accountable);
    if (accountable?.kind === 'human') return accountable.id;
    return step.performers.find((p) => unit.actors.get(p.name)?.kind === 'human')?.name;
  }
  return step.performers[0]?.name;
}

/**
 * Where a step leads. A `next` map is read from the YAML, label by label
 * (the model keeps only its targets); any other `next`, and falling
 * through, from the model's edges.
 */
function stepExits(unit: UnitModel, step: Step, steps: Step[]): { label?: string; to: number | 'end' }[] {
  const next = unit.doc.getIn(['steps', step.index, 'next'], true);
  if (isMap(next)) {
    const exits: { label?: string; to: number | 'end' }[] = [];
    for (const pair of next.items) {
      const label = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const target = isScalar(pair.value) ? String(pair.value.value) : undefined;
      const to = target === 'end' ? 'end' : steps.find((s) => s.id === target)?.index;
      if (to !== undefined) exits.push({ label, to });
    }
    if (exits.length > 0) return exits;
  }
  return unit.edges.filter((e) => e.from === step.index && e.kind !== 'exception').map((e) => ({ to: e.to }));
}

function stepName(steps: Step[], index: number): string {
  const s = steps.find((x) => x.index === index);
  return s?.name ?? s?.id ?? `step ${index + 1}`;
}

function stepText(unit: UnitModel, step: Step, mode: string): string {
  const performers = step.performers.map((p) => ({ id: p.name, kind: unit.actors.get(p.name)?.kind ?? 'undeclared' }));
  const machines = performers.filter((p) => p.kind === 'ai-agent' || p.kind === 'automation');
  return stepDocumentation(step.id ?? '', mode, performers, step.accountable?.name, [
    mode === 'hybrid' && machines.length > 0 ? `Hybrid: the person works with ${machines.map((m) => m.id).join(', ')}` : '',
    step.isDecision ? `Decision: ${step.question ?? 'yes'}` : '',
    step.expectedDuration ? `Expected duration: ${step.expectedDuration}` : '',
  ]);
}

/** The outcome, the metrics and the boundary, for the pool's documentation. */
function unitText(unit: UnitModel): string {
  const o = unit.outcome;
  const metrics = unit.learning?.metrics?.items ?? [];
  const boundary = crossingsAndHandoffs(unit);
  const lines = [
    `Work unit ${unit.id?.value ?? ''}`.trim(),
    o?.statement && `Outcome: ${o.statement.value}`,
    o?.doneWhen && `Done when: ${o.doneWhen}`,
    o?.within && `Within: ${o.within.value}`,
    o && o.measuredBy.length > 0 && `Measured by: ${o.measuredBy.map((m) => m.name).join(', ')}`,
    ...metrics.map((m) => `Metric ${m.id ?? m.index + 1} (${m.kind ?? 'no kind'}): ${m.baseline ?? '?'} → ${m.target ?? '?'}${m.unit ? ` ${m.unit}` : ''}`),
    unit.learning?.review && `Review: ${unit.learning.review.cadence ?? 'no cadence'}, by ${unit.learning.review.owner?.name ?? 'nobody yet'}`,
    `Human–machine boundary: ${boundary.crossings.length} crossing${boundary.crossings.length === 1 ? '' : 's'}, ${boundary.handoffs.length} hand-off${boundary.handoffs.length === 1 ? '' : 's'}`,
    ...boundary.crossings.map((c) => `Crossing: ${c.from} → ${c.to}${c.exception ? ` (exception ${c.exception})` : ''}`),
    ...boundary.handoffs.map((h) => `Hand-off: ${h.exception} at ${h.at} to ${h.owner}`),
  ];
  return lines.filter(Boolean).join('\n');
}
