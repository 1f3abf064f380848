import type { Draft, DraftNode } from './draft.ts';
import { readTimer } from './timers.ts';
import {
  documentationText,
  extensionValues,
  listProperty,
  localType,
  stringProperty,
  type ModdleElement,
} from './moddle.ts';

/** Node keys that the sequence flows into and out of each element attach to. */
export interface Endpoints {
  entry: Map<string, string>;
  exit: Map<string, string>;
}

/** Numbers of sequence flows into and out of each element, by id. */
export interface Degrees {
  incoming: Map<string, number>;
  outgoing: Map<string, number>;
}

export interface MapContext {
  draft: Draft;
  endpoints: Endpoints;
  degrees: Degrees;
  /** True inside a flattened sub-process, where start and end pass through. */
  nested: boolean;
}

const automatedTasks: Record<string, string> = {
  ServiceTask: 'a service task (run by software)',
  SendTask: 'a send task (a message sent by software)',
  ScriptTask: 'a script task (run by the engine)',
  BusinessRuleTask: 'a business rule task (a decision table run by software)',
  CallActivity: 'a call activity (it starts another process)',
  Transaction: 'a transaction sub-process',
  AdHocSubProcess: 'an ad-hoc sub-process',
  SubProcess: 'a sub-process',
};

/** Maps one flow node that is neither a sub-process to flatten nor exact. */
export function mapFlowNode(element: ModdleElement, context: MapContext): void {
  const type = localType(element);
  if (type.endsWith('Gateway')) {
    mapGateway(element, type, context);
  } else if (type.endsWith('Event')) {
    mapEvent(element, type, context);
  } else {
    mapActivity(element, type, context);
  }
}

/** The common fields of a node made from `element`. */
export function baseNode(
  element: ModdleElement,
  kind: DraftNode['kind'],
): DraftNode {
  const id = element.id ?? '';
  const help = documentationText(element);
  return {
    key: id,
    elementId: id,
    kind,
    name: normalizeName(stringProperty(element, 'name')),
    ...(help !== undefined ? { help } : {}),
    source: { bpmn: localType(element) },
  };
}

function normalizeName(name: string | undefined): string {
  return (name ?? '').replace(/\s+/g, ' ').trim();
}

function addNode(context: MapContext, node: DraftNode): void {
  context.draft.addNode(node);
  context.endpoints.entry.set(node.elementId, node.key);
  context.endpoints.exit.set(node.elementId, node.key);
}

function mapActivity(
  element: ModdleElement,
  type: string,
  context: MapContext,
): void {
  const id = element.id ?? '';
  const node = baseNode(element, 'task');
  if (node.name === '') node.name = id;
  addNode(context, node);
  if (type === 'ReceiveTask') {
    node.receive = true;
    return;
  }
  if (type === 'Task' || type === 'ManualTask') return;
  if (type === 'UserTask') {
    reportAssignment(element, context);
    const form = externalForm(element);
    if (form) {
      context.draft.warn(
        id,
        `User task ${id} has ${form}, which Embark cannot show: imported ` +
          'as a task that a person completes; add a form step in Embark ' +
          'if the answers are needed',
      );
    }
    return;
  }
  const what = automatedTasks[type];
  context.draft.warn(
    id,
    what
      ? `${id} was ${what}: imported as a task that a person completes`
      : `${id} has the element type ${type}, which Embark does not know: ` +
          'imported as a task that a person completes',
  );
}

/** Reports Camunda assignment attributes, which roles replace. */
function reportAssignment(element: ModdleElement, context: MapContext): void {
  const id = element.id ?? '';
  const attributes = Object.entries(element.$attrs ?? {}).filter(([name]) =>
    /(^|:)(assignee|candidateUsers|candidateGroups|dueDate|followUpDate)$/.test(
      name,
    ),
  );
  const assignment = extensionValues(element).some((value) =>
    /(^|:)(assignmentDefinition|taskSchedule)$/.test(value.$type),
  );
  if (attributes.length === 0 && !assignment) return;
  const listed = attributes.map(([name, value]) => `${name}="${value}"`);
  context.draft.warn(
    id,
    `The assignment of ${id} ` +
      (listed.length > 0 ? `(${listed.join(', ')}) ` : '') +
      'is not imported: Embark assigns steps by role and sets due dates ' +
      'itself',
  );
}

