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
const orders = new WeakMap<Playbook, PlaybookNode[]>();
const milestones = new WeakMap<Playbook, Map<string, string>>();

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

/**
 * Returns the playbook's nodes in flow order: each node after the nodes
 * with an edge into it, ignoring edges that close a loop. Of the nodes that
 * could come next, the one defined first wins. A playbook defined in flow
 * order therefore keeps its order, and a node added later between two
 * others is listed between them. Cached like `graphOf`.
 */
export function flowOrder(playbook: Playbook): PlaybookNode[] {
  let order = orders.get(playbook);
  if (!order) {
    order = buildFlowOrder(playbook, graphOf(playbook));
    orders.set(playbook, order);
  }
  return order;
}

function buildFlowOrder(
  playbook: Playbook,
  graph: PlaybookGraph,
): PlaybookNode[] {
  const loops = loopEdges(playbook, graph);
  const position = new Map(
    playbook.nodes.map((node, index) => [node.key, index]),
  );
  const waiting = new Map<string, number>();
  for (const node of playbook.nodes) {
    const inward = graph.incoming.get(node.key) ?? [];
    waiting.set(node.key, inward.filter((edge) => !loops.has(edge.key)).length);
  }
  const available = playbook.nodes.filter(
    (node) => waiting.get(node.key) === 0,
  );
  const order: PlaybookNode[] = [];
  while (available.length > 0) {
    let first = 0;
    for (let index = 1; index < available.length; index += 1) {
      if (
        position.get(available[index]!.key)! <
        position.get(available[first]!.key)!
      ) {
        first = index;
      }
    }
    const [node] = available.splice(first, 1);
    order.push(node!);
    for (const edge of graph.outgoing.get(node!.key) ?? []) {
      if (loops.has(edge.key)) continue;
      const left = (waiting.get(edge.to) ?? 0) - 1;
      waiting.set(edge.to, left);
      const target = graph.nodes.get(edge.to);
      if (left === 0 && target) available.push(target);
    }
  }
  return order;
}

/**
 * Returns, for each node, the key of the nearest milestone that its
 * outgoing edges lead to, ignoring edges that close a loop. A milestone
 * maps to itself, and a node with no milestone ahead is left out. Of two
 * milestones equally near, the one earlier in flow order wins. Cached like
 * `graphOf`.
 */
export function milestonesAhead(playbook: Playbook): Map<string, string> {
  let ahead = milestones.get(playbook);
  if (!ahead) {
    ahead = buildMilestonesAhead(playbook, graphOf(playbook));
    milestones.set(playbook, ahead);
  }
  return ahead;
}

function buildMilestonesAhead(
  playbook: Playbook,
  graph: PlaybookGraph,
): Map<string, string> {
  const loops = loopEdges(playbook, graph);
  const ahead = new Map<string, string>();
  // A breadth-first walk against the edges from every milestone at once
  // reaches each node first from its nearest milestone.
  const queue = flowOrder(playbook)
    .filter((node) => node.kind === 'milestone')
    .map((node) => node.key);
  for (const key of queue) ahead.set(key, key);
  for (let index = 0; index < queue.length; index += 1) {
    const key = queue[index]!;
    for (const edge of graph.incoming.get(key) ?? []) {
      if (loops.has(edge.key) || ahead.has(edge.from)) continue;
      ahead.set(edge.from, ahead.get(key)!);
      queue.push(edge.from);
    }
  }
  return ahead;
}

/**
 * Finds the edges that close a loop. A depth-first walk starts at the start
 * node, then at each node not yet reached, in definition order. An edge to
 * a node still on the walk's path is a loop edge.
 */
function loopEdges(playbook: Playbook, graph: PlaybookGraph): Set<string> {
  const loops = new Set<string>();
  const state = new Map<string, 'open' | 'closed'>();
  const visit = (root: string) => {
    const stack: { key: string; next: number }[] = [{ key: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = graph.outgoing.get(top.key) ?? [];
      const edge = edges[top.next];
      if (!edge) {
        state.set(top.key, 'closed');
        stack.pop();
        continue;
      }
      top.next += 1;
      const seen = state.get(edge.to);
      if (seen === 'open') loops.add(edge.key);
      else if (seen === undefined && graph.nodes.has(edge.to)) {
        state.set(edge.to, 'open');
        stack.push({ key: edge.to, next: 0 });
      }
    }
  };
  if (graph.start) visit(graph.start.key);
  for (const node of playbook.nodes) {
    if (!state.has(node.key)) visit(node.key);
  }
  return loops;
}
