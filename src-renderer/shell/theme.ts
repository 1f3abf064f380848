import { useEffect } from 'react';
import { useShell, type ThemeChoice } from './store.ts';

const darkQuery = '(prefers-color-scheme: dark)';

export function resolveTheme(
  choice: ThemeChoice,
  systemDark: boolean,
): 'light' | 'dark' {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

/** Sets html[data-theme] from the user's choice and the system setting. */
export function applyTheme(choice: ThemeChoice): void {
  const systemDark = window.matchMedia?.(darkQuery).matches ?? false;
  document.documentElement.dataset.theme = resolveTheme(choice, systemDark);
}

/** Keeps html[data-theme] current as the choice or the system changes. */
export function useThemeSync(): void {
  const theme = useShell((state) => state.theme);
  useEffect(() => {
    applyTheme(theme);
    const query = window.matchMedia?.(darkQuery);
    if (!query) return;
    const update = () => applyTheme(theme);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [theme]);
}
