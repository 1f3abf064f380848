import { translateCondition } from './conditions.ts';
import type { Draft, DraftEdge } from './draft.ts';
import type { Endpoints } from './elements.ts';
import {
  readEmbarkData,
  refProperty,
  stringProperty,
  type ModdleElement,
} from './moddle.ts';

/** Turns a sequence flow into an edge between the imported nodes. */
export function addFlowEdge(
  draft: Draft,
  endpoints: Endpoints,
  flow: ModdleElement,
): void {
  const id = flow.id ?? '';
  if (draft.edges.some((edge) => edge.key === id)) return;
  const source = refProperty(flow, 'sourceRef');
  const target = refProperty(flow, 'targetRef');
  const from = endpoints.exit.get(source?.id ?? '');
  const to = endpoints.entry.get(target?.id ?? '');
  if (source?.$type === 'bpmn:BoundaryEvent' && !from) return;
  if (!from || !to) {
    draft.warn(
      id,
      `Sequence flow ${id} is not imported: it connects ` +
        `${source?.id ?? '(nothing)'} to ${target?.id ?? '(nothing)'}, ` +
        'which are not both part of the imported flow',
    );
    return;
  }
  const edge = flowEdge(draft, flow, from, to);
  if (source && refProperty(source, 'default') === flow) edge.isDefault = true;
  applyCondition(draft, flow, edge);
  draft.addEdge(edge);
}

/** An edge for `flow` with its name and Embark's extension data. */
export function flowEdge(
  draft: Draft,
  flow: ModdleElement,
  from: string,
  to: string,
): DraftEdge {
  const id = flow.id ?? '';
  const edge: DraftEdge = { key: id, from, to, elementId: id };
  const name = stringProperty(flow, 'name')?.replace(/\s+/g, ' ').trim();
  if (name) edge.name = name;
  applyEmbarkFlowData(draft, flow, edge);
  return edge;
}

function applyCondition(draft: Draft, flow: ModdleElement, edge: DraftEdge) {
  const expression = refProperty(flow, 'conditionExpression');
  if (!expression) return;
  const id = flow.id ?? '';
  if (edge.isDefault) {
    draft.warn(
      id,
      `The condition of ${id} is dropped: it is the default flow, which ` +
        'is taken when no other condition holds',
    );
    return;
  }
  const translated = translateCondition(
    stringProperty(expression, 'body'),
    stringProperty(expression, 'language'),
  );
  if (translated.condition !== undefined) {
    edge.condition = translated.condition;
  }
  if (translated.problem) {
    draft.warn(id, `Sequence flow ${id} ${translated.problem}`);
  }
}

/** Restores edge fields that only Embark's extension data carries. */
function applyEmbarkFlowData(
  draft: Draft,
  flow: ModdleElement,
  edge: DraftEdge,
) {
  const data = readEmbarkData(flow, 'Flow');
  if (data === undefined) return;
  if (data === null) {
    draft.warn(edge.key, `The Embark flow data of ${edge.key} is invalid`);
    return;
  }
  if (typeof data.key === 'string' && data.key !== '') edge.key = data.key;
  if (data.onReject === true) edge.onReject = true;
  if (data.isDefault === true) edge.isDefault = true;
}
