import { describe, expect, it } from 'vitest';
import {
  discardDraft,
  draftKey,
  loadDraft,
  loadLayout,
  saveDraft,
  saveLayout,
} from '../../../src-renderer/canvas/drafts.ts';
import { freeSpot } from '../../../src-renderer/canvas/edits.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const definition = {
  name: 'Draft',
  nodes: [{ key: 'start', kind: 'start' as const, name: 'Start' }],
  edges: [],
};

describe('canvas drafts', () => {
  it('saves and loads per playbook', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'smb', {
      definition,
      layout: { start: { x: 1, y: 2 } },
      baseVersion: 3,
    });
    const draft = loadDraft(storage, 'smb');
    expect(draft?.definition).toEqual(definition);
    expect(draft?.layout).toEqual({ start: { x: 1, y: 2 } });
    expect(draft?.baseVersion).toBe(3);
    expect(loadDraft(storage, 'enterprise')).toBeUndefined();
    discardDraft(storage, 'smb');
    expect(loadDraft(storage, 'smb')).toBeUndefined();
  });

  it('ignores a draft that does not parse', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey('smb'), '{not json');
    expect(loadDraft(storage, 'smb')).toBeUndefined();
    storage.setItem(
      draftKey('smb'),
      JSON.stringify({ definition: { name: '' }, savedAt: 'x' }),
    );
    expect(loadDraft(storage, 'smb')).toBeUndefined();
  });

  it('keeps layouts of published playbooks', () => {
    const storage = memoryStorage();
    saveLayout(storage, 'smb', { start: { x: 5, y: 6 } });
    expect(loadLayout(storage, 'smb')).toEqual({ start: { x: 5, y: 6 } });
    storage.setItem('embark.canvas.layout.bad', '{"a":{"x":"1"}}');
    expect(loadLayout(storage, 'bad')).toEqual({});
  });
});

describe('free spot for a new step', () => {
  const size = { width: 100, height: 50 };
  const doc = {
    definition,
    layout: { a: { x: 0, y: 0 }, b: { x: 0, y: 66 } },
  };

  it('moves below overlapping steps', () => {
    const spot = freeSpot(doc, { x: 10, y: 10 }, size, () => size);
    expect(spot).toEqual({ x: 10, y: 142 });
  });

  it('keeps a spot that is already free', () => {
    const spot = freeSpot(doc, { x: 500, y: 0 }, size, () => size);
    expect(spot).toEqual({ x: 500, y: 0 });
  });
});
