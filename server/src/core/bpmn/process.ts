/**
 * A BPMN process as the import needs it: its activities, lanes, sequence
 * flows and boundary events, read off bpmn-moddle's elements into plain data
 * (no moddle types past this file). `incoming`/`outgoing` are derived from the
 * flows' source and target, since many tools leave them out of the XML.
 */
import { list, localType, oneLine, ref, type BpmnElement } from './moddle';

export interface FlowEdge {
  id: string;
  /** The flow's name, or its condition's text: what labels a decision's branch. */
  label?: string;
  isDefault: boolean;
  source: string;
  target: string;
}

export interface FlowNode {
  id: string;
  name?: string;
  /** `UserTask`, `ExclusiveGateway`, `EndEvent`… */
  type: string;
  kind: 'activity' | 'gateway' | 'start' | 'end' | 'intermediate' | 'boundary';
  /** Event definitions without prefix and suffix: `Timer`, `Error`… */
  triggers: string[];
  /** For a sub-process: the activities inside it, by name, at any depth. */
  inner: string[];
  /** For an event sub-process (`triggeredByEvent`): its start events' triggers or names. */
  eventSubProcess?: string;
  /** For a call activity: what it calls. */
  calls?: string;
  /** For a boundary event: the activity it is attached to, and whether it interrupts it. */
  attachedTo?: string;
  interrupting?: boolean;
  /** For a gateway: its default flow's id. */
  defaultFlow?: string;
  documentation?: string;
  out: FlowEdge[];
  in: FlowEdge[];
}

export interface LaneInfo {
  id: string;
  /** Its name, or `unnamed lane ID` where it has none. */
  name: string;
  named: boolean;
  /** The names of the lanes around it, outermost first. */
  parents: string[];
  hasChildren: boolean;
  /** The flow nodes it lists (`flowNodeRef`). */
  nodes: string[];
  documentation?: string;
}

export interface ProcessInfo {
  id: string;
  /** The participant's name where a pool holds the process, else the process's own name. */
  name?: string;
  participantName?: string;
  documentation?: string;
  /** Top-level flow nodes in document order. */
  nodes: FlowNode[];
  byId: Map<string, FlowNode>;
  lanes: LaneInfo[];
  /** Elements the import does not turn into anything, by kind: `data object reference` → names. */
  unsupported: Map<string, string[]>;
}

const ACTIVITY_TYPES = new Set(['Task', 'UserTask', 'ManualTask', 'ServiceTask', 'ScriptTask', 'SendTask', 'ReceiveTask', 'BusinessRuleTask', 'SubProcess', 'AdHocSubProcess', 'Transaction', 'CallActivity']);

export function readProcess(process: BpmnElement, participant?: BpmnElement): ProcessInfo {
  const unsupported = new Map<string, string[]>();
  const note = (kind: string, e: BpmnElement): void => {
    const names = unsupported.get(kind) ?? [];
    names.push(label(e));
    unsupported.set(kind, names);
  };

  const nodes: FlowNode[] = [];
  const flows: BpmnElement[] = [];
  for (const e of list(process, 'flowElements')) {
    if (e.$instanceOf('bpmn:SequenceFlow')) flows.push(e);
    else if (e.$instanceOf('bpmn:FlowNode')) {
      const node = toNode(e);
      if (node) nodes.push(node);
      else note(spaced(localType(e)), e);
    } else note(spaced(localType(e)), e);
  }
  for (const a of list(process, 'artifacts')) note(spaced(localType(a)), a);

  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const f of flows) {
    const source = ref(f, 'sourceRef')?.id;
    const target = ref(f, 'targetRef')?.id;
    if (!source || !target || !byId.has(source) || !byId.has(target)) {
      note('sequence flow with an end outside the process', f);
      continue;
    }
    const condition = ref(f, 'conditionExpression');
    const text = f.name ? oneLine(f.name) : typeof condition?.body === 'string' ? oneLine(condition.body) : '';
    const edge: FlowEdge = { id: f.id ?? '', label: text || undefined, isDefault: false, source, target };
    byId.get(source)!.out.push(edge);
    byId.get(target)!.in.push(edge);
  }
  for (const n of nodes) for (const e of n.out) e.isDefault = n.defaultFlow !== undefined && n.defaultFlow === e.id;

  const lanes: LaneInfo[] = [];
  const walkLanes = (laneSets: BpmnElement[], parents: string[]): void => {
    for (const set of laneSets) {
      for (const lane of list(set, 'lanes')) {
        const child = ref(lane, 'childLaneSet');
        const name = lane.name ? oneLine(lane.name) : '';
        lanes.push({
          id: lane.id ?? '',
          name: name || `unnamed lane ${lane.id ?? ''}`.trim(),
          named: name !== '',
          parents,
          hasChildren: list(child, 'lanes').length > 0,
          nodes: list(lane, 'flowNodeRef').map((n) => n.id ?? ''),
          documentation: documentation(lane, '\n'),
        });
        if (child) walkLanes([child], [...parents, name || lane.id || 'lane']);
      }
    }
  };
  walkLanes(list(process, 'laneSets'), []);

  const participantName = participant?.name ? oneLine(participant.name) : undefined;
  return {
    id: process.id ?? 'process',
    name: participantName || (process.name ? oneLine(process.name) : undefined),
    participantName,
    documentation: documentation(process) ?? documentation(participant),
    nodes,
    byId,
    lanes,
    unsupported,
  };
}

