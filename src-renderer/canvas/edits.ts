import type {
  NodeKind,
  PlaybookDefinition,
  PlaybookEdge,
  PlaybookNode,
} from '../../src-shared/playbooks/model.ts';
import { newNode, uniqueKey } from './kinds.ts';

export interface Point {
  x: number;
  y: number;
}

/** Node positions by node key; the playbook model itself has none. */
export type Layout = Record<string, Point>;

/** The document the canvas edits: the definition and its node positions. */
export interface CanvasDoc {
  definition: PlaybookDefinition;
  layout: Layout;
}

/**
 * One user edit as a pure function of the document. The store records the
 * document before and after each edit, so undo restores it exactly.
 */
export interface Edit {
  label: string;
  apply: (doc: CanvasDoc) => CanvasDoc;
}

function nodeKeys(def: PlaybookDefinition): Set<string> {
  return new Set(def.nodes.map((node) => node.key));
}

function edgeKeys(def: PlaybookDefinition): Set<string> {
  return new Set(def.edges.map((edge) => edge.key));
}

/** Returns the key the next node of `kind` gets in `def`. */
export function nextNodeKey(def: PlaybookDefinition, kind: NodeKind): string {
  return uniqueKey(
    kind === 'fileRequest' ? 'file_request' : kind,
    nodeKeys(def),
  );
}

export function addNode(kind: NodeKind, at: Point, key?: string): Edit {
  return {
    label: `Add ${kind}`,
    apply: ({ definition, layout }) => {
      const nodeKey = key ?? nextNodeKey(definition, kind);
      return {
        definition: {
          ...definition,
          nodes: [...definition.nodes, newNode(kind, nodeKey)],
        },
        layout: { ...layout, [nodeKey]: at },
      };
    },
  };
}

/** Removes nodes with their edges, and edges on their own. */
export function removeElements(
  nodes: readonly string[],
  edges: readonly string[] = [],
): Edit {
  const label =
    nodes.length > 0
      ? `Remove ${nodes.length} step${nodes.length === 1 ? '' : 's'}`
      : `Remove ${edges.length} connection${edges.length === 1 ? '' : 's'}`;
  return {
    label,
    apply: ({ definition, layout }) => {
      const gone = new Set(nodes);
      const goneEdges = new Set(edges);
      const keptEdges = definition.edges.filter(
        (edge) =>
          !goneEdges.has(edge.key) &&
          !gone.has(edge.from) &&
          !gone.has(edge.to),
      );
      const kept = new Set(keptEdges.map((edge) => edge.key));
      const nextLayout = { ...layout };
      for (const key of gone) delete nextLayout[key];
      return {
        definition: {
          ...definition,
          nodes: definition.nodes
            .filter((node) => !gone.has(node.key))
            .map((node) => dropDeadline(node, kept)),
          edges: keptEdges,
        },
        layout: nextLayout,
      };
    },
  };
}

/** Drops a deadline whose edge no longer exists, which would not validate. */
function dropDeadline(node: PlaybookNode, edges: Set<string>): PlaybookNode {
  if (!node.deadline || edges.has(node.deadline.edge)) return node;
  const { deadline: _deadline, ...rest } = node;
  return rest;
}

export function moveNodes(positions: Layout): Edit {
  const count = Object.keys(positions).length;
  return {
    label: count === 1 ? 'Move step' : `Move ${count} steps`,
    apply: (doc) => ({ ...doc, layout: { ...doc.layout, ...positions } }),
  };
}

export function setLayout(layout: Layout, label = 'Auto-layout'): Edit {
  return { label, apply: (doc) => ({ ...doc, layout }) };
}

/** Returns the key a new edge from `from` to `to` gets. */
export function nextEdgeKey(
  def: PlaybookDefinition,
  from: string,
  to: string,
): string {
  return uniqueKey(`${from}__${to}`, edgeKeys(def));
}

export function connect(from: string, to: string, key?: string): Edit {
  return {
    label: 'Connect steps',
    apply: (doc) => {
      const edge: PlaybookEdge = {
        key: key ?? nextEdgeKey(doc.definition, from, to),
        from,
        to,
      };
      return {
        ...doc,
        definition: {
          ...doc.definition,
          edges: [...doc.definition.edges, edge],
        },
      };
    },
  };
}

export function disconnect(edges: readonly string[]): Edit {
  return { ...removeElements([], edges), label: 'Remove connection' };
}

/** Drops keys whose value is `undefined`, so a cleared field disappears. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as T;
}

/**
 * Replaces fields of one node. A new `key` renames the node everywhere:
 * in edges and in the layout.
 */
export function updateNode(key: string, patch: Partial<PlaybookNode>): Edit {
  return {
    label: 'Edit step',
    apply: ({ definition, layout }) => {
      const renamed = patch.key !== undefined && patch.key !== key;
      const newKey = patch.key ?? key;
      const nodes = definition.nodes.map((node) =>
        node.key === key ? compact({ ...node, ...patch }) : node,
      );
      const edges = renamed
        ? definition.edges.map((edge) =>
            edge.from === key || edge.to === key
              ? {
                  ...edge,
                  from: edge.from === key ? newKey : edge.from,
                  to: edge.to === key ? newKey : edge.to,
                }
              : edge,
          )
        : definition.edges;
      let nextLayout = layout;
      if (renamed && layout[key]) {
        nextLayout = { ...layout, [newKey]: layout[key] };
        delete nextLayout[key];
      }
      return {
        definition: { ...definition, nodes, edges },
        layout: nextLayout,
      };
    },
  };
}

export function updateEdge(key: string, patch: Partial<PlaybookEdge>): Edit {
  return {
    label: 'Edit connection',
    apply: (doc) => ({
      ...doc,
      definition: {
        ...doc.definition,
        edges: doc.definition.edges.map((edge) =>
          edge.key === key ? compact({ ...edge, ...patch }) : edge,
        ),
      },
    }),
  };
}

/** Replaces the playbook's name, segment or description. */
export function updatePlaybook(
  patch: Partial<Omit<PlaybookDefinition, 'nodes' | 'edges'>>,
): Edit {
  return {
    label: 'Edit playbook',
    apply: (doc) => ({
      ...doc,
      definition: compact({ ...doc.definition, ...patch }),
    }),
  };
}

/**
 * Returns `at`, moved down until a box of `size` there overlaps no node of
 * `doc`, so a step added in the middle of the view does not hide another.
 */
export function freeSpot(
  doc: CanvasDoc,
  at: Point,
  size: { width: number; height: number },
  sizeOfNode: (key: string) => { width: number; height: number },
): Point {
  const gap = 16;
  const spot = { ...at };
  const overlaps = () =>
    Object.entries(doc.layout).some(([key, point]) => {
      const other = sizeOfNode(key);
      return (
        spot.x < point.x + other.width + gap &&
        point.x < spot.x + size.width + gap &&
        spot.y < point.y + other.height + gap &&
        point.y < spot.y + size.height + gap
      );
    });
  // Bounded, so a crowded canvas still gets its step somewhere.
  for (let tries = 0; tries < 50 && overlaps(); tries++) {
    spot.y += size.height + gap;
  }
  return spot;
}
