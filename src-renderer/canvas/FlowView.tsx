import {
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useStore } from 'zustand';
import type { NodeKind } from '../../src-shared/playbooks/model.ts';
import { toFlowEdges, toFlowNodes, type StepFlowNode } from './convert.ts';
import { DotGrid } from './DotGrid.tsx';
import { connect, moveNodes, type Layout, type Point } from './edits.ts';
import { edgeTypes, nodeTypes } from './nodes.tsx';
import type { CanvasStore } from './store.ts';

/** The drag payload type a palette item carries. */
export const kindMime = 'application/x-embark-kind';

export interface FlowViewProps {
  store: CanvasStore;
  onAddKind: (kind: NodeKind, at: Point) => void;
  onDropFile: (file: File) => void;
  /** Changes when a playbook is opened, to fit it into view. */
  fitToken: number;
}

/** Zoom below which node text is too small to read. */
const minReadableZoom = 0.6;

/**
 * Fits the playbook into view; when that would make it unreadable, shows
 * its beginning at a readable zoom instead.
 */
async function fitReadable(
  flow: ReturnType<typeof useReactFlow>,
  nodes: StepFlowNode[],
  height: number,
) {
  await flow.fitView({ padding: 0.15, maxZoom: 1.2 });
  if (flow.getZoom() >= minReadableZoom) return;
  const left = Math.min(...nodes.map((node) => node.position.x));
  const ys = nodes.map((node) => node.position.y);
  const middle = (Math.min(...ys) + Math.max(...ys)) / 2;
  await flow.setViewport({
    x: 40 - left * minReadableZoom,
    y: height / 2 - middle * minReadableZoom,
    zoom: minReadableZoom,
  });
}

/** Applies selection changes to a list of selected keys. */
function nextSelection(
  current: readonly string[],
  changes: readonly (NodeChange | EdgeChange)[],
): string[] | undefined {
  const picks = changes.filter((change) => change.type === 'select');
  if (picks.length === 0) return undefined;
  const selected = new Set(current);
  for (const change of picks) {
    if (change.selected) selected.add(change.id);
    else selected.delete(change.id);
  }
  return [...selected];
}

/** Keeps the measured size of a node that was rebuilt from the store. */
function keepMeasured(
  next: StepFlowNode[],
  previous: ReadonlyMap<string, StepFlowNode>,
): StepFlowNode[] {
  return next.map((node) => {
    const old = previous.get(node.id);
    return node.measured || !old?.measured
      ? node
      : { ...node, measured: old.measured };
  });
}

function useFlowNodes(store: CanvasStore) {
  const doc = useStore(store, (state) => state.doc);
  const issues = useStore(store, (state) => state.issues);
  const selected = useStore(store, (state) => state.selection.nodes);
  const [nodes, setNodes] = useState<StepFlowNode[]>([]);
  // Rebuilt from the store after each edit. Between edits, React Flow's
  // drag and measure changes stay local, so dragging never writes the store.
  useEffect(() => {
    setNodes((previous) => {
      const byKey = new Map(previous.map((node) => [node.id, node]));
      const next = toFlowNodes(doc, issues, new Set(selected), byKey);
      return keepMeasured(next, byKey);
    });
  }, [doc, issues, selected]);
  return [nodes, setNodes] as const;
}

export function FlowView(props: FlowViewProps) {
  const { store, onAddKind, onDropFile, fitToken } = props;
  const flow = useReactFlow();
  const flowInternals = useStoreApi();
  const [nodes, setNodes] = useFlowNodes(store);
  const definition = useStore(store, (state) => state.doc.definition);
  const issues = useStore(store, (state) => state.issues);
  const selectedEdges = useStore(store, (state) => state.selection.edges);
  const edges = useMemo(
    () => toFlowEdges(definition, issues, new Set(selectedEdges)),
    [definition, issues, selectedEdges],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      const state = store.getState();
      const picked = nextSelection(state.selection.nodes, changes);
      if (picked) state.select({ nodes: picked });
      const local = changes.filter((change) => change.type !== 'select');
      if (local.length > 0) setNodes((ns) => applyNodeChanges(local, ns));
    },
    [store, setNodes],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const state = store.getState();
      const picked = nextSelection(state.selection.edges, changes);
      if (picked) state.select({ edges: picked });
    },
    [store],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: StepFlowNode, dragged: StepFlowNode[]) => {
      const { layout } = store.getState().doc;
      const moved: Layout = {};
      for (const node of dragged) {
        const was = layout[node.id];
        if (!was || was.x !== node.position.x || was.y !== node.position.y) {
          moved[node.id] = { x: node.position.x, y: node.position.y };
        }
      }
      if (Object.keys(moved).length > 0)
        store.getState().apply(moveNodes(moved));
    },
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) =>
      store.getState().apply(connect(connection.source, connection.target)),
    [store],
  );

  const isValidConnection = useCallback(
    (connection: { source: string; target: string }) =>
      connection.source !== connection.target &&
      !store
        .getState()
        .doc.definition.edges.some(
          (e) => e.from === connection.source && e.to === connection.target,
        ),
    [store],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const at = flow.screenToFlowPosition({
        x: event.clientX,
        y: event.clientY,
      });
      const kind = event.dataTransfer.getData(kindMime);
      if (kind) {
        onAddKind(kind as NodeKind, at);
        return;
      }
      const file = event.dataTransfer.files[0];
      if (file) onDropFile(file);
    },
    [flow, onAddKind, onDropFile],
  );

  const fitted = useRef(-1);
  useEffect(() => {
    if (nodes.length === 0 || fitted.current === fitToken) return;
    if (!nodes.every((node) => node.measured)) return;
    fitted.current = fitToken;
    void fitReadable(flow, nodes, flowInternals.getState().height);
  }, [flow, flowInternals, nodes, fitToken]);

  return (
    <ReactFlow<StepFlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onNodeDragStop}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={onDrop}
      deleteKeyCode={null}
      onlyRenderVisibleElements
      minZoom={0.1}
      maxZoom={2}
      defaultEdgeOptions={{ type: 'link' }}
      aria-label="Playbook flow"
    >
      <DotGrid gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable ariaLabel="Overview of the playbook" />
    </ReactFlow>
  );
}
