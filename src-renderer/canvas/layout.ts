import dagre from '@dagrejs/dagre';
import type { PlaybookDefinition } from '../../src-shared/playbooks/model.ts';
import type { Layout } from './edits.ts';
import { sizeOf } from './kinds.ts';

/**
 * Places every node left to right with dagre. Positions are the top-left
 * corners React Flow expects, so each node's centre sits on its rank line.
 */
export function autoLayout(def: PlaybookDefinition): Layout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: 'LR',
    nodesep: 40,
    ranksep: 80,
    marginx: 20,
    marginy: 20,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of def.nodes) {
    graph.setNode(node.key, { ...sizeOf(node.kind) });
  }
  const keys = new Set(def.nodes.map((node) => node.key));
  for (const edge of def.edges) {
    // A rejection loop points backwards; laying it out as a forward edge
    // keeps the main path straight.
    if (!keys.has(edge.from) || !keys.has(edge.to)) continue;
    if (edge.onReject) graph.setEdge(edge.to, edge.from);
    else graph.setEdge(edge.from, edge.to);
  }
  dagre.layout(graph);
  const layout: Layout = {};
  for (const node of def.nodes) {
    const placed = graph.node(node.key);
    const { width, height } = sizeOf(node.kind);
    layout[node.key] = {
      x: Math.round(placed.x - width / 2),
      y: Math.round(placed.y - height / 2),
    };
  }
  return layout;
}

/** Keeps known positions and lays out the whole graph when any are missing. */
export function completeLayout(
  def: PlaybookDefinition,
  layout: Layout,
): Layout {
  const missing = def.nodes.some((node) => !layout[node.key]);
  if (!missing) return layout;
  const placed = autoLayout(def);
  return Object.keys(layout).length === 0 ? placed : { ...placed, ...layout };
}
