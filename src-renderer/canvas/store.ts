import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PlaybookDefinition } from '../../src-shared/playbooks/model.ts';
import { copySelection, paste, type Clipboard } from './clipboard.ts';
import {
  removeElements,
  setLayout,
  type CanvasDoc,
  type Edit,
  type Layout,
} from './edits.ts';
import { collectIssues, type CanvasIssues } from './issues.ts';
import { autoLayout, completeLayout } from './layout.ts';

export interface Selection {
  nodes: string[];
  edges: string[];
}

/** One undoable step: the document before and after an edit. */
export interface HistoryEntry {
  label: string;
  before: CanvasDoc;
  after: CanvasDoc;
}

export interface LoadInput {
  /** Absent for a playbook that was never published, such as an import. */
  playbookId?: string;
  version?: number;
  definition: PlaybookDefinition;
  layout?: Layout;
  /** Whether the definition is a published version, whose keys are fixed. */
  published?: boolean;
  /** Whether the document differs from what was last saved or published. */
  dirty?: boolean;
}

export interface CanvasState {
  playbookId?: string;
  version?: number;
  /** Node keys of the published version; journeys refer to them. */
  publishedKeys: ReadonlySet<string>;
  doc: CanvasDoc;
  issues: CanvasIssues;
  selection: Selection;
  past: HistoryEntry[];
  future: HistoryEntry[];
  clipboard?: Clipboard;
  dirty: boolean;
  load: (input: LoadInput) => void;
  apply: (edit: Edit) => void;
  undo: () => void;
  redo: () => void;
  select: (selection: Partial<Selection>) => void;
  copy: () => void;
  paste: () => void;
  removeSelection: () => void;
  autoLayout: () => void;
  /** Records that the document was saved or published as it is now. */
  markSaved: (saved?: { playbookId: string; version: number }) => void;
}

export type CanvasStore = StoreApi<CanvasState>;

/** Undo steps kept; older ones are dropped. */
export const maxHistory = 200;

const emptyDefinition: PlaybookDefinition = {
  name: 'Untitled playbook',
  nodes: [],
  edges: [],
};

const noSelection: Selection = { nodes: [], edges: [] };

/** Keeps only the selected keys that still exist in `doc`. */
function prune(selection: Selection, doc: CanvasDoc): Selection {
  const nodes = new Set(doc.definition.nodes.map((node) => node.key));
  const edges = new Set(doc.definition.edges.map((edge) => edge.key));
  return {
    nodes: selection.nodes.filter((key) => nodes.has(key)),
    edges: selection.edges.filter((key) => edges.has(key)),
  };
}

/** Creates the state of one canvas; each canvas instance owns its store. */
export function createCanvasStore(): CanvasStore {
  return createStore<CanvasState>()((set, get) => {
    /** Moves to `doc`, revalidating only when the definition changed. */
    const show = (doc: CanvasDoc, extra: Partial<CanvasState> = {}) => {
      const state = get();
      const issues =
        doc.definition === state.doc.definition
          ? state.issues
          : collectIssues(doc.definition);
      set({
        doc,
        issues,
        selection: prune(extra.selection ?? state.selection, doc),
        dirty: true,
        ...extra,
      });
    };

    return {
      publishedKeys: new Set(),
      doc: { definition: emptyDefinition, layout: {} },
      issues: collectIssues(emptyDefinition),
      selection: noSelection,
      past: [],
      future: [],
      dirty: false,

      load: (input) => {
        const layout = completeLayout(input.definition, input.layout ?? {});
        set({
          playbookId: input.playbookId,
          version: input.version,
          publishedKeys: new Set(
            input.published
              ? input.definition.nodes.map((node) => node.key)
              : [],
          ),
          doc: { definition: input.definition, layout },
          issues: collectIssues(input.definition),
          selection: noSelection,
          past: [],
          future: [],
          dirty: input.dirty ?? false,
        });
      },

      apply: (edit) => {
        const before = get().doc;
        const after = edit.apply(before);
        if (after === before) return;
        const past = [...get().past, { label: edit.label, before, after }];
        show(after, { past: past.slice(-maxHistory), future: [] });
      },

      undo: () => {
        const { past, future } = get();
        const entry = past.at(-1);
        if (!entry) return;
        show(entry.before, {
          past: past.slice(0, -1),
          future: [...future, entry],
        });
      },

      redo: () => {
        const { past, future } = get();
        const entry = future.at(-1);
        if (!entry) return;
        show(entry.after, {
          past: [...past, entry],
          future: future.slice(0, -1),
        });
      },

      select: (selection) =>
        set((state) => ({ selection: { ...state.selection, ...selection } })),

      copy: () => {
        const { doc, selection } = get();
        if (selection.nodes.length === 0) return;
        set({ clipboard: copySelection(doc, selection.nodes) });
      },

      paste: () => {
        const { clipboard } = get();
        if (!clipboard || clipboard.nodes.length === 0) return;
        const before = new Set(get().doc.definition.nodes.map((n) => n.key));
        get().apply(paste(clipboard));
        const pasted = get()
          .doc.definition.nodes.map((node) => node.key)
          .filter((key) => !before.has(key));
        set({ selection: { nodes: pasted, edges: [] } });
      },

      removeSelection: () => {
        const { nodes, edges } = get().selection;
        if (nodes.length === 0 && edges.length === 0) return;
        get().apply(removeElements(nodes, edges));
      },

      autoLayout: () =>
        get().apply(setLayout(autoLayout(get().doc.definition))),

      markSaved: (saved) => {
        if (!saved) {
          set({ dirty: false });
          return;
        }
        set({
          dirty: false,
          playbookId: saved.playbookId,
          version: saved.version,
          publishedKeys: new Set(
            get().doc.definition.nodes.map((node) => node.key),
          ),
        });
      },
    };
  });
}
