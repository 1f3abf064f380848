import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from './channels.ts';

export type MenuOptions = {
  platform: NodeJS.Platform;
  /** Adds the developer tools toggle. */
  development: boolean;
  appName: string;
  /** Sends an app command to the focused window's renderer. */
  sendCommand: (command: AppCommand) => void;
};

/**
 * Returns the native menu: the platform's usual roles (edit, view, window)
 * and the app's own commands, which the renderer carries out.
 */
export function menuTemplate(
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{ label: options.appName, role: 'appMenu' }]
    : [];
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (options.development) view.push({ role: 'toggleDevTools' });
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        {
          label: 'New Client…',
          accelerator: 'CmdOrCtrl+N',
          click: () => options.sendCommand('new-client'),
        },
        {
          label: 'Load Sample Workspace',
          click: () => options.sendCommand('load-sample'),
        },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
