import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Dialog } from './Dialog.tsx';
import type { ShellCommand } from './shortcuts.ts';
import { useShell, type ShellDialog, type ThemeChoice } from './store.ts';

export type PaletteEntry = {
  label: string;
  /** Keys visible beside the label, as the shortcut list writes them. */
  keys?: string;
  run: () => void;
};

type Actions = {
  runCommand: (command: ShellCommand) => void;
  openDialog: (dialog: ShellDialog) => void;
  setTheme: (theme: ThemeChoice) => void;
};

/** Returns the palette's entries, in the order it lists them. */
export function paletteEntries(actions: Actions): PaletteEntry[] {
  const command = (label: string, name: ShellCommand, keys?: string) => ({
    label,
    keys,
    run: () => actions.runCommand(name),
  });
  return [
    command('New client…', 'newClient', 'Ctrl+N'),
    command('Load the sample workspace…', 'loadSample'),
    {
      label: 'Import clients from a CSV file…',
      run: () => actions.openDialog({ kind: 'importCsv' }),
    },
    command('Search clients', 'search', 'Ctrl+K'),
    command('Go to the board', 'board', 'Ctrl+1'),
    command('Go to the playbooks', 'playbooks', 'Ctrl+2'),
    command('Go to the settings', 'settings', 'Ctrl+3'),
    command('Show the keyboard shortcuts', 'shortcuts', '?'),
    { label: 'Use the light theme', run: () => actions.setTheme('light') },
    { label: 'Use the dark theme', run: () => actions.setTheme('dark') },
    {
      label: 'Follow the system theme',
      run: () => actions.setTheme('system'),
    },
  ];
}

/** Keeps the entries whose label contains every typed word. */
export function filterEntries(
  entries: PaletteEntry[],
  query: string,
): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    const label = entry.label.toLowerCase();
    return words.every((word) => label.includes(word));
  });
}

/**
 * Lists the app's commands with a filter: type to narrow, arrows to
 * choose, Enter to run. It offers in the browser what the Electron menu
 * offers on the desktop.
 */
export function CommandPalette(props: {
  onClose: () => void;
  runCommand: (command: ShellCommand) => void;
}) {
  const { onClose, runCommand } = props;
  const openDialog = useShell((state) => state.openDialog);
  const setTheme = useShell((state) => state.setTheme);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputId = useId();
  const entries = useMemo(
    () => paletteEntries({ runCommand, openDialog, setTheme }),
    [runCommand, openDialog, setTheme],
  );
  const visible = filterEntries(entries, query);
  const current = Math.min(active, Math.max(visible.length - 1, 0));

  const choose = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    // The palette closes first, so a command that opens a dialog keeps it.
    onClose();
    entry.run();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(
        (current + step + visible.length) % Math.max(visible.length, 1),
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(visible[current]);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <Dialog title="Commands" onClose={onClose}>
      <div className="palette">
        <label htmlFor={inputId} className="visually-hidden">
          Type a command
        </label>
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoFocus
          autoComplete="off"
          placeholder="Type a command"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={
            visible.length > 0 ? optionId(current) : undefined
          }
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="Commands">
          {visible.map((entry, index) => (
            <li
              key={entry.label}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              onMouseMove={() => setActive(index)}
              onClick={() => choose(entry)}
            >
              <span>{entry.label}</span>
              {entry.keys && <kbd>{entry.keys}</kbd>}
            </li>
          ))}
        </ul>
        {visible.length === 0 && (
          <p className="muted" role="status">
            No command matches “{query}”.
          </p>
        )}
      </div>
    </Dialog>
  );
}
