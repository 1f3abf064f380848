import type {
  NodeKind,
  Playbook,
  PlaybookEdge,
  PlaybookNode,
} from '../playbooks/model.ts';

/** Kinds that a person works on and that need an owner role. */
export const workStepKinds: readonly NodeKind[] = [
  'task',
  'form',
  'fileRequest',
  'approval',
];

/** Kinds that complete as soon as a live token reaches them. */
export const automaticKinds: readonly NodeKind[] = [
  'start',
  'end',
  'milestone',
  'branch',
  'fork',
  'join',
];

/** Lookup tables over a playbook, built once per playbook object. */
export type PlaybookGraph = {
  nodes: Map<string, PlaybookNode>;
  edges: Map<string, PlaybookEdge>;
  /** Every edge leaving a node, in edge order. */
  outgoing: Map<string, PlaybookEdge[]>;
  incoming: Map<string, PlaybookEdge[]>;
  /** Edges that normal completion takes: not onReject, not the deadline edge. */
  flow: Map<string, PlaybookEdge[]>;
  start: PlaybookNode | undefined;
};

const graphs = new WeakMap<Playbook, PlaybookGraph>();

/**
 * Returns the lookup tables of a playbook. They are cached by object
 * identity, so a playbook must not be changed after its first use.
 */
export function graphOf(playbook: Playbook): PlaybookGraph {
  let graph = graphs.get(playbook);
  if (!graph) {
    graph = buildGraph(playbook);
    graphs.set(playbook, graph);
  }
  return graph;
}

function buildGraph(playbook: Playbook): PlaybookGraph {
  const nodes = new Map(playbook.nodes.map((node) => [node.key, node]));
  const edges = new Map(playbook.edges.map((edge) => [edge.key, edge]));
  const outgoing = new Map<string, PlaybookEdge[]>();
  const incoming = new Map<string, PlaybookEdge[]>();
  const flow = new Map<string, PlaybookEdge[]>();
  for (const node of playbook.nodes) {
    outgoing.set(node.key, []);
    incoming.set(node.key, []);
    flow.set(node.key, []);
  }
  for (const edge of playbook.edges) {
    outgoing.get(edge.from)?.push(edge);
    incoming.get(edge.to)?.push(edge);
    const source = nodes.get(edge.from);
    if (!edge.onReject && source?.deadline?.edge !== edge.key) {
      flow.get(edge.from)?.push(edge);
    }
  }
  const start = playbook.nodes.find((node) => node.kind === 'start');
  return { nodes, edges, outgoing, incoming, flow, start };
}

/** The edge's FEEL condition, or undefined when it is absent or blank. */
export function conditionOf(edge: PlaybookEdge): string | undefined {
  const condition = edge.condition?.trim();
  return condition ? condition : undefined;
}

/** Keys of every node reachable from `key` along any edge, `key` excluded. */
export function downstreamOf(graph: PlaybookGraph, key: string): Set<string> {
  const seen = new Set<string>();
  const pending = [key];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const edge of graph.outgoing.get(current) ?? []) {
      if (!seen.has(edge.to) && edge.to !== key) {
        seen.add(edge.to);
        pending.push(edge.to);
      }
    }
  }
  return seen;
}
