import { nodeSchema } from '../playbooks/model.ts';
import type { Draft, DraftNode } from './draft.ts';
import {
  baseNode,
  eventDefinitionTypes,
  mapFlowNode,
  type Degrees,
  type Endpoints,
} from './elements.ts';
import {
  documentationText,
  listProperty,
  localType,
  readEmbarkData,
  refProperty,
  stringProperty,
  type ModdleElement,
} from './moddle.ts';
import { allFlowElements, flowNodes } from './select.ts';

/** A sub-process whose contents are imported inline. */
interface FlattenedSubProcess {
  id: string;
  entryKey: string;
  exitKey: string;
  startId: string;
  innerIds: string[];
}

/** Elements that the walk over a process collects besides its nodes. */
export interface ProcessWalk {
  endpoints: Endpoints;
  flows: ModdleElement[];
  flowsFrom: Map<string, ModdleElement[]>;
  boundaries: ModdleElement[];
  /** Start events directly in the process, in document order. */
  starts: ModdleElement[];
  flattened: FlattenedSubProcess[];
  links: { throws: ModdleElement[]; catches: ModdleElement[] };
  /** Enclosing sub-process of each element inside a flattened one. */
  parentOf: Map<string, string>;
}

/** Adds a node for every flow node of `process` that takes part in a flow. */
export function walkProcess(process: ModdleElement, draft: Draft): ProcessWalk {
  const flows = allFlowElements(process).filter(
    (element) => element.$type === 'bpmn:SequenceFlow',
  );
  const walk: ProcessWalk = {
    endpoints: { entry: new Map(), exit: new Map() },
    flows: [],
    flowsFrom: new Map(),
    boundaries: [],
    starts: [],
    flattened: [],
    links: { throws: [], catches: [] },
    parentOf: new Map(),
  };
  const degrees = countDegrees(flows);
  const attachedIds = new Set(
    allFlowElements(process)
      .map((element) => refProperty(element, 'attachedToRef')?.id)
      .filter((id): id is string => id !== undefined),
  );
  const walker = new Walker(draft, walk, degrees, attachedIds);
  walker.walkContainer(process, undefined);
  for (const flow of walk.flows) {
    const sourceId = refProperty(flow, 'sourceRef')?.id ?? '';
    walk.flowsFrom.set(sourceId, [
      ...(walk.flowsFrom.get(sourceId) ?? []),
      flow,
    ]);
  }
  return walk;
}

function countDegrees(flows: ModdleElement[]): Degrees {
  const degrees: Degrees = { incoming: new Map(), outgoing: new Map() };
  for (const flow of flows) {
    const source = refProperty(flow, 'sourceRef')?.id ?? '';
    const target = refProperty(flow, 'targetRef')?.id ?? '';
    degrees.outgoing.set(source, (degrees.outgoing.get(source) ?? 0) + 1);
    degrees.incoming.set(target, (degrees.incoming.get(target) ?? 0) + 1);
  }
  return degrees;
}

class Walker {
  constructor(
    private readonly draft: Draft,
    private readonly walk: ProcessWalk,
    private readonly degrees: Degrees,
    private readonly attachedIds: ReadonlySet<string>,
  ) {}

  walkContainer(container: ModdleElement, parent: string | undefined): void {
    for (const element of listProperty(container, 'flowElements')) {
      if (parent) this.walk.parentOf.set(element.id ?? '', parent);
      this.walkElement(element, parent);
    }
    for (const artifact of listProperty(container, 'artifacts')) {
      if (localType(artifact) === 'Association') continue;
      this.draft.warn(
        artifact.id ?? '',
        `${localType(artifact)} ${artifact.id} is not imported: it is an ` +
          'annotation of the diagram, not a step',
      );
    }
  }

  private walkElement(element: ModdleElement, parent: string | undefined) {
    const type = localType(element);
    const id = element.id ?? '';
    if (type === 'SequenceFlow') {
      this.walk.flows.push(element);
    } else if (type === 'BoundaryEvent') {
      this.walk.boundaries.push(element);
    } else if (type.startsWith('Data')) {
      this.draft.warn(
        id,
        `${type} ${id} is not imported: Embark keeps documents and data ` +
          'on the steps that use them',
      );
    } else if (this.addExactNode(element)) {
      if (type === 'StartEvent' && !parent) this.walk.starts.push(element);
    } else if (element.triggeredByEvent === true) {
      this.reportEventSubProcess(element);
    } else if (type === 'SubProcess' && this.canFlatten(element)) {
      this.flatten(element);
    } else if (type === 'StartEvent' && !parent) {
      this.walk.starts.push(element);
      mapFlowNode(element, this.context(parent));
    } else {
      this.recordLink(element, type);
      mapFlowNode(element, this.context(parent));
      this.reportCollapsedContents(element);
    }
  }

  /** Names the contents of a sub-process that is imported as one task. */
  private reportCollapsedContents(element: ModdleElement): void {
    const inner = allFlowElements(element)
      .filter((child) => localType(child) !== 'SequenceFlow')
      .map((child) => child.id);
    if (inner.length === 0) return;
    this.draft.warn(
      element.id ?? '',
      `The contents of ${element.id} (${inner.join(', ')}) are not ` +
        `imported: ${element.id} is one task that a person completes`,
    );
  }

