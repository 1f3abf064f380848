import { useEffect, useRef, type ReactNode } from 'react';
import { useAppCommands } from './appCommands.ts';
import { matchShortcut, type ShellCommand } from './shortcuts.ts';
import { useShell, type Screen, type ThemeChoice } from './store.ts';
import { Toasts } from './Toasts.tsx';
import './shell.css';

const searchId = 'shell-search';

const navItems: { screen: Screen; label: string; keys: string }[] = [
  { screen: 'board', label: 'Board', keys: 'Control+1' },
  { screen: 'canvas', label: 'Playbooks', keys: 'Control+2' },
  { screen: 'settings', label: 'Settings', keys: 'Control+3' },
];

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'file'].includes(
    target.type,
  );
}

/** Carries out a window-wide command from a shortcut, menu or palette. */
export function runCommand(command: ShellCommand): void {
  const shell = useShell.getState();
  switch (command) {
    case 'search':
      if (shell.screen !== 'board') shell.open('board');
      requestAnimationFrame(() => document.getElementById(searchId)?.focus());
      return;
    case 'newClient':
      shell.openDialog({ kind: 'newClient' });
      return;
    case 'board':
      shell.open('board');
      return;
    case 'playbooks':
      shell.open('canvas');
      return;
    case 'settings':
      shell.open('settings');
      return;
    case 'shortcuts':
      shell.openDialog({ kind: 'shortcuts' });
      return;
    case 'commands':
      shell.openDialog({ kind: 'commands' });
      return;
    case 'loadSample':
      shell.openDialog({ kind: 'loadSample' });
      return;
  }
}

function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = matchShortcut({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        inTextField: isTextField(event.target),
      });
      if (!command) return;
      // An open dialog keeps the keyboard, except for the shortcut list.
      const dialogOpen = useShell.getState().dialog !== null;
      if (dialogOpen && command !== 'shortcuts') return;
      event.preventDefault();
      runCommand(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

function Navigation() {
  const screen = useShell((state) => state.screen);
  const open = useShell((state) => state.open);
  const active = screen === 'journey' ? 'board' : screen;
  return (
    <nav className="nav" aria-label="Main">
      <div className="nav-brand" aria-hidden="true">
        Embark
      </div>
      <ul>
        {navItems.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={active === item.screen ? 'page' : undefined}
              aria-keyshortcuts={item.keys}
              onClick={() => open(item.screen)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const themeLabels: Record<ThemeChoice, string> = {
  system: 'System theme',
  light: 'Light theme',
  dark: 'Dark theme',
};

function TopBar() {
  const search = useShell((state) => state.search);
  const setSearch = useShell((state) => state.setSearch);
  const theme = useShell((state) => state.theme);
  const setTheme = useShell((state) => state.setTheme);
  const openDialog = useShell((state) => state.openDialog);
  const input = useRef<HTMLInputElement>(null);

  const onSearch = (value: string) => {
    setSearch(value);
    if (useShell.getState().screen !== 'board')
      useShell.getState().open('board');
  };

  return (
    <header className="topbar">
      <div className="topbar-search" role="search">
        <label htmlFor={searchId} className="visually-hidden">
          Search clients by name
        </label>
        <input
          ref={input}
          id={searchId}
          type="search"
          placeholder="Search clients  (Ctrl+K)"
          aria-keyshortcuts="Control+K Meta+K"
          value={search}
          onChange={(event) => onSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && search) {
              event.preventDefault();
              setSearch('');
            }
          }}
        />
      </div>
      <div className="topbar-actions">
        <label htmlFor="shell-theme" className="visually-hidden">
          Theme
        </label>
        <select
          id="shell-theme"
          value={theme}
          onChange={(event) => setTheme(event.target.value as ThemeChoice)}
        >
          {Object.entries(themeLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="ghost"
          aria-keyshortcuts="Control+Shift+P Meta+Shift+P"
          onClick={() => openDialog({ kind: 'commands' })}
        >
          Commands
        </button>
        <button
          type="button"
          className="ghost"
          aria-keyshortcuts="Shift+?"
          onClick={() => openDialog({ kind: 'shortcuts' })}
        >
          Shortcuts
        </button>
        <button
          type="button"
          className="primary"
          aria-keyshortcuts="Control+N Meta+N"
          onClick={() => openDialog({ kind: 'newClient' })}
        >
          New client
        </button>
      </div>
    </header>
  );
}

/** Renders the window frame: navigation, top bar, the screen and toasts. */
export function Shell({ children }: { children: ReactNode }) {
  useGlobalShortcuts();
  useAppCommands(runCommand);
  return (
    <div className="app">
      <Navigation />
      <div className="app-main">
        <TopBar />
        <main className="content" id="content">
          {children}
        </main>
      </div>
      <Toasts />
    </div>
  );
}
