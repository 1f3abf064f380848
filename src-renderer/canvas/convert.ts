import type { Edge, Node } from '@xyflow/react';
import type {
  PlaybookDefinition,
  PlaybookEdge,
  PlaybookNode,
} from '../../src-shared/playbooks/model.ts';
import type { CanvasDoc, Layout } from './edits.ts';
import type { CanvasIssue, CanvasIssues } from './issues.ts';
import { kindInfo, type KindFamily } from './kinds.ts';

export type StepData = {
  node: PlaybookNode;
  issues: CanvasIssue[];
};
export type StepFlowNode = Node<StepData, KindFamily>;

export type LinkData = {
  edge: PlaybookEdge;
  issues: CanvasIssue[];
};
export type LinkFlowEdge = Edge<LinkData, 'link'>;

const noIssues: CanvasIssue[] = [];

/** The text an edge shows: its condition, or how it is taken. */
export function edgeLabel(edge: PlaybookEdge): string | undefined {
  const condition = edge.condition?.trim();
  if (condition) return condition;
  if (edge.isDefault) return 'default';
  if (edge.onReject) return edge.name ? `on reject: ${edge.name}` : 'on reject';
  return edge.name || undefined;
}

function sameIssues(a: CanvasIssue[], b: CanvasIssue[]): boolean {
  return (
    a.length === b.length &&
    a.every((issue, i) => issue.message === b[i]?.message)
  );
}

/**
 * Builds React Flow nodes. A node whose step, position, issues and selection
 * are unchanged keeps its previous object, so memoized node components skip
 * rendering when another node changes.
 */
export function toFlowNodes(
  doc: CanvasDoc,
  issues: CanvasIssues,
  selected: ReadonlySet<string>,
  previous: ReadonlyMap<string, StepFlowNode> = new Map(),
): StepFlowNode[] {
  return doc.definition.nodes.map((node) => {
    const position = doc.layout[node.key] ?? { x: 0, y: 0 };
    const nodeIssues = issues.byNode.get(node.key) ?? noIssues;
    const isSelected = selected.has(node.key);
    const old = previous.get(node.key);
    if (
      old &&
      old.data.node === node &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      old.selected === isSelected &&
      sameIssues(old.data.issues, nodeIssues)
    ) {
      return old;
    }
    return {
      id: node.key,
      type: kindInfo[node.kind].family,
      position,
      selected: isSelected,
      data: { node, issues: nodeIssues },
      ariaLabel: `${kindInfo[node.kind].label}: ${node.name || node.key}`,
    };
  });
}

export function toFlowEdges(
  def: PlaybookDefinition,
  issues: CanvasIssues,
  selected: ReadonlySet<string>,
): LinkFlowEdge[] {
  return def.edges.map((edge) => ({
    id: edge.key,
    source: edge.from,
    target: edge.to,
    type: 'link',
    selected: selected.has(edge.key),
    data: { edge, issues: issues.byEdge.get(edge.key) ?? noIssues },
    ariaLabel: `Connection from ${edge.from} to ${edge.to}`,
  }));
}

/**
 * Reads a document back from React Flow nodes and edges: the steps and
 * connections in their order, with positions in the layout map.
 */
export function fromFlow(
  base: Omit<PlaybookDefinition, 'nodes' | 'edges'>,
  nodes: readonly StepFlowNode[],
  edges: readonly LinkFlowEdge[],
): CanvasDoc {
  const layout: Layout = {};
  for (const node of nodes) layout[node.id] = { ...node.position };
  return {
    definition: {
      ...base,
      nodes: nodes.map((node) => ({ ...node.data.node, key: node.id })),
      edges: edges.map((edge) => ({
        ...(edge.data?.edge ?? { key: edge.id, from: '', to: '' }),
        key: edge.id,
        from: edge.source,
        to: edge.target,
      })),
    },
    layout,
  };
}
