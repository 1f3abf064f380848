import {
  playbookDefinitionSchema,
  type PlaybookDefinition,
} from '../../src-shared/playbooks/model.ts';
import type { Layout } from './edits.ts';

/**
 * Unpublished work on a playbook, kept in the browser's localStorage per
 * playbook id, because the back end stores only published versions.
 */
export interface Draft {
  definition: PlaybookDefinition;
  layout: Layout;
  /** The published version the draft started from. */
  baseVersion?: number;
  savedAt: string;
}

/** The part of the Web Storage API that drafts use, such as localStorage. */
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The draft slot of a playbook; imports without an id share one slot. */
export function draftKey(playbookId: string | undefined): string {
  return `embark.canvas.draft.${playbookId ?? 'unpublished'}`;
}

/** Where node positions of a published playbook are kept between visits. */
export function layoutKey(playbookId: string): string {
  return `embark.canvas.layout.${playbookId}`;
}

export function saveDraft(
  storage: KeyValueStorage,
  playbookId: string | undefined,
  draft: Omit<Draft, 'savedAt'>,
): Draft {
  const saved = { ...draft, savedAt: new Date().toISOString() };
  storage.setItem(draftKey(playbookId), JSON.stringify(saved));
  return saved;
}

/** Reads a draft; a draft that no longer parses is ignored. */
export function loadDraft(
  storage: KeyValueStorage,
  playbookId: string | undefined,
): Draft | undefined {
  const text = storage.getItem(draftKey(playbookId));
  if (!text) return undefined;
  try {
    const raw = JSON.parse(text) as Partial<Draft>;
    const definition = playbookDefinitionSchema.safeParse(raw.definition);
    if (!definition.success || typeof raw.savedAt !== 'string') return;
    return {
      definition: definition.data,
      layout: isLayout(raw.layout) ? raw.layout : {},
      baseVersion: raw.baseVersion,
      savedAt: raw.savedAt,
    };
  } catch {
    return undefined;
  }
}

export function discardDraft(
  storage: KeyValueStorage,
  playbookId: string | undefined,
): void {
  storage.removeItem(draftKey(playbookId));
}

function isLayout(value: unknown): value is Layout {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every(
    (point: unknown) =>
      typeof point === 'object' &&
      point !== null &&
      typeof (point as { x?: unknown }).x === 'number' &&
      typeof (point as { y?: unknown }).y === 'number',
  );
}

export function saveLayout(
  storage: KeyValueStorage,
  playbookId: string,
  layout: Layout,
): void {
  storage.setItem(layoutKey(playbookId), JSON.stringify(layout));
}

export function loadLayout(
  storage: KeyValueStorage,
  playbookId: string,
): Layout {
  try {
    const raw: unknown = JSON.parse(
      storage.getItem(layoutKey(playbookId)) ?? '{}',
    );
    return isLayout(raw) ? raw : {};
  } catch {
    return {};
  }
}
