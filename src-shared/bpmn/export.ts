import { EmbarkError } from '../errors.ts';
import {
  playbookDefinitionSchema,
  type PlaybookDefinition,
  type PlaybookEdge,
  type PlaybookNode,
} from '../playbooks/model.ts';
import { buildDiagram, type ExportedElements } from './diagram.ts';
import {
  createEmbarkData,
  createModdle,
  type ModdleElement,
} from './moddle.ts';
import type { BpmnModdle } from 'bpmn-moddle';

const ncName = /^[A-Za-z_][\w.-]*$/;

/** Element types that are activities, so boundary events may attach. */
const activityTypes = new Set(['bpmn:UserTask', 'bpmn:ReceiveTask']);

/** Element types whose `default` attribute marks a default flow. */
const defaultCapable = new Set([
  'bpmn:UserTask',
  'bpmn:ReceiveTask',
  'bpmn:ExclusiveGateway',
  'bpmn:InclusiveGateway',
]);

/**
 * Writes a playbook as BPMN 2.0 XML with a diagram. Data without a BPMN
 * equivalent (forms, file slots, approvals, stages, the exact kind) is
 * kept as JSON in `embark:step`, `embark:flow` and `embark:playbook`
 * extension elements, so that `importBpmn` restores the playbook exactly.
 * Rejects with PLAYBOOK_INVALID when the playbook is not consistent.
 */
