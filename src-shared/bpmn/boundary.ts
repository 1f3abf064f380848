import type { Draft, DraftNode } from './draft.ts';
import { eventDefinitionTypes, type Endpoints } from './elements.ts';
import { readTimer } from './timers.ts';
import { flowEdge } from './flows.ts';
import { refProperty, type ModdleElement } from './moddle.ts';

export interface BoundaryContext {
  draft: Draft;
  endpoints: Endpoints;
  /** Outgoing sequence flows of each element, by element id. */
  flowsFrom: ReadonlyMap<string, ModdleElement[]>;
  /** Report reason, by element id, for elements behind a dropped path. */
  dropReasons: Map<string, string>;
}

/**
 * Imports a boundary event: an interrupting timer becomes the deadline of
 * the step it is attached to, a repeating non-interrupting timer its
 * reminders, and another interrupting event an alternative path chosen by
 * a variable. The event itself never becomes a node.
 */
export function mapBoundaryEvent(
  event: ModdleElement,
  context: BoundaryContext,
): void {
  const id = event.id ?? '';
  const attachedId = refProperty(event, 'attachedToRef')?.id ?? '';
  const attachedKey = context.endpoints.exit.get(attachedId);
  const attached = attachedKey
    ? context.draft.nodes.get(attachedKey)
    : undefined;
  if (!attached) {
    context.draft.warn(
      id,
      `Boundary event ${id} is not imported: the element it is attached ` +
        `to, ${attachedId}, is not part of the imported flow`,
    );
    dropPath(event, context, `it follows boundary event ${id}`);
    return;
  }
  const [trigger = 'None'] = eventDefinitionTypes(event);
  const interrupting = event.cancelActivity !== false;
  if (trigger === 'Timer') {
    if (interrupting) mapDeadline(event, attached, context);
    else mapReminders(event, attached, context);
    return;
  }
  if (interrupting && trigger !== 'Compensate') {
    mapRejectPath(event, attached, trigger, context);
    return;
  }
  const kind = `${interrupting ? '' : 'non-interrupting '}${trigger.toLowerCase()}`;
  context.draft.warn(
    id,
    `Boundary event ${id} (${kind}) on ${attachedId} is not imported: ` +
      'Embark has no event that starts extra work while a step is open' +
      describeDropped(event, context),
  );
  dropPath(event, context, `it follows boundary event ${id}`);
}

function mapDeadline(
  event: ModdleElement,
  attached: DraftNode,
  context: BoundaryContext,
): void {
  const id = event.id ?? '';
  const timer = readTimer(event);
  const after = timer.duration ?? timer.cycle?.every;
  if (attached.exact) {
    routeFrom(event, attached, context);
    return;
  }
  if (!after || attached.deadline) {
    context.draft.warn(
      id,
      `Timer boundary event ${id} on ${attached.elementId} is not ` +
        'imported: ' +
        (attached.deadline
          ? `${attached.elementId} already has a deadline`
          : `its timer ${timer.text ?? '(empty)'} is not a duration that ` +
            'Embark can read') +
        describeDropped(event, context),
    );
    dropPath(event, context, `it follows timer boundary event ${id}`);
    return;
  }
  attached.deadline = { after, edge: routeFrom(event, attached, context) };
  if (!timer.duration) {
    context.draft.warn(
      id,
      `Timer boundary event ${id} repeats (${timer.text}), but it ` +
        `interrupts ${attached.elementId} the first time: imported as a ` +
        `deadline after ${after}`,
    );
  }
}

function mapReminders(
  event: ModdleElement,
  attached: DraftNode,
  context: BoundaryContext,
): void {
  const id = event.id ?? '';
  const timer = readTimer(event);
  const reminders = timer.cycle
    ? timer.cycle
    : timer.duration
      ? { every: timer.duration, times: 1 }
      : undefined;
  const hasPath = (context.flowsFrom.get(id) ?? []).length > 0;
  if (!attached.exact) {
    if (reminders && !attached.reminders) {
      attached.reminders = reminders;
    } else {
      context.draft.warn(
        id,
        `Timer boundary event ${id} on ${attached.elementId} is not ` +
          'imported: ' +
          (attached.reminders
            ? `${attached.elementId} already has reminders`
            : `its timer ${timer.text ?? '(empty)'} is not a duration or ` +
              'cycle that Embark can read'),
      );
    }
  }
  if (!hasPath) return;
  context.draft.warn(
    id,
    `The path after reminder timer ${id} is not imported: Embark sends ` +
      `the reminders for ${attached.elementId} itself` +
      describeDropped(event, context),
  );
  dropPath(event, context, `it follows reminder timer ${id}`);
}

