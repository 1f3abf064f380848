import { conditionOf } from '../journeys/graph.ts';
import type {
  PlaybookDefinition,
  PlaybookEdge,
  PlaybookNode,
} from './model.ts';
import { describeKind, type PlaybookIssue } from './validate.ts';

type Index = {
  nodes: Map<string, PlaybookNode>;
  outgoing: Map<string, PlaybookEdge[]>;
  incoming: Map<string, PlaybookEdge[]>;
};

/** Checks start and end nodes, edge ends, reachability, joins, forks and branches. */
export function checkGraph(
  playbook: PlaybookDefinition,
  errors: PlaybookIssue[],
  warnings: PlaybookIssue[],
): void {
  const index = buildIndex(playbook, errors);
  checkStartAndEnds(playbook, index, errors);
  checkReachability(playbook, index, errors);
  for (const node of playbook.nodes) {
    const outgoing = index.outgoing.get(node.key) ?? [];
    const incoming = index.incoming.get(node.key) ?? [];
    if (node.kind === 'join') checkJoin(node, incoming, index, errors);
    if (node.kind === 'fork' && outgoing.length < 2) {
      errors.push({
        nodeKey: node.key,
        message: `${describeKind(node)} has ${outgoing.length} outgoing edge(s); a fork starts parallel tracks, so give it at least two or remove it.`,
      });
    }
    if (node.kind === 'branch') checkBranch(node, outgoing, errors, warnings);
    else checkDefaults(node, outgoing, errors);
  }
}

function buildIndex(
  playbook: PlaybookDefinition,
  errors: PlaybookIssue[],
): Index {
  const nodes = new Map(playbook.nodes.map((node) => [node.key, node]));
  const outgoing = new Map<string, PlaybookEdge[]>();
  const incoming = new Map<string, PlaybookEdge[]>();
  for (const node of playbook.nodes) {
    outgoing.set(node.key, []);
    incoming.set(node.key, []);
  }
  for (const edge of playbook.edges) {
    for (const [end, key] of [
      ['from', edge.from],
      ['to', edge.to],
    ] as const) {
      if (!nodes.has(key)) {
        errors.push({
          edgeKey: edge.key,
          message: `Edge "${edge.key}" goes ${end} unknown node "${key}"; point it at an existing node key or remove it.`,
        });
      }
    }
    if (nodes.has(edge.from) && nodes.has(edge.to)) {
      outgoing.get(edge.from)?.push(edge);
      incoming.get(edge.to)?.push(edge);
    }
  }
  return { nodes, outgoing, incoming };
}

function checkStartAndEnds(
  playbook: PlaybookDefinition,
  index: Index,
  errors: PlaybookIssue[],
): void {
  const starts = playbook.nodes.filter((node) => node.kind === 'start');
  if (starts.length === 0) {
    errors.push({
      message:
        'The playbook has no start node; add exactly one node of kind start.',
    });
  }
  for (const extra of starts.slice(1)) {
    errors.push({
      nodeKey: extra.key,
      message: `${describeKind(extra)} is a second start node; a playbook has exactly one start, so change its kind or remove it.`,
    });
  }
  for (const start of starts) {
    if ((index.incoming.get(start.key) ?? []).length > 0) {
      errors.push({
        nodeKey: start.key,
        message: `${describeKind(start)} has incoming edges; nothing may lead back to the start, so point those edges at another node.`,
      });
    }
  }
  const ends = playbook.nodes.filter((node) => node.kind === 'end');
  if (ends.length === 0) {
    errors.push({
      message:
        'The playbook has no end node; add a node of kind end where the journey finishes.',
    });
  }
  for (const end of ends) {
    if ((index.outgoing.get(end.key) ?? []).length > 0) {
      errors.push({
        nodeKey: end.key,
        message: `${describeKind(end)} has outgoing edges; the journey stops at an end, so remove them or change the node's kind.`,
      });
    }
  }
}

