export type ShellCommand =
  | 'search'
  | 'newClient'
  | 'board'
  | 'playbooks'
  | 'settings'
  | 'shortcuts'
  | 'commands'
  | 'loadSample';

/** The parts of a KeyboardEvent that decide a shortcut. */
export type KeyPress = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  /** True while focus is in a text field, where plain keys type text. */
  inTextField: boolean;
};

const withModifier: Record<string, ShellCommand> = {
  k: 'search',
  n: 'newClient',
  '1': 'board',
  '2': 'playbooks',
  '3': 'settings',
};

const withShift: Record<string, ShellCommand> = {
  p: 'commands',
};

/**
 * Maps a key press to a window-wide command. Ctrl on Linux and Windows and
 * Cmd on macOS are both accepted; `?` works only outside text fields.
 */
export function matchShortcut(press: KeyPress): ShellCommand | undefined {
  if (press.altKey) return undefined;
  if (press.ctrlKey || press.metaKey) {
    const key = press.key.toLowerCase();
    return (press.shiftKey ? withShift[key] : undefined) ?? withModifier[key];
  }
  if (press.key === '?' && !press.inTextField) return 'shortcuts';
  return undefined;
}

/** The shell command for each command of the Electron menu. */
const menuCommands: Record<string, ShellCommand> = {
  'new-client': 'newClient',
  'load-sample': 'loadSample',
};

/** Returns the shell command for a menu command, or undefined if unknown. */
export function shellCommandFor(menuCommand: string): ShellCommand | undefined {
  return Object.hasOwn(menuCommands, menuCommand)
    ? menuCommands[menuCommand]
    : undefined;
}

export type ShortcutHelp = { keys: string[]; action: string };

/** The list that `?` shows, grouped by where the keys work. */
export const shortcutHelp: { group: string; items: ShortcutHelp[] }[] = [
  {
    group: 'Anywhere',
    items: [
      { keys: ['Ctrl/⌘', 'K'], action: 'Search clients' },
      { keys: ['Ctrl/⌘', 'Shift', 'P'], action: 'Command palette' },
      { keys: ['Ctrl/⌘', 'N'], action: 'New client' },
      { keys: ['Ctrl/⌘', '1'], action: 'Board' },
      { keys: ['Ctrl/⌘', '2'], action: 'Playbooks' },
      { keys: ['Ctrl/⌘', '3'], action: 'Settings' },
      { keys: ['Esc'], action: 'Close the dialog' },
      { keys: ['?'], action: 'Show this list' },
    ],
  },
  {
    group: 'Board',
    items: [
      { keys: ['Tab'], action: 'Next cell of the board' },
      { keys: ['←', '→', '↑', '↓'], action: 'Move between cards' },
      { keys: ['Enter'], action: 'Open the journey' },
      { keys: ['M'], action: 'Move the client to another segment' },
      { keys: ['I'], action: 'Client details' },
      { keys: ['Shift', 'F10'], action: 'Card actions' },
    ],
  },
];