function mapRejectPath(
  event: ModdleElement,
  attached: DraftNode,
  trigger: string,
  context: BoundaryContext,
): void {
  const id = event.id ?? '';
  const flows = context.flowsFrom.get(id) ?? [];
  if (attached.exact) {
    routeFrom(event, attached, context);
    return;
  }
  if (flows.length === 0) {
    context.draft.warn(
      id,
      `Boundary event ${id} (${trigger.toLowerCase()}) on ` +
        `${attached.elementId} is not imported: it has no outgoing flow`,
    );
    return;
  }
  const variable = feelName(id);
  const edgeKey = routeFrom(event, attached, context);
  const edge = context.draft.edges.find(
    (candidate) => candidate.key === edgeKey,
  );
  if (edge) edge.alternative = variable;
  context.draft.warn(
    id,
    `Boundary event ${id} (${trigger.toLowerCase()}) on ` +
      `${attached.elementId}: Embark has no ${trigger.toLowerCase()} ` +
      `events, so an exclusive branch after ${attached.elementId} takes its ` +
      `path (${edgeKey}) when the variable ${variable} is true, and the ` +
      'normal flow otherwise',
  );
}

/** A FEEL variable name made from an element id. */
export function feelName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/**
 * Moves the boundary event's outgoing path so that it leaves the attached
 * step, and returns the key of the edge that starts it. Several flows get a
 * fork keyed by the event id; none gets an end.
 */
function routeFrom(
  event: ModdleElement,
  attached: DraftNode,
  context: BoundaryContext,
): string {
  const { draft, endpoints } = context;
  const id = event.id ?? '';
  const flows = context.flowsFrom.get(id) ?? [];
  const [single] = flows;
  if (single && flows.length === 1) {
    const target = endpoints.entry.get(
      refProperty(single, 'targetRef')?.id ?? '',
    );
    if (target) {
      return draft.addEdge(flowEdge(draft, single, attached.key, target)).key;
    }
  }
  const nodeKind = flows.length === 0 ? 'end' : 'fork';
  draft.addNode({ key: id, kind: nodeKind, name: '', elementId: id });
  endpoints.exit.set(id, id);
  const key = draft.uniqueKey(`${id}__flow`);
  draft.addEdge({
    key,
    from: attached.key,
    to: id,
    elementId: id,
    synthetic: true,
  });
  if (!attached.exact) {
    draft.warn(
      id,
      flows.length === 0
        ? `Boundary event ${id} has no outgoing flow: an end (${id}) is ` +
            'added for its path'
        : `Boundary event ${id} has ${flows.length} outgoing flows: a fork ` +
            `(${id}) is added that takes all of them`,
    );
  }
  return key;
}

/** Lists the elements right after the event, for the report. */
function describeDropped(
  event: ModdleElement,
  context: BoundaryContext,
): string {
  const targets = (context.flowsFrom.get(event.id ?? '') ?? [])
    .map((flow) => refProperty(flow, 'targetRef')?.id)
    .filter((target): target is string => target !== undefined);
  return targets.length > 0
    ? ` (its path starts at ${targets.join(', ')})`
    : '';
}

/** Records why the elements after the event are not imported. */
function dropPath(
  event: ModdleElement,
  context: BoundaryContext,
  reason: string,
): void {
  for (const flow of context.flowsFrom.get(event.id ?? '') ?? []) {
    const target = refProperty(flow, 'targetRef')?.id;
    if (target && !context.dropReasons.has(target)) {
      context.dropReasons.set(target, `${reason}, whose path is not imported`);
    }
  }
}
