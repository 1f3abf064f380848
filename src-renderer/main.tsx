import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { useShell } from './shell/store.ts';
import { applyTheme } from './shell/theme.ts';
import './theme.css';

// The theme is set before the first render, so the window never flashes
// the other palette.
applyTheme(useShell.getState().theme);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
