import type { BpmnModdle } from 'bpmn-moddle';
import type { PlaybookDefinition } from '../playbooks/model.ts';
import type { IdAllocator } from './export.ts';
import { edgeWaypoints, layoutPlaybook, type Bounds } from './layout.ts';
import { refProperty, type ModdleElement } from './moddle.ts';

/** The semantic elements of an export, by playbook key. */
export interface ExportedElements {
  nodes: Map<string, ModdleElement>;
  flows: Map<string, ModdleElement>;
  boundaries: { event: ModdleElement; attachedKey: string }[];
}

export interface DiagramRoots {
  rootElements: ModdleElement[];
  diagram: ModdleElement;
}

/**
 * Adds lanes for the roles (inside a pool, as modelers expect) and a
 * BPMNDiagram with a shape for every element and an edge for every flow.
 */
export function buildDiagram(
  moddle: BpmnModdle,
  ids: IdAllocator,
  playbook: PlaybookDefinition,
  process: ModdleElement,
  elements: ExportedElements,
): DiagramRoots {
  const layout = layoutPlaybook(playbook);
  const diagramElements: ModdleElement[] = [];
  const shape = (element: ModdleElement, bounds: Bounds, extra = {}) =>
    moddle.create('bpmndi:BPMNShape', {
      id: ids.allocate(`${element.id}_di`),
      bpmnElement: element,
      bounds: moddle.create('dc:Bounds', { ...bounds }),
      ...extra,
    });
  const rootElements: ModdleElement[] = [];
  let planeElement = process;
  const roles = layout.bands.filter((band) => band.role !== undefined);
  if (roles.length > 0) {
    const participant = moddle.create('bpmn:Participant', {
      id: ids.allocate('Participant_playbook'),
      name: playbook.name,
      processRef: process,
    });
    planeElement = moddle.create('bpmn:Collaboration', {
      id: ids.allocate('Collaboration_playbook'),
      participants: [participant],
    });
    rootElements.push(planeElement);
    diagramElements.push(
      shape(participant, layout.pool, { isHorizontal: true }),
    );
    const lanes = roles.map((band) => {
      const lane = moddle.create('bpmn:Lane', {
        id: ids.allocate(`Lane_${band.role}`),
        name: band.role,
        flowNodeRef: playbook.nodes
          .filter((node) => node.role === band.role)
          .map((node) => elements.nodes.get(node.key)),
      });
      const bounds = {
        x: layout.pool.x + 30,
        y: band.y,
        width: layout.pool.width - 30,
        height: band.height,
      };
      diagramElements.push(shape(lane, bounds, { isHorizontal: true }));
      return lane;
    });
    process.laneSets = [
      moddle.create('bpmn:LaneSet', {
        id: ids.allocate('LaneSet_roles'),
        lanes,
      }),
    ];
  }
  rootElements.push(process);
  const bounds = new Map<ModdleElement, Bounds>();
  for (const node of playbook.nodes) {
    const element = elements.nodes.get(node.key);
    const box = layout.shapes.get(node.key);
    if (!element || !box) continue;
    bounds.set(element, box);
    const markerVisible = element.$type === 'bpmn:ExclusiveGateway';
    diagramElements.push(
      shape(element, box, markerVisible ? { isMarkerVisible: true } : {}),
    );
  }
  placeBoundaries(elements, layout.shapes, bounds);
  for (const { event } of elements.boundaries) {
    const box = bounds.get(event);
    if (box) diagramElements.push(shape(event, box));
  }
  for (const flow of elements.flows.values()) {
    diagramElements.push(createEdge(moddle, ids, flow, bounds));
  }
  const plane = moddle.create('bpmndi:BPMNPlane', {
    id: ids.allocate('Plane_playbook'),
    bpmnElement: planeElement,
    planeElement: diagramElements,
  });
  const diagram = moddle.create('bpmndi:BPMNDiagram', {
    id: ids.allocate('Diagram_playbook'),
    plane,
  });
  return { rootElements, diagram };
}

/** Puts boundary events on the lower border of the step they belong to. */
function placeBoundaries(
  elements: ExportedElements,
  shapes: Map<string, Bounds>,
  bounds: Map<ModdleElement, Bounds>,
): void {
  const perStep = new Map<string, number>();
  for (const { event, attachedKey } of elements.boundaries) {
    const host = shapes.get(attachedKey);
    if (!host) continue;
    const index = perStep.get(attachedKey) ?? 0;
    perStep.set(attachedKey, index + 1);
    bounds.set(event, {
      x: host.x + host.width - 28 - index * 40,
      y: host.y + host.height - 18,
      width: 36,
      height: 36,
    });
  }
}

function createEdge(
  moddle: BpmnModdle,
  ids: IdAllocator,
  flow: ModdleElement,
  bounds: Map<ModdleElement, Bounds>,
): ModdleElement {
  const source = refProperty(flow, 'sourceRef');
  const target = refProperty(flow, 'targetRef');
  const from = source ? bounds.get(source) : undefined;
  const to = target ? bounds.get(target) : undefined;
  const fromBoundary = source?.$type === 'bpmn:BoundaryEvent';
  const points = from && to ? edgeWaypoints(from, to, fromBoundary) : [];
  return moddle.create('bpmndi:BPMNEdge', {
    id: ids.allocate(`${flow.id}_di`),
    bpmnElement: flow,
    waypoint: points.map((point) => moddle.create('dc:Point', point)),
  });
}
