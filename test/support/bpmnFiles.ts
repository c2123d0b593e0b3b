/**
 * BPMN files made for the tests: built with bpmn-moddle (as a modelling tool
 * would save them, without diagram interchange), or written out where the
 * point is the XML's own shape (a default namespace, a vendor's extensions).
 */
import { BpmnModdle } from 'bpmn-moddle';

type Created = any;

async function save(moddle: BpmnModdle, process: Created, participantName?: string): Promise<string> {
  const rootElements: Created[] = [process];
  if (participantName) {
    const participant = moddle.create('bpmn:Participant', { id: 'Participant_1', name: participantName, processRef: process });
    rootElements.unshift(moddle.create('bpmn:Collaboration', { id: 'Collaboration_1', participants: [participant] }));
  }
  const definitions = moddle.create('bpmn:Definitions', { id: 'Definitions_1', targetNamespace: 'http://example.com/test', rootElements });
  return (await moddle.toXML(definitions, { format: true })).xml;
}

function flowBuilder(moddle: BpmnModdle, elements: Created[]) {
  let n = 0;
  return (source: Created, target: Created, name?: string): void => {
    const flow = moddle.create('bpmn:SequenceFlow', { id: `Flow_${++n}`, sourceRef: source, targetRef: target, name });
    source.get('outgoing').push(flow);
    target.get('incoming').push(flow);
    elements.push(flow);
  };
}

/**
 * A start event, `count` tasks in a row across `lanes` in turn (user tasks in
 * the first lane, service tasks in the others) and an end event; with
 * `decisionEvery`, every so many tasks an exclusive gateway whose "skip"
 * branch jumps a task.
 */
export async function chain(o: { count: number; lanes: string[]; decisionEvery?: number }): Promise<string> {
  const moddle = new BpmnModdle();
  const elements: Created[] = [];
  const connect = flowBuilder(moddle, elements);
  const lanes = o.lanes.map((name, i) => moddle.create('bpmn:Lane', { id: `Lane_${i + 1}`, name, flowNodeRef: [] }));
  const start = moddle.create('bpmn:StartEvent', { id: 'Start', name: 'Start' });
  const end = moddle.create('bpmn:EndEvent', { id: 'End', name: 'End' });
  const tasks: Created[] = [];
  for (let i = 0; i < o.count; i++) {
    const lane = i % o.lanes.length;
    const task = moddle.create(lane === 0 ? 'bpmn:UserTask' : 'bpmn:ServiceTask', { id: `Task_${i + 1}`, name: `Activity ${i + 1}` });
    lanes[lane].flowNodeRef.push(task);
    tasks.push(task);
  }
  elements.push(start, ...tasks, end);
  connect(start, tasks[0]);
  for (let i = 0; i < tasks.length; i++) {
    const next = tasks[i + 1] ?? end;
    if (o.decisionEvery && (i + 1) % o.decisionEvery === 0 && i + 2 < tasks.length) {
      const gateway = moddle.create('bpmn:ExclusiveGateway', { id: `Gateway_${i + 1}`, name: `Go on after ${i + 1}?` });
      elements.push(gateway);
      connect(tasks[i], gateway);
      connect(gateway, next, 'go on');
      connect(gateway, tasks[i + 2], 'skip');
    } else connect(tasks[i], next);
  }
  const process = moddle.create('bpmn:Process', {
    id: 'Process_chain',
    name: 'Chain',
    isExecutable: true,
    laneSets: [moddle.create('bpmn:LaneSet', { id: 'LaneSet_1', lanes })],
    flowElements: elements,
  });
  return save(moddle, process);
}

/** A pool whose "Sales" lane holds two lanes of its own, beside a "Back office" lane. */
export async function nestedLanes(): Promise<string> {
  const moddle = new BpmnModdle();
  const elements: Created[] = [];
  const connect = flowBuilder(moddle, elements);
  const start = moddle.create('bpmn:StartEvent', { id: 'Start', name: 'Order wanted' });
  const call = moddle.create('bpmn:UserTask', { id: 'Task_call', name: 'Take call' });
  const visit = moddle.create('bpmn:UserTask', { id: 'Task_visit', name: 'Visit customer' });
  const book = moddle.create('bpmn:ServiceTask', { id: 'Task_book', name: 'Book order' });
  const end = moddle.create('bpmn:EndEvent', { id: 'End', name: 'Booked' });
  elements.push(start, call, visit, book, end);
  connect(start, call);
  connect(call, visit);
  connect(visit, book);
  connect(book, end);
  const inside = moddle.create('bpmn:Lane', { id: 'Lane_inside', name: 'Inside sales', flowNodeRef: [start, call] });
  const field = moddle.create('bpmn:Lane', { id: 'Lane_field', name: 'Field sales', flowNodeRef: [visit] });
  const sales = moddle.create('bpmn:Lane', {
    id: 'Lane_sales',
    name: 'Sales',
    flowNodeRef: [start, call, visit],
    childLaneSet: moddle.create('bpmn:LaneSet', { id: 'LaneSet_sales', lanes: [inside, field] }),
  });
  const office = moddle.create('bpmn:Lane', { id: 'Lane_office', name: 'Back office', flowNodeRef: [book, end] });
  const process = moddle.create('bpmn:Process', {
    id: 'Process_sales',
    isExecutable: false,
    laneSets: [moddle.create('bpmn:LaneSet', { id: 'LaneSet_1', lanes: [sales, office] })],
    flowElements: elements,
  });
  return save(moddle, process, 'Sales and booking');
}

/** BPMN in the default namespace with a vendor's attributes and extension elements, and no diagram. */
export function vendorFlavoured(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
    xmlns:signavio="http://www.signavio.com" id="Definitions_v" targetNamespace="http://www.signavio.com/bpmn20" exporter="Signavio Process Editor">
  <collaboration id="Collaboration_v">
    <participant id="Participant_v" name="Warehouse" processRef="Process_v"/>
  </collaboration>
  <process id="Process_v" isExecutable="true" camunda:historyTimeToLive="30">
    <extensionElements><signavio:signavioDiagramMetaData metaKey="revisionid" metaValue="42"/></extensionElements>
    <startEvent id="Start_v" name="Order in"/>
    <serviceTask id="Task_A" name="Receive order" camunda:type="external" camunda:topic="orders">
      <extensionElements><camunda:inputOutput><camunda:inputParameter name="x">1</camunda:inputParameter></camunda:inputOutput></extensionElements>
    </serviceTask>
    <scriptTask id="Task_B" name="Check stock" scriptFormat="javascript"><script>ok = true</script></scriptTask>
    <sendTask id="Task_C" name="Ship"/>
    <endEvent id="End_v" name="Shipped"/>
    <sequenceFlow id="F1" sourceRef="Start_v" targetRef="Task_A"/>
    <sequenceFlow id="F2" sourceRef="Task_A" targetRef="Task_B"/>
    <sequenceFlow id="F3" sourceRef="Task_B" targetRef="Task_C"/>
    <sequenceFlow id="F4" sourceRef="Task_C" targetRef="End_v"/>
  </process>
</definitions>
`;
}
