import type {
  PlaybookEdge,
  PlaybookNode,
} from '../../src-shared/playbooks/model.ts';
import type { CanvasDoc, Edit, Layout } from './edits.ts';
import { uniqueKey } from './kinds.ts';

/** Copied steps with the connections among them and their positions. */
export interface Clipboard {
  nodes: PlaybookNode[];
  edges: PlaybookEdge[];
  layout: Layout;
}

export function copySelection(
  doc: CanvasDoc,
  keys: readonly string[],
): Clipboard {
  const chosen = new Set(keys);
  const nodes = doc.definition.nodes.filter((node) => chosen.has(node.key));
  const edges = doc.definition.edges.filter(
    (edge) => chosen.has(edge.from) && chosen.has(edge.to),
  );
  const layout: Layout = {};
  for (const node of nodes) {
    const at = doc.layout[node.key];
    if (at) layout[node.key] = at;
  }
  return { nodes, edges, layout };
}

/** How far a pasted copy sits from its original, in pixels. */
export const pasteOffset = 40;

/**
 * Pastes copied steps under new unique keys (`intake_copy`, `intake_copy_2`…),
 * keeping the connections among them. A deadline keeps its edge only when
 * that edge was copied too.
 */
export function paste(clipboard: Clipboard): Edit {
  return {
    label: `Paste ${clipboard.nodes.length} step${clipboard.nodes.length === 1 ? '' : 's'}`,
    apply: ({ definition, layout }) => {
      const takenNodes = new Set(definition.nodes.map((node) => node.key));
      const takenEdges = new Set(definition.edges.map((edge) => edge.key));
      const nodeKeyMap = new Map<string, string>();
      for (const node of clipboard.nodes) {
        const key = uniqueKey(`${node.key}_copy`, takenNodes);
        takenNodes.add(key);
        nodeKeyMap.set(node.key, key);
      }
      const edgeKeyMap = new Map<string, string>();
      const edges = clipboard.edges.map((edge) => {
        const from = nodeKeyMap.get(edge.from) as string;
        const to = nodeKeyMap.get(edge.to) as string;
        const key = uniqueKey(`${from}__${to}`, takenEdges);
        takenEdges.add(key);
        edgeKeyMap.set(edge.key, key);
        return { ...edge, key, from, to };
      });
      const nextLayout = { ...layout };
      const nodes = clipboard.nodes.map((node) => {
        const key = nodeKeyMap.get(node.key) as string;
        const at = clipboard.layout[node.key] ?? { x: 0, y: 0 };
        nextLayout[key] = { x: at.x + pasteOffset, y: at.y + pasteOffset };
        const copy: PlaybookNode = { ...node, key };
        const deadlineEdge =
          node.deadline && edgeKeyMap.get(node.deadline.edge);
        if (node.deadline && deadlineEdge) {
          copy.deadline = { ...node.deadline, edge: deadlineEdge };
        } else {
          delete copy.deadline;
        }
        return copy;
      });
      return {
        definition: {
          ...definition,
          nodes: [...definition.nodes, ...nodes],
          edges: [...definition.edges, ...edges],
        },
        layout: nextLayout,
      };
    },
  };
}