function checkReachability(
  playbook: PlaybookDefinition,
  index: Index,
  errors: PlaybookIssue[],
): void {
  const start = playbook.nodes.find((node) => node.kind === 'start');
  const ends = playbook.nodes
    .filter((node) => node.kind === 'end')
    .map((node) => node.key);
  const fromStart = start
    ? walk([start.key], index.outgoing, (edge) => edge.to)
    : new Set<string>();
  const toEnd = walk(ends, index.incoming, (edge) => edge.from);
  for (const node of playbook.nodes) {
    if (start && !fromStart.has(node.key)) {
      errors.push({
        nodeKey: node.key,
        message: `${describeKind(node)} is unreachable from the start; connect an edge to it or remove it.`,
      });
    }
    if (ends.length > 0 && !toEnd.has(node.key)) {
      errors.push({
        nodeKey: node.key,
        message: `${describeKind(node)} has no path to an end node; add an edge from it towards an end.`,
      });
    }
  }
}

function walk(
  roots: string[],
  edges: Map<string, PlaybookEdge[]>,
  next: (edge: PlaybookEdge) => string,
): Set<string> {
  const seen = new Set(roots);
  const pending = [...roots];
  while (pending.length > 0) {
    const key = pending.pop() as string;
    for (const edge of edges.get(key) ?? []) {
      const target = next(edge);
      if (!seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
    }
  }
  return seen;
}

function checkJoin(
  node: PlaybookNode,
  incoming: PlaybookEdge[],
  index: Index,
  errors: PlaybookIssue[],
): void {
  if (incoming.length < 2) {
    errors.push({
      nodeKey: node.key,
      message: `${describeKind(node)} has ${incoming.length} incoming edge(s); a join merges parallel tracks, so give it at least two or remove it.`,
    });
    return;
  }
  const origins = incoming.map((edge) => splitOrigin(edge, index));
  const first = origins[0];
  if (
    first === undefined ||
    first.kind !== 'branch' ||
    first.branch?.mode === 'inclusive'
  )
    return;
  if (origins.every((origin) => origin === first)) {
    errors.push({
      nodeKey: node.key,
      message: `${describeKind(node)} can never fire: it waits for every incoming track, but all of them are alternatives of exclusive ${describeKind(first)}; merge them with a branch instead of a join, or start the tracks with a fork.`,
    });
  }
}

/**
 * Walks back from an edge over nodes with a single incoming edge to the
 * node where the track split off: a branch, a fork or the start.
 */
function splitOrigin(
  edge: PlaybookEdge,
  index: Index,
): PlaybookNode | undefined {
  const seen = new Set<string>();
  let node = index.nodes.get(edge.from);
  while (node && !seen.has(node.key)) {
    seen.add(node.key);
    if (node.kind === 'branch' || node.kind === 'fork' || node.kind === 'start')
      return node;
    const incoming = index.incoming.get(node.key) ?? [];
    if (incoming.length !== 1) return undefined;
    node = index.nodes.get((incoming[0] as PlaybookEdge).from);
  }
  return undefined;
}

function checkBranch(
  node: PlaybookNode,
  outgoing: PlaybookEdge[],
  errors: PlaybookIssue[],
  warnings: PlaybookIssue[],
): void {
  if (outgoing.length === 0) {
    errors.push({
      nodeKey: node.key,
      message: `${describeKind(node)} has no outgoing edge; add edges with conditions and a default edge.`,
    });
    return;
  }
  checkDefaults(node, outgoing, errors);
  if (outgoing.length === 1) return;
  for (const edge of outgoing) {
    if (!edge.isDefault && conditionOf(edge) === undefined) {
      errors.push({
        nodeKey: node.key,
        edgeKey: edge.key,
        message: `Edge "${edge.key}" of ${describeKind(node)} has no condition and is not the default; add a FEEL condition or mark it as the default edge.`,
      });
    }
  }
  if (!outgoing.some((edge) => edge.isDefault)) {
    warnings.push({
      nodeKey: node.key,
      message: `${describeKind(node)} has no default edge; when no condition holds the journey raises an incident, so mark one edge as the default.`,
    });
  }
}

function checkDefaults(
  node: PlaybookNode,
  outgoing: PlaybookEdge[],
  errors: PlaybookIssue[],
): void {
  const defaults = outgoing.filter((edge) => edge.isDefault);
  if (defaults.length > 1) {
    errors.push({
      nodeKey: node.key,
      message: `${describeKind(node)} has ${defaults.length} default edges (${defaults.map((edge) => edge.key).join(', ')}); keep exactly one.`,
    });
  }
}