export async function exportBpmn(
  playbook: PlaybookDefinition,
): Promise<string> {
  const definition = checkPlaybook(playbook);
  const moddle = createModdle();
  const ids = new IdAllocator(definition.nodes.map((node) => node.key));
  const elements: ExportedElements = {
    nodes: new Map(),
    flows: new Map(),
    boundaries: [],
  };
  const process = moddle.create('bpmn:Process', {
    id: ids.allocate('Process_playbook'),
    name: definition.name,
    isExecutable: true,
  });
  if (definition.description) {
    process.documentation = [documentation(moddle, definition.description)];
  }
  if (definition.segment) {
    process.extensionElements = extensions(moddle, [
      createEmbarkData(moddle, 'Playbook', { segment: definition.segment }),
    ]);
  }
  const flowElements: ModdleElement[] = [];
  for (const node of definition.nodes) {
    const element = createNode(moddle, node);
    elements.nodes.set(node.key, element);
    flowElements.push(element);
  }
  for (const edge of definition.edges) {
    const flow = createFlow(moddle, ids, edge, elements);
    elements.flows.set(edge.key, flow);
    flowElements.push(flow);
  }
  for (const node of definition.nodes) {
    flowElements.push(...createBoundaries(moddle, ids, node, elements));
  }
  process.flowElements = flowElements;
  const roots = buildDiagram(moddle, ids, definition, process, elements);
  const definitions = moddle.create('bpmn:Definitions', {
    id: ids.allocate('Definitions_playbook'),
    targetNamespace: 'urn:embark:playbooks',
    exporter: 'Embark',
    rootElements: roots.rootElements,
    diagrams: [roots.diagram],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}

/** Hands out XML ids that are unique in the document. */
export class IdAllocator {
  private readonly used: Set<string>;

  constructor(reserved: Iterable<string>) {
    this.used = new Set(reserved);
  }

  allocate(base: string): string {
    let start = base.replace(/[^\w.-]/g, '_');
    if (!/^[A-Za-z_]/.test(start)) start = `_${start}`;
    let id = start;
    for (let suffix = 2; this.used.has(id); suffix += 1) {
      id = `${start}_${suffix}`;
    }
    this.used.add(id);
    return id;
  }
}

function checkPlaybook(playbook: PlaybookDefinition): PlaybookDefinition {
  const parsed = playbookDefinitionSchema.safeParse(playbook);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EmbarkError(
      'PLAYBOOK_INVALID',
      `The playbook cannot be exported: ${issue?.path.join('.')} ` +
        `${issue?.message}. Fix the playbook and export again.`,
      { issues: parsed.error.issues },
    );
  }
  const definition = parsed.data;
  const keys = new Set<string>();
  for (const node of definition.nodes) {
    if (keys.has(node.key)) invalid(`two nodes have the key ${node.key}`);
    keys.add(node.key);
  }
  const edgeKeys = new Set<string>();
  for (const edge of definition.edges) {
    if (edgeKeys.has(edge.key)) invalid(`two edges have the key ${edge.key}`);
    edgeKeys.add(edge.key);
    for (const end of [edge.from, edge.to]) {
      if (!keys.has(end)) {
        invalid(
          `edge ${edge.key} refers to the node ${end}, which does not exist`,
        );
      }
    }
  }
  for (const node of definition.nodes) {
    const edgeKey = node.deadline?.edge;
    const edge = definition.edges.find(
      (candidate) => candidate.key === edgeKey,
    );
    if (edgeKey !== undefined && edge?.from !== node.key) {
      invalid(
        `the deadline of ${node.key} names the edge ${edgeKey}, which does ` +
          `not leave ${node.key}`,
      );
    }
  }
  return definition;
}

function invalid(problem: string): never {
  throw new EmbarkError(
    'PLAYBOOK_INVALID',
    `The playbook cannot be exported: ${problem}. Fix the playbook and ` +
      'export again.',
  );
}

function documentation(moddle: BpmnModdle, text: string): ModdleElement {
  return moddle.create('bpmn:Documentation', { text });
}

function extensions(
  moddle: BpmnModdle,
  values: ModdleElement[],
): ModdleElement {
  return moddle.create('bpmn:ExtensionElements', { values });
}

function elementType(node: PlaybookNode): string {
  switch (node.kind) {
    case 'start':
      return 'bpmn:StartEvent';
    case 'end':
      return 'bpmn:EndEvent';
    case 'task':
      return node.receive ? 'bpmn:ReceiveTask' : 'bpmn:UserTask';
    case 'form':
    case 'fileRequest':
    case 'approval':
      return 'bpmn:UserTask';
    case 'milestone':
      return 'bpmn:IntermediateThrowEvent';
    case 'branch':
      return node.branch?.mode === 'inclusive'
        ? 'bpmn:InclusiveGateway'
        : 'bpmn:ExclusiveGateway';
    case 'fork':
    case 'join':
      return 'bpmn:ParallelGateway';
    case 'wait':
      return 'bpmn:IntermediateCatchEvent';
  }
}

function createNode(moddle: BpmnModdle, node: PlaybookNode): ModdleElement {
  const { key, name, help, ...embarkData } = node;
  const element = moddle.create(elementType(node), { id: key });
  if (name !== '') element.name = name;
  if (help !== undefined) element.documentation = [documentation(moddle, help)];
  element.extensionElements = extensions(moddle, [
    createEmbarkData(moddle, 'Step', embarkData),
  ]);
  element.incoming = [];
  element.outgoing = [];
  if (node.kind === 'wait') {
    element.eventDefinitions = [timerDefinition(moddle, node.wait ?? {})];
  }
  return element;
}

function timerDefinition(
  moddle: BpmnModdle,
  timer: { duration?: string; until?: string; cycle?: string },
): ModdleElement {
  const expression = (body: string) =>
    moddle.create('bpmn:FormalExpression', { body });
  const definition = moddle.create('bpmn:TimerEventDefinition', {});
  if (timer.duration) definition.timeDuration = expression(timer.duration);
  else if (timer.until) definition.timeDate = expression(timer.until);
  else if (timer.cycle) definition.timeCycle = expression(timer.cycle);
  return definition;
}

function createFlow(
  moddle: BpmnModdle,
  ids: IdAllocator,
  edge: PlaybookEdge,
  elements: ExportedElements,
): ModdleElement {
  const id = ncName.test(edge.key)
    ? ids.allocate(edge.key)
    : ids.allocate(`Flow_${edge.key}`);
  const source = elements.nodes.get(edge.from);
  const target = elements.nodes.get(edge.to);
  const flow = moddle.create('bpmn:SequenceFlow', {
    id,
    sourceRef: source,
    targetRef: target,
  });
  if (edge.name !== undefined) flow.name = edge.name;
  if (edge.condition !== undefined) {
    flow.conditionExpression = moddle.create('bpmn:FormalExpression', {
      body: `=${edge.condition}`,
    });
  }
  const data: Record<string, unknown> = {};
  if (id !== edge.key) data.key = edge.key;
  if (edge.onReject) data.onReject = true;
  if (edge.isDefault) {
    if (source && defaultCapable.has(source.$type)) source.default = flow;
    else data.isDefault = true;
  }
  if (Object.keys(data).length > 0) {
    flow.extensionElements = extensions(moddle, [
      createEmbarkData(moddle, 'Flow', data),
    ]);
  }
  (source?.outgoing as ModdleElement[] | undefined)?.push(flow);
  (target?.incoming as ModdleElement[] | undefined)?.push(flow);
  return flow;
}

/**
 * Writes a deadline as an interrupting timer boundary event whose outgoing
 * flow is the deadline edge, and reminders as a non-interrupting cycle.
 * Only activities take boundary events; on other kinds the deadline edge
 * stays an ordinary flow and `embark:step` alone keeps the timing.
 */
function createBoundaries(
  moddle: BpmnModdle,
  ids: IdAllocator,
  node: PlaybookNode,
  elements: ExportedElements,
): ModdleElement[] {
  const attached = elements.nodes.get(node.key);
  if (!attached || !activityTypes.has(attached.$type)) return [];
  const boundaries: ModdleElement[] = [];
  if (node.deadline) {
    const event = moddle.create('bpmn:BoundaryEvent', {
      id: ids.allocate(`${node.key}_deadline`),
      name: `Deadline ${node.deadline.after}`,
      attachedToRef: attached,
      cancelActivity: true,
      eventDefinitions: [
        timerDefinition(moddle, { duration: node.deadline.after }),
      ],
    });
    const flow = elements.flows.get(node.deadline.edge);
    if (flow) {
      flow.sourceRef = event;
      attached.outgoing = (attached.outgoing as ModdleElement[]).filter(
        (f) => f !== flow,
      );
      event.outgoing = [flow];
    }
    boundaries.push(event);
  }
  if (node.reminders) {
    const { every, times } = node.reminders;
    boundaries.push(
      moddle.create('bpmn:BoundaryEvent', {
        id: ids.allocate(`${node.key}_reminders`),
        name: `Reminder every ${every}`,
        attachedToRef: attached,
        cancelActivity: false,
        eventDefinitions: [
          timerDefinition(moddle, { cycle: `R${times ?? ''}/${every}` }),
        ],
      }),
    );
  }
  for (const event of boundaries) {
    elements.boundaries.push({ event, attachedKey: node.key });
  }
  return boundaries;
}
