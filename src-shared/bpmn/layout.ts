import type { PlaybookDefinition, PlaybookNode } from '../playbooks/model.ts';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A horizontal band of the diagram: one lane per role. */
export interface Band {
  role: string | undefined;
  y: number;
  height: number;
}

export interface Layout {
  shapes: Map<string, Bounds>;
  bands: Band[];
  /** Bounds of everything, the pool included. */
  pool: Bounds;
}

const columnWidth = 170;
const rowHeight = 120;
const poolLeft = 100;
const laneHeaderWidth = 30;
const firstColumn = poolLeft + laneHeaderWidth + 90;

function shapeSize(kind: PlaybookNode['kind']): {
  width: number;
  height: number;
} {
  if (kind === 'branch' || kind === 'fork' || kind === 'join') {
    return { width: 50, height: 50 };
  }
  if (
    kind === 'start' ||
    kind === 'end' ||
    kind === 'wait' ||
    kind === 'milestone'
  ) {
    return { width: 36, height: 36 };
  }
  return { width: 100, height: 80 };
}

/** Column of each node: one more than its furthest earlier predecessor. */
function columns(playbook: PlaybookDefinition): Map<string, number> {
  const order = new Map<string, number>();
  const queue = playbook.nodes
    .filter((node) => node.kind === 'start')
    .map((node) => node.key);
  for (const key of queue) order.set(key, order.size);
  for (let index = 0; index < queue.length; index += 1) {
    const key = queue[index] ?? '';
    for (const edge of playbook.edges) {
      if (edge.from !== key || order.has(edge.to)) continue;
      order.set(edge.to, order.size);
      queue.push(edge.to);
    }
  }
  for (const node of playbook.nodes) {
    if (!order.has(node.key)) order.set(node.key, order.size);
  }
  const column = new Map<string, number>();
  const sorted = [...order.entries()].sort((a, b) => a[1] - b[1]);
  for (const [key, position] of sorted) {
    const earlier = playbook.edges
      .filter(
        (edge) => edge.to === key && (order.get(edge.from) ?? 0) < position,
      )
      .map((edge) => (column.get(edge.from) ?? 0) + 1);
    column.set(key, Math.max(0, ...earlier));
  }
  return column;
}

/**
 * Places the nodes left to right by flow order, in one horizontal band per
 * role. A simple layout, meant only to open readably in other modelers.
 */
export function layoutPlaybook(playbook: PlaybookDefinition): Layout {
  const column = columns(playbook);
  const roles: (string | undefined)[] = [];
  for (const node of playbook.nodes) {
    if (!roles.includes(node.role)) roles.push(node.role);
  }
  const rows = new Map<string, number>();
  const rowsPerBand = new Map<string | undefined, number>();
  const used = new Map<string, number>();
  for (const node of playbook.nodes) {
    const slot = `${node.role ?? ''}\u0000${column.get(node.key) ?? 0}`;
    const row = used.get(slot) ?? 0;
    used.set(slot, row + 1);
    rows.set(node.key, row);
    rowsPerBand.set(
      node.role,
      Math.max(rowsPerBand.get(node.role) ?? 0, row + 1),
    );
  }
  const bands: Band[] = [];
  let top = 80;
  for (const role of roles) {
    const height = (rowsPerBand.get(role) ?? 1) * rowHeight + 40;
    bands.push({ role, y: top, height });
    top += height;
  }
  const shapes = new Map<string, Bounds>();
  for (const node of playbook.nodes) {
    const band = bands.find((candidate) => candidate.role === node.role);
    const size = shapeSize(node.kind);
    const centerX = firstColumn + (column.get(node.key) ?? 0) * columnWidth;
    const centerY =
      (band?.y ?? 80) +
      20 +
      (rows.get(node.key) ?? 0) * rowHeight +
      rowHeight / 2;
    shapes.set(node.key, {
      x: centerX - size.width / 2,
      y: centerY - size.height / 2,
      ...size,
    });
  }
  const maxColumn = Math.max(0, ...column.values());
  const width = firstColumn + maxColumn * columnWidth + 120 - poolLeft;
  return {
    shapes,
    bands,
    pool: { x: poolLeft, y: 80, width, height: top - 80 },
  };
}

/** Waypoints of an edge between two shapes, with right-angled bends. */
export function edgeWaypoints(
  source: Bounds,
  target: Bounds,
  fromBottom = false,
): { x: number; y: number }[] {
  const sourceY = source.y + source.height / 2;
  const targetY = target.y + target.height / 2;
  const start = fromBottom
    ? { x: source.x + source.width / 2, y: source.y + source.height }
    : { x: source.x + source.width, y: sourceY };
  if (target.x > start.x) {
    const end = { x: target.x, y: targetY };
    if (start.y === end.y) return [start, end];
    if (fromBottom) return [start, { x: start.x, y: end.y }, end];
    const middle = (start.x + end.x) / 2;
    return [start, { x: middle, y: start.y }, { x: middle, y: end.y }, end];
  }
  // A loop back: leave below both shapes and enter the target from below.
  const below =
    Math.max(source.y + source.height, target.y + target.height) + 30;
  const bottom = {
    x: source.x + source.width / 2,
    y: source.y + source.height,
  };
  const end = { x: target.x + target.width / 2, y: target.y + target.height };
  return [bottom, { x: bottom.x, y: below }, { x: end.x, y: below }, end];
}