/** Describes a Camunda 7 or 8 form on a user task, if it has one. */
function externalForm(element: ModdleElement): string | undefined {
  const attributes = element.$attrs ?? {};
  const formKey = Object.entries(attributes).find(([name]) =>
    /(^|:)formKey$/.test(name),
  )?.[1];
  if (formKey) return `the Camunda form ${formKey}`;
  const zeebe = extensionValues(element).find((value) =>
    /(^|:)formDefinition$/.test(value.$type),
  );
  if (zeebe) {
    const attrs = zeebe.$attrs ?? {};
    const reference = attrs.formKey ?? attrs.formId ?? attrs.externalReference;
    return reference
      ? `the Camunda 8 form ${reference}`
      : 'a Camunda 8 form definition';
  }
  const formData = extensionValues(element).find((value) =>
    /(^|:)formData$/.test(value.$type),
  );
  return formData ? 'Camunda form fields (camunda:formData)' : undefined;
}

/** Local types of the event definitions of an event. */
export function eventDefinitionTypes(element: ModdleElement): string[] {
  return listProperty(element, 'eventDefinitions').map((definition) =>
    localType(definition).replace(/EventDefinition$/, ''),
  );
}

function mapEvent(
  element: ModdleElement,
  type: string,
  context: MapContext,
): void {
  const id = element.id ?? '';
  const definitions = eventDefinitionTypes(element);
  const [trigger = 'None'] = definitions;
  if (definitions.length > 1) {
    context.draft.warn(
      id,
      `${id} has several triggers (${definitions.join(', ')}): only the ` +
        `first, ${trigger}, is used`,
    );
  }
  if (type === 'StartEvent' || type === 'EndEvent') {
    mapStartOrEnd(element, type, trigger, context);
  } else if (type === 'IntermediateCatchEvent') {
    mapCatchEvent(element, trigger, context);
  } else if (type === 'IntermediateThrowEvent') {
    mapThrowEvent(element, trigger, context);
  } else {
    const node = baseNode(element, 'task');
    node.name ||= id;
    addNode(context, node);
    context.draft.warn(
      id,
      `${id} is a ${type}, which Embark does not know: imported as a task`,
    );
  }
}

function mapStartOrEnd(
  element: ModdleElement,
  type: string,
  trigger: string,
  context: MapContext,
): void {
  const id = element.id ?? '';
  const isStart = type === 'StartEvent';
  if (context.nested) {
    addNode(context, { ...baseNode(element, 'task'), passThrough: true });
    if (trigger !== 'None') {
      context.draft.warn(
        id,
        `${id} is a ${trigger.toLowerCase()} ${isStart ? 'start' : 'end'} ` +
          'event inside a sub-process: imported as part of the flow, ' +
          `without its ${trigger.toLowerCase()} trigger`,
      );
    }
    return;
  }
  addNode(context, baseNode(element, isStart ? 'start' : 'end'));
  if (trigger === 'None') return;
  context.draft.warn(
    id,
    isStart
      ? `${id} is a ${trigger.toLowerCase()} start event: imported as a ` +
          'plain start, so the journey starts when a coordinator starts it'
      : `${id} is a ${trigger.toLowerCase()} end event: imported as a ` +
          `plain end, so it ends this path without its ` +
          `${trigger.toLowerCase()} result` +
          (trigger === 'Terminate' ? ' and without stopping other paths' : ''),
  );
}

function mapCatchEvent(
  element: ModdleElement,
  trigger: string,
  context: MapContext,
): void {
  const id = element.id ?? '';
  if (trigger === 'Timer') {
    mapTimerCatch(element, context);
    return;
  }
  if (trigger === 'Link' || trigger === 'None') {
    addNode(context, { ...baseNode(element, 'task'), passThrough: true });
    if (trigger === 'None') {
      context.draft.warn(
        id,
        `${id} is a catch event without a trigger: imported as a plain ` +
          'connection in the flow',
      );
    }
    return;
  }
  const node = baseNode(element, 'task');
  node.name ||= id;
  addNode(context, node);
  if (trigger === 'Message') {
    node.receive = true;
    return;
  }
  context.draft.warn(
    id,
    `${id} waits for a ${trigger.toLowerCase()} event: imported as a task ` +
      'that a person completes when it happens',
  );
}

