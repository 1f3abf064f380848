import type { CanvasState, CanvasStore } from './store.ts';

/** A key combination; `mod` is Ctrl, or Cmd on macOS. */
export interface Shortcut {
  key: string;
  mod?: boolean;
  shift?: boolean;
  /** Ctrl exactly, on every platform (Ctrl+Y). */
  ctrl?: boolean;
}

/** What commands act on besides the store: the screen's own actions. */
export interface CommandContext {
  store: CanvasStore;
  save: () => void;
}

export interface CanvasCommand {
  id: string;
  name: string;
  shortcuts: Shortcut[];
  /** Whether the command applies to the canvas as it is now. */
  when: (state: CanvasState) => boolean;
  run: (context: CommandContext) => void;
  /** How the user takes the command back. */
  undo: 'history' | 'not undoable';
}

const hasSelection = (state: CanvasState) =>
  state.selection.nodes.length > 0 || state.selection.edges.length > 0;

/** The canvas commands, used by the toolbar and the keyboard alike. */
export const canvasCommands: CanvasCommand[] = [
  {
    id: 'undo',
    name: 'Undo',
    shortcuts: [{ key: 'z', mod: true }],
    when: (state) => state.past.length > 0,
    run: ({ store }) => store.getState().undo(),
    undo: 'not undoable',
  },
  {
    id: 'redo',
    name: 'Redo',
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', ctrl: true },
    ],
    when: (state) => state.future.length > 0,
    run: ({ store }) => store.getState().redo(),
    undo: 'not undoable',
  },
  {
    id: 'copy',
    name: 'Copy',
    shortcuts: [{ key: 'c', mod: true }],
    when: (state) => state.selection.nodes.length > 0,
    run: ({ store }) => store.getState().copy(),
    undo: 'not undoable',
  },
  {
    id: 'paste',
    name: 'Paste',
    shortcuts: [{ key: 'v', mod: true }],
    when: (state) => (state.clipboard?.nodes.length ?? 0) > 0,
    run: ({ store }) => store.getState().paste(),
    undo: 'history',
  },
  {
    id: 'delete',
    name: 'Delete',
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    when: hasSelection,
    run: ({ store }) => store.getState().removeSelection(),
    undo: 'history',
  },
  {
    id: 'autoLayout',
    name: 'Auto-layout',
    shortcuts: [{ key: 'l', mod: true }],
    when: (state) => state.doc.definition.nodes.length > 0,
    run: ({ store }) => store.getState().autoLayout(),
    undo: 'history',
  },
  {
    id: 'save',
    name: 'Save draft',
    shortcuts: [{ key: 's', mod: true }],
    when: () => true,
    run: ({ save }) => save(),
    undo: 'not undoable',
  },
];

/** The parts of a keyboard event that shortcuts compare. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

function matches(shortcut: Shortcut, press: KeyPress): boolean {
  if (press.altKey) return false;
  if (press.key.toLowerCase() !== shortcut.key.toLowerCase()) return false;
  if (Boolean(shortcut.shift) !== press.shiftKey) return false;
  if (shortcut.ctrl) return press.ctrlKey && !press.metaKey;
  const mod = press.ctrlKey || press.metaKey;
  return Boolean(shortcut.mod) === mod;
}

/** Returns the command a key press runs, if any applies now. */
export function commandForKey(
  press: KeyPress,
  state: CanvasState,
  commands: CanvasCommand[] = canvasCommands,
): CanvasCommand | undefined {
  return commands.find(
    (command) =>
      command.shortcuts.some((shortcut) => matches(shortcut, press)) &&
      command.when(state),
  );
}

/** Formats a shortcut for a tooltip, such as `Ctrl+Shift+Z` or `⌘⇧Z`. */
export function formatShortcut(shortcut: Shortcut, mac: boolean): string {
  const key =
    shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key;
  if (mac) {
    const mod = shortcut.ctrl ? '⌃' : shortcut.mod ? '⌘' : '';
    return `${mod}${shortcut.shift ? '⇧' : ''}${key}`;
  }
  const parts = [
    shortcut.mod || shortcut.ctrl ? 'Ctrl' : '',
    shortcut.shift ? 'Shift' : '',
    key,
  ];
  return parts.filter(Boolean).join('+');
}
