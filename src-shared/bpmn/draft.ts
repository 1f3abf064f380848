import type { PlaybookEdge, PlaybookNode } from '../playbooks/model.ts';
import type { ImportWarning } from './parse.ts';

/** A playbook node while the import builds the graph. */
export interface DraftNode extends PlaybookNode {
  /** BPMN element the node comes from, named in the import report. */
  elementId: string;
  /** Joins its incoming and outgoing edges and disappears before output. */
  passThrough?: boolean;
  /** Read from Embark's own extension data, so the graph is kept as is. */
  exact?: boolean;
}

export interface DraftEdge extends PlaybookEdge {
  elementId: string;
  /** Added by the import rather than read from a sequence flow. */
  synthetic?: boolean;
  /**
   * FEEL variable that selects this path from a boundary event; the edge
   * later leaves an exclusive branch put after its step.
   */
  alternative?: string;
}

/** The graph under construction, with the import report. */
export class Draft {
  readonly nodes = new Map<string, DraftNode>();
  edges: DraftEdge[] = [];
  readonly warnings: ImportWarning[] = [];

  /** @param usedIds every id in the file, so that new keys never clash. */
  constructor(private readonly usedIds: Set<string>) {}

  warn(elementId: string, message: string): void {
    this.warnings.push({ elementId, message });
  }

  addNode(node: DraftNode): DraftNode {
    this.nodes.set(node.key, node);
    this.usedIds.add(node.key);
    return node;
  }

  addEdge(edge: DraftEdge): DraftEdge {
    this.edges.push(edge);
    this.usedIds.add(edge.key);
    return edge;
  }

  /** A key based on `base` that no element, node or edge uses yet. */
  uniqueKey(base: string): string {
    let key = base;
    for (let suffix = 2; this.usedIds.has(key); suffix += 1) {
      key = `${base}_${suffix}`;
    }
    this.usedIds.add(key);
    return key;
  }

  outgoing(key: string): DraftEdge[] {
    return this.edges.filter((edge) => edge.from === key);
  }

  incoming(key: string): DraftEdge[] {
    return this.edges.filter((edge) => edge.to === key);
  }

  /**
   * Outgoing edges of the normal flow: without the deadline edge and the
   * edges taken on rejection.
   */
  normalOutgoing(key: string): DraftEdge[] {
    const deadlineEdge = this.nodes.get(key)?.deadline?.edge;
    return this.outgoing(key).filter(
      (edge) =>
        edge.key !== deadlineEdge && !edge.onReject && !edge.alternative,
    );
  }

  removeNode(key: string): void {
    this.nodes.delete(key);
    this.edges = this.edges.filter(
      (edge) => edge.from !== key && edge.to !== key,
    );
  }

  removeEdge(edge: DraftEdge): void {
    this.edges = this.edges.filter((candidate) => candidate !== edge);
  }
}
