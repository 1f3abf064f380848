import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlaybookDefinition } from '../../../src-shared/playbooks/model.ts';
import {
  addNode,
  connect,
  disconnect,
  moveNodes,
  removeElements,
  updateEdge,
  updateNode,
  type Edit,
} from '../../../src-renderer/canvas/edits.ts';
import { createCanvasStore } from '../../../src-renderer/canvas/store.ts';

function builtin(name: string): PlaybookDefinition {
  const url = new URL(
    `../../../resources/playbooks/${name}.json`,
    import.meta.url,
  );
  return JSON.parse(readFileSync(url, 'utf8')) as PlaybookDefinition;
}

function loaded(name = 'smb') {
  const store = createCanvasStore();
  store.getState().load({
    playbookId: name,
    version: 1,
    definition: builtin(name),
    published: true,
  });
  return store;
}

const edits: [string, Edit][] = [
  ['add node', addNode('form', { x: 10, y: 20 })],
  ['remove nodes', removeElements(['intake_form'])],
  ['move', moveNodes({ start: { x: -100, y: 5 } })],
  ['connect', connect('start', 'end')],
  ['disconnect', disconnect(['start__intake_form'])],
  ['update node', updateNode('intake_form', { name: 'Intake', role: 'sales' })],
  ['rename node', updateNode('intake_form', { key: 'intake' })],
  ['update edge', updateEdge('start__intake_form', { condition: 'a > 1' })],
];

describe('canvas store', () => {
  it('loads a built-in playbook with a layout for every node', () => {
    const state = loaded().getState();
    for (const node of state.doc.definition.nodes) {
      expect(state.doc.layout[node.key]).toBeDefined();
    }
    expect(state.issues.valid).toBe(true);
    expect(state.dirty).toBe(false);
    expect(state.publishedKeys.has('intake_form')).toBe(true);
  });

  it.each(edits)('undo restores exactly after %s', (_name, edit) => {
    const store = loaded();
    const before = structuredClone(store.getState().doc);
    store.getState().apply(edit);
    const after = structuredClone(store.getState().doc);
    expect(after).not.toEqual(before);
    store.getState().undo();
    expect(store.getState().doc).toEqual(before);
    store.getState().redo();
    expect(store.getState().doc).toEqual(after);
  });

  it('new edit clears redo history', () => {
    const store = loaded();
    store.getState().apply(addNode('task', { x: 0, y: 0 }));
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().apply(addNode('wait', { x: 0, y: 0 }));
    expect(store.getState().future).toHaveLength(0);
  });

  it('removing a node drops its edges and layout', () => {
    const store = loaded();
    store.getState().apply(removeElements(['intake_form']));
    const { doc } = store.getState();
    expect(doc.layout.intake_form).toBeUndefined();
    const touching = doc.definition.edges.filter(
      (edge) => edge.from === 'intake_form' || edge.to === 'intake_form',
    );
    expect(touching).toEqual([]);
  });

  it('renaming a node rewrites its edges', () => {
    const store = loaded();
    store.getState().apply(updateNode('intake_form', { key: 'intake' }));
    const { doc } = store.getState();
    expect(doc.layout.intake).toBeDefined();
    expect(doc.definition.edges.some((edge) => edge.to === 'intake')).toBe(
      true,
    );
    expect(doc.definition.edges.some((e) => e.from === 'intake_form')).toBe(
      false,
    );
  });

  it('maps validation errors to nodes and edges', () => {
    const store = loaded();
    store.getState().apply(disconnect(['start__intake_form']));
    const { issues } = store.getState();
    expect(issues.valid).toBe(false);
    expect(issues.byNode.size).toBeGreaterThan(0);
    store
      .getState()
      .apply(updateEdge('intake_form__documents', { condition: '>>' }));
    const edgeIssues = store
      .getState()
      .issues.byEdge.get('intake_form__documents');
    expect(edgeIssues?.[0]?.severity).toBe('error');
  });

  it('moving keeps validation results', () => {
    const store = loaded();
    const issues = store.getState().issues;
    store.getState().apply(moveNodes({ start: { x: 1, y: 1 } }));
    expect(store.getState().issues).toBe(issues);
  });

  it('copy and paste gives new keys and inner edges', () => {
    const store = loaded();
    const { definition } = store.getState().doc;
    const edge = definition.edges[1];
    if (!edge) throw new Error('the SMB playbook has no second edge');
    store.getState().select({ nodes: [edge.from, edge.to] });
    store.getState().copy();
    store.getState().paste();
    const state = store.getState();
    expect(state.doc.definition.nodes).toHaveLength(
      definition.nodes.length + 2,
    );
    expect(state.selection.nodes).toEqual([
      `${edge.from}_copy`,
      `${edge.to}_copy`,
    ]);
    const pasted = state.doc.definition.edges.find(
      (candidate) => candidate.from === `${edge.from}_copy`,
    );
    expect(pasted?.to).toBe(`${edge.to}_copy`);
    expect(pasted?.key).toBe(`${edge.from}_copy__${edge.to}_copy`);
    expect(state.doc.layout[`${edge.from}_copy`]).toEqual({
      x: (state.doc.layout[edge.from]?.x ?? 0) + 40,
      y: (state.doc.layout[edge.from]?.y ?? 0) + 40,
    });
    store.getState().paste();
    expect(store.getState().selection.nodes[0]).toBe(`${edge.from}_copy_2`);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc.definition).toBe(definition);
  });

  it('delete removes the selection in one step', () => {
    const store = loaded();
    store
      .getState()
      .select({ nodes: ['intake_form'], edges: ['start__intake_form'] });
    store.getState().removeSelection();
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().selection).toEqual({ nodes: [], edges: [] });
  });

  it('auto-layout is one undoable step', () => {
    const store = loaded('enterprise');
    store.getState().apply(moveNodes({ start: { x: 999, y: 999 } }));
    const moved = store.getState().doc.layout;
    store.getState().autoLayout();
    expect(store.getState().doc.layout.start).not.toEqual({ x: 999, y: 999 });
    store.getState().undo();
    expect(store.getState().doc.layout).toBe(moved);
  });

  it('stores are independent', () => {
    const first = loaded();
    const second = loaded();
    first.getState().apply(addNode('task', { x: 0, y: 0 }));
    expect(second.getState().past).toHaveLength(0);
  });
});