  private context(parent: string | undefined) {
    return {
      draft: this.draft,
      endpoints: this.walk.endpoints,
      degrees: this.degrees,
      nested: parent !== undefined,
    };
  }

  private recordLink(element: ModdleElement, type: string): void {
    if (!eventDefinitionTypes(element).includes('Link')) return;
    if (type === 'IntermediateThrowEvent') this.walk.links.throws.push(element);
    if (type === 'IntermediateCatchEvent')
      this.walk.links.catches.push(element);
  }

  /** Adds the node stored in Embark's extension data, if there is one. */
  private addExactNode(element: ModdleElement): boolean {
    const id = element.id ?? '';
    const data = readEmbarkData(element, 'Step');
    if (data === undefined) return false;
    const help = documentationText(element);
    const parsed =
      data === null
        ? undefined
        : nodeSchema.safeParse({
            ...data,
            key: id,
            name: stringProperty(element, 'name') ?? '',
            ...(help !== undefined ? { help } : {}),
          });
    if (!parsed?.success) {
      this.draft.warn(
        id,
        `The Embark step data of ${id} is invalid` +
          (parsed ? ` (${parsed.error.issues[0]?.message})` : '') +
          ': the element is imported from its BPMN type instead',
      );
      return false;
    }
    const node: DraftNode = { ...parsed.data, elementId: id, exact: true };
    this.draft.addNode(node);
    this.walk.endpoints.entry.set(id, id);
    this.walk.endpoints.exit.set(id, id);
    return true;
  }

  private reportEventSubProcess(element: ModdleElement): void {
    const id = element.id ?? '';
    const inner = allFlowElements(element)
      .filter((child) => localType(child) !== 'SequenceFlow')
      .map((child) => child.id);
    this.draft.warn(
      id,
      `Event sub-process ${id} is not imported and never runs: Embark ` +
        'starts no steps on events' +
        (inner.length > 0 ? ` (it contains ${inner.join(', ')})` : ''),
    );
  }

  /** A plain sub-process with one untriggered start and no boundary events. */
  private canFlatten(element: ModdleElement): boolean {
    const starts = flowNodes(element).filter(
      (child) => localType(child) === 'StartEvent',
    );
    const [start] = starts;
    return (
      start !== undefined &&
      starts.length === 1 &&
      eventDefinitionTypes(start).length === 0 &&
      !this.attachedIds.has(element.id ?? '')
    );
  }

  private flatten(element: ModdleElement): void {
    const id = element.id ?? '';
    const entry = { ...baseNode(element, 'task'), passThrough: true };
    this.draft.addNode(entry);
    const exitKey = this.draft.uniqueKey(`${id}__exit`);
    this.draft.addNode({ ...entry, key: exitKey });
    this.walk.endpoints.entry.set(id, entry.key);
    this.walk.endpoints.exit.set(id, exitKey);
    const start = flowNodes(element).find(
      (child) => localType(child) === 'StartEvent',
    );
    const innerIds = flowNodes(element).map((child) => child.id ?? '');
    this.walk.flattened.push({
      id,
      entryKey: entry.key,
      exitKey,
      startId: start?.id ?? '',
      innerIds,
    });
    this.draft.warn(
      id,
      `Sub-process ${id} is imported inline: its ${innerIds.length} ` +
        'elements become steps of the main flow, and the sub-process ' +
        'itself is no step',
    );
    this.walkContainer(element, id);
  }
}

/** Connects each flattened sub-process to its first and last steps. */
export function wireFlattened(draft: Draft, walk: ProcessWalk): void {
  for (const sub of walk.flattened) {
    const start = walk.endpoints.entry.get(sub.startId);
    if (start) {
      draft.addEdge({
        key: draft.uniqueKey(`${sub.id}__start`),
        from: sub.entryKey,
        to: start,
        elementId: sub.id,
        synthetic: true,
      });
    }
    for (const innerId of sub.innerIds) {
      const key = walk.endpoints.exit.get(innerId);
      if (!key || draft.normalOutgoing(key).length > 0) continue;
      draft.addEdge({
        key: draft.uniqueKey(`${innerId}__done`),
        from: key,
        to: sub.exitKey,
        elementId: sub.id,
        synthetic: true,
      });
    }
  }
}

/** Connects each link throw event to the link catch event of its name. */
export function wireLinks(draft: Draft, walk: ProcessWalk): void {
  const linkName = (element: ModdleElement) =>
    stringProperty(
      listProperty(element, 'eventDefinitions')[0] ?? { $type: '' },
      'name',
    ) ?? stringProperty(element, 'name');
  for (const throwEvent of walk.links.throws) {
    const id = throwEvent.id ?? '';
    const name = linkName(throwEvent);
    const target = walk.links.catches.find(
      (candidate) => name !== undefined && linkName(candidate) === name,
    );
    const targetKey = target
      ? walk.endpoints.entry.get(target.id ?? '')
      : undefined;
    if (!targetKey) {
      draft.warn(
        id,
        `Link event ${id} has no link catch event named ` +
          `${name ?? '(unnamed)'}: the path ends there`,
      );
      continue;
    }
    draft.addEdge({
      key: draft.uniqueKey(`${id}__link`),
      from: id,
      to: targetKey,
      elementId: id,
      synthetic: true,
    });
  }
}
