import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlaybookDefinition } from '../../../src-shared/playbooks/model.ts';
import {
  edgeLabel,
  fromFlow,
  toFlowEdges,
  toFlowNodes,
} from '../../../src-renderer/canvas/convert.ts';
import { moveNodes } from '../../../src-renderer/canvas/edits.ts';
import { collectIssues } from '../../../src-renderer/canvas/issues.ts';
import { autoLayout } from '../../../src-renderer/canvas/layout.ts';
import {
  canvasCommands,
  commandForKey,
  formatShortcut,
  type KeyPress,
} from '../../../src-renderer/canvas/registry.ts';
import { createCanvasStore } from '../../../src-renderer/canvas/store.ts';

const enterprise = JSON.parse(
  readFileSync(
    new URL('../../../resources/playbooks/enterprise.json', import.meta.url),
    'utf8',
  ),
) as PlaybookDefinition;

describe('flow conversion', () => {
  const layout = autoLayout(enterprise);
  const doc = { definition: enterprise, layout };
  const issues = collectIssues(enterprise);

  it('round-trips a definition and layout', () => {
    const nodes = toFlowNodes(doc, issues, new Set());
    const edges = toFlowEdges(enterprise, issues, new Set());
    const { nodes: _n, edges: _e, ...base } = enterprise;
    expect(fromFlow(base, nodes, edges)).toEqual(doc);
  });

  it('picks node types by kind family', () => {
    const nodes = toFlowNodes(doc, issues, new Set());
    const typeOf = (key: string) => nodes.find((n) => n.id === key)?.type;
    expect(typeOf('start')).toBe('event');
    expect(typeOf('tracks_fork')).toBe('gateway');
    expect(typeOf('go_live')).toBe('milestone');
    expect(typeOf('intake_form')).toBe('work');
  });

  it('reuses unchanged node objects', () => {
    const first = toFlowNodes(doc, issues, new Set());
    const previous = new Map(first.map((node) => [node.id, node]));
    const moved = moveNodes({ start: { x: 1, y: 2 } }).apply(doc);
    const second = toFlowNodes(moved, issues, new Set(), previous);
    const changed = second.filter((node, i) => node !== first[i]);
    expect(changed.map((node) => node.id)).toEqual(['start']);
  });

  it('labels edges by condition, default and rejection', () => {
    const edge = { key: 'e', from: 'a', to: 'b' };
    expect(edgeLabel({ ...edge, condition: ' x > 1 ' })).toBe('x > 1');
    expect(edgeLabel({ ...edge, isDefault: true })).toBe('default');
    expect(edgeLabel({ ...edge, onReject: true })).toBe('on reject');
    expect(edgeLabel(edge)).toBeUndefined();
  });
});

describe('auto-layout', () => {
  it('places nodes left to right along the main path', () => {
    const layout = autoLayout(enterprise);
    expect(Object.keys(layout)).toHaveLength(enterprise.nodes.length);
    expect(layout.start?.x).toBeLessThan(layout.intake_form?.x ?? 0);
    expect(layout.intake_form?.x).toBeLessThan(layout.end?.x ?? 0);
  });

  it('lays out 500 nodes', () => {
    const nodes = Array.from({ length: 500 }, (_, i) => ({
      key: `n${i}`,
      kind: 'task' as const,
      name: `Step ${i}`,
    }));
    const edges = nodes.slice(1).map((node, i) => ({
      key: `e${i}`,
      from: `n${Math.floor(i / 2)}`,
      to: node.key,
    }));
    const layout = autoLayout({ name: 'Big', nodes, edges });
    expect(Object.keys(layout)).toHaveLength(500);
  });
});

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...extra,
  };
}

describe('command registry', () => {
  const store = createCanvasStore();
  store.getState().load({ definition: enterprise });

  it('gives every command a name and shortcut', () => {
    for (const command of canvasCommands) {
      expect(command.name).not.toBe('');
      expect(command.shortcuts.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['z', { ctrlKey: true }, 'undo'],
    ['z', { metaKey: true }, 'undo'],
    ['Z', { ctrlKey: true, shiftKey: true }, 'redo'],
    ['y', { ctrlKey: true }, 'redo'],
    ['c', { ctrlKey: true }, 'copy'],
    ['v', { metaKey: true }, 'paste'],
    ['Delete', {}, 'delete'],
    ['l', { ctrlKey: true }, 'autoLayout'],
    ['s', { metaKey: true }, 'save'],
  ] as const)('maps %s %o to %s', (key, modifiers, id) => {
    const command = canvasCommands.find((c) => c.id === id);
    const pressed = press(key, modifiers);
    expect(command?.shortcuts.some(() => true)).toBe(true);
    // Ignore `when`, which depends on the state, to test the key mapping.
    const found = commandForKey(pressed, store.getState(), [
      ...canvasCommands.map((c) => ({ ...c, when: () => true })),
    ]);
    expect(found?.id).toBe(id);
  });

  it('skips commands that do not apply', () => {
    expect(
      commandForKey(press('z', { ctrlKey: true }), store.getState()),
    ).toBeUndefined();
    store.getState().select({ nodes: ['start'] });
    expect(commandForKey(press('Delete'), store.getState())?.id).toBe('delete');
    expect(
      commandForKey(press('Delete', { altKey: true }), store.getState()),
    ).toBeUndefined();
  });

  it('formats shortcuts per platform', () => {
    const redo = { key: 'z', mod: true, shift: true };
    expect(formatShortcut(redo, false)).toBe('Ctrl+Shift+Z');
    expect(formatShortcut(redo, true)).toBe('⌘⇧Z');
  });
});
