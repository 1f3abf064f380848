/**
 * Remembers the main window's size and position between launches, in
 * electron-store. electron-store cannot be imported outside Electron, so
 * only the Electron main process loads this module.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import Store from 'electron-store';

export type WindowState = {
  bounds?: Rectangle;
  maximized?: boolean;
};

type StoredState = { window: WindowState };

/** Returns whether saved bounds still overlap one of the current displays. */
export function isVisibleOn(bounds: Rectangle, displays: Rectangle[]): boolean {
  return displays.some(
    (area) =>
      bounds.x < area.x + area.width &&
      bounds.x + bounds.width > area.x &&
      bounds.y < area.y + area.height &&
      bounds.y + bounds.height > area.y,
  );
}

export class WindowStateStore {
  private readonly store = new Store<StoredState>({
    name: 'window-state',
    defaults: { window: {} },
  });

  load(): WindowState {
    return this.store.get('window');
  }

  /** Saves the window's normal bounds whenever it moves, resizes or closes. */
  track(window: BrowserWindow): void {
    const save = () => {
      if (window.isDestroyed()) return;
      this.store.set('window', {
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
      });
    };
    let pending: NodeJS.Timeout | undefined;
    const saveSoon = () => {
      clearTimeout(pending);
      pending = setTimeout(save, 500);
    };
    window.on('resize', saveSoon);
    window.on('move', saveSoon);
    window.on('close', () => {
      clearTimeout(pending);
      save();
    });
  }
}