function toNode(e: BpmnElement): FlowNode | undefined {
  const type = localType(e);
  const base = {
    id: e.id ?? '',
    name: e.name ? oneLine(e.name) || undefined : undefined,
    type,
    triggers: list(e, 'eventDefinitions').map((d) => localType(d).replace(/EventDefinition$/, '')),
    inner: [] as string[],
    documentation: documentation(e),
    out: [] as FlowEdge[],
    in: [] as FlowEdge[],
  };
  if (ACTIVITY_TYPES.has(type) || e.$instanceOf('bpmn:Activity')) {
    const node: FlowNode = { ...base, kind: 'activity' };
    if (e.$instanceOf('bpmn:SubProcess')) {
      node.inner = innerActivities(e);
      if (e.triggeredByEvent) {
        const starts = list(e, 'flowElements').filter((x) => x.$instanceOf('bpmn:StartEvent'));
        node.eventSubProcess = starts.map((s) => s.name ?? list(s, 'eventDefinitions').map((d) => localType(d).replace(/EventDefinition$/, '').toLowerCase()).join(', ')).join('; ');
      }
    }
    if (e.$instanceOf('bpmn:CallActivity')) {
      const called = e.calledElement;
      node.calls = typeof called === 'string' ? called : ref(e, 'calledElement')?.name ?? ref(e, 'calledElement')?.id;
    }
    return node;
  }
  if (e.$instanceOf('bpmn:Gateway')) return { ...base, kind: 'gateway', defaultFlow: ref(e, 'default')?.id };
  if (e.$instanceOf('bpmn:StartEvent')) return { ...base, kind: 'start' };
  if (e.$instanceOf('bpmn:EndEvent')) return { ...base, kind: 'end' };
  if (e.$instanceOf('bpmn:BoundaryEvent')) {
    return { ...base, kind: 'boundary', attachedTo: ref(e, 'attachedToRef')?.id, interrupting: e.cancelActivity !== false };
  }
  if (e.$instanceOf('bpmn:IntermediateCatchEvent') || e.$instanceOf('bpmn:IntermediateThrowEvent')) return { ...base, kind: 'intermediate' };
  return undefined;
}

/** The names of the activities inside a sub-process, at any depth, in document order. */
function innerActivities(sub: BpmnElement): string[] {
  const names: string[] = [];
  for (const e of list(sub, 'flowElements')) {
    if (!e.$instanceOf('bpmn:Activity')) continue;
    names.push(label(e));
    if (e.$instanceOf('bpmn:SubProcess')) names.push(...innerActivities(e));
  }
  return names;
}

/** The element's documentation on one line, or with its lines kept (joined by `separator`) for a caller that reads them. */
function documentation(e: BpmnElement | undefined, separator?: string): string | undefined {
  const text = list(e, 'documentation')
    .map((d) => (typeof d.text === 'string' ? (separator ? d.text.trim() : oneLine(d.text)) : ''))
    .filter((t) => t)
    .join(separator ?? ' ');
  return text || undefined;
}

/** An element as a comment names it: its name, else its id. */
export function label(e: { name?: string; id?: string }): string {
  return (e.name ? oneLine(e.name) : '') || e.id || '(unnamed)';
}

/** `DataObjectReference` → `data object reference`. */
function spaced(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