function mapTimerCatch(element: ModdleElement, context: MapContext): void {
  const id = element.id ?? '';
  const timer = readTimer(element);
  const node = baseNode(element, 'wait');
  node.name ||= id;
  addNode(context, node);
  if (timer.duration) {
    node.wait = { duration: timer.duration };
  } else if (timer.date) {
    node.wait = { until: timer.date };
  } else if (timer.cycle) {
    node.wait = { duration: timer.cycle.every };
    context.draft.warn(
      id,
      `${id} waits on the cycle ${timer.text}: imported as one wait of ` +
        `${timer.cycle.every}`,
    );
  } else {
    node.kind = 'task';
    context.draft.warn(
      id,
      `${id} is a timer without a duration or date that Embark can read` +
        (timer.text ? ` (${timer.text})` : '') +
        ': imported as a task that a person completes when the time comes',
    );
  }
}

function mapThrowEvent(
  element: ModdleElement,
  trigger: string,
  context: MapContext,
): void {
  const id = element.id ?? '';
  if (trigger === 'Link') {
    addNode(context, { ...baseNode(element, 'task'), passThrough: true });
    return;
  }
  const node = baseNode(element, 'milestone');
  node.name ||= id;
  addNode(context, node);
  if (trigger !== 'None') {
    context.draft.warn(
      id,
      `${id} throws a ${trigger.toLowerCase()} event: imported as a ` +
        'milestone reached automatically, and nothing is sent',
    );
  }
}

function mapGateway(
  element: ModdleElement,
  type: string,
  context: MapContext,
): void {
  const id = element.id ?? '';
  const incoming = context.degrees.incoming.get(id) ?? 0;
  const outgoing = context.degrees.outgoing.get(id) ?? 0;
  if (type === 'ExclusiveGateway' || type === 'EventBasedGateway') {
    const node = baseNode(element, 'branch');
    node.branch = { mode: 'exclusive' };
    addNode(context, node);
    if (type === 'EventBasedGateway') {
      context.draft.warn(
        id,
        `${id} is an event-based gateway: imported as an exclusive branch ` +
          'without conditions, so a coordinator picks the path of the ' +
          'event that happened',
      );
    }
    return;
  }
  const parallel = type === 'ParallelGateway';
  if (type !== 'InclusiveGateway' && !parallel) {
    context.draft.warn(
      id,
      `${id} is a ${type}, which Embark does not have: imported as an ` +
        'inclusive branch (or a join where it merges flows)',
    );
  }
  mapSplitOrJoin(element, parallel, incoming, outgoing, context);
}

function mapSplitOrJoin(
  element: ModdleElement,
  parallel: boolean,
  incoming: number,
  outgoing: number,
  context: MapContext,
): void {
  const id = element.id ?? '';
  const split = (): DraftNode =>
    parallel
      ? baseNode(element, 'fork')
      : { ...baseNode(element, 'branch'), branch: { mode: 'inclusive' } };
  if (incoming <= 1 || outgoing === 0) {
    addNode(context, incoming > 1 ? baseNode(element, 'join') : split());
    return;
  }
  if (outgoing === 1) {
    addNode(context, baseNode(element, 'join'));
    return;
  }
  const join = baseNode(element, 'join');
  context.draft.addNode(join);
  const splitNode = split();
  splitNode.key = context.draft.uniqueKey(`${id}__split`);
  context.draft.addNode(splitNode);
  context.draft.addEdge({
    key: context.draft.uniqueKey(`${id}__merged`),
    from: join.key,
    to: splitNode.key,
    elementId: id,
    synthetic: true,
  });
  context.endpoints.entry.set(id, join.key);
  context.endpoints.exit.set(id, splitNode.key);
  context.draft.warn(
    id,
    `${id} both merges and splits flows: imported as a join (${join.key}) ` +
      `followed by ${parallel ? 'a fork' : 'an inclusive branch'} ` +
      `(${splitNode.key})`,
  );
}
