import { create } from 'zustand';
import type { BoardCard } from '../../src-shared/ipc/contract.ts';
import type { Segment } from '../../src-shared/playbooks/model.ts';

export type Screen = 'board' | 'journey' | 'canvas' | 'settings';

export type ScreenParams = { journeyId?: string; playbookId?: string };

/** The theme the user picked; `system` follows prefers-color-scheme. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The dialog open above the current screen, at most one at a time. */
export type ShellDialog =
  | { kind: 'newClient' }
  | { kind: 'client'; clientId: string; journeyId?: string }
  | { kind: 'importCsv' }
  | { kind: 'shortcuts' }
  | { kind: 'commands' }
  | { kind: 'loadSample' }
  | { kind: 'migrate'; card: BoardCard; segment: Segment }
  | { kind: 'moveTo'; card: BoardCard };

type Location = { screen: Screen } & ScreenParams;

type ShellState = Location & {
  history: Location[];
  theme: ThemeChoice;
  dialog: ShellDialog | null;
  /** Client-name search typed in the top bar; the board filters by it. */
  search: string;
  /** Bumped after any change that the board must reload to show. */
  boardVersion: number;
  /** Goes to a screen; the window menu calls it through getState(). */
  open: (screen: Screen, params?: ScreenParams) => void;
  back: () => void;
  setTheme: (theme: ThemeChoice) => void;
  openDialog: (dialog: ShellDialog) => void;
  closeDialog: () => void;
  setSearch: (search: string) => void;
  refreshBoard: () => void;
};

const themeKey = 'embark-theme';

function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(themeKey);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const useShell = create<ShellState>()((set, get) => ({
  screen: 'board',
  history: [],
  theme: storedTheme(),
  dialog: null,
  search: '',
  boardVersion: 0,
  open: (screen, params = {}) => {
    const { screen: current, journeyId, playbookId, history } = get();
    set({
      screen,
      journeyId: params.journeyId,
      playbookId: params.playbookId,
      history: [...history, { screen: current, journeyId, playbookId }],
    });
  },
  back: () => {
    const history = get().history;
    const previous = history.at(-1);
    if (!previous) return;
    set({
      screen: previous.screen,
      journeyId: previous.journeyId,
      playbookId: previous.playbookId,
      history: history.slice(0, -1),
    });
  },
  setTheme: (theme) => {
    try {
      if (theme === 'system') localStorage.removeItem(themeKey);
      else localStorage.setItem(themeKey, theme);
    } catch {
      // Storage can be unavailable (a sandboxed page); the choice then
      // lasts for this session only.
    }
    set({ theme });
  },
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setSearch: (search) => set({ search }),
  refreshBoard: () => set({ boardVersion: get().boardVersion + 1 }),
}));
