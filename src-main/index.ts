/**
 * The Electron main process: one window, the native menu, and the IPC
 * bridge to the services' worker thread. `npm start` sets
 * EMBARK_SQLITE_BINDING to the better-sqlite3 addon built for Electron
 * before it launches this.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  screen,
  session,
  shell,
} from 'electron';
import { startServices, type Services } from './api/service-host.ts';
import {
  COMMAND_CHANNEL,
  IPC_CHANNEL,
  type AppCommand,
} from './electron/channels.ts';
import { menuTemplate } from './electron/menu.ts';
import {
  contentSecurityPolicy,
  mainWindowOptions,
} from './electron/window-options.ts';
import { isVisibleOn, WindowStateStore } from './electron/window-state.ts';
import { createLogger, getLogger } from './log.ts';
import { defaultDataDir, logFile } from './workspace/paths.ts';

const dataDir = defaultDataDir();
createLogger({ file: logFile(dataDir) });
const log = getLogger('electron');

function sendCommand(command: AppCommand): void {
  const window =
    BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  window?.webContents.send(COMMAND_CHANNEL, command);
}

function createWindow(windowState: WindowStateStore): BrowserWindow {
  const saved = windowState.load();
  const displays = screen.getAllDisplays().map((display) => display.workArea);
  const bounds =
    saved.bounds && isVisibleOn(saved.bounds, displays) ? saved.bounds : {};
  const window = new BrowserWindow({
    ...mainWindowOptions(
      path.join(import.meta.dirname, '../preload/preload.cjs'),
    ),
    ...bounds,
  });
  if (saved.maximized) window.maximize();
  windowState.track(window);
  // The renderer is untrusted: it never opens windows or navigates away.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) void window.loadURL(devServer);
  else
    void window.loadFile(
      path.join(import.meta.dirname, '../renderer/index.html'),
    );
  return window;
}

function start(services: Services): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy()],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_c, _p, callback) =>
    callback(false),
  );
  ipcMain.handle(IPC_CHANNEL, (_event, channel: unknown, args: unknown) =>
    services.call(channel, args),
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        development: !app.isPackaged,
        appName: app.name,
        sendCommand,
      }),
    ),
  );
  const windowState = new WindowStateStore();
  createWindow(windowState);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(windowState);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const services = startServices(dataDir);
  log.info({ dataDir }, 'Embark started');
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  void app.whenReady().then(() => start(services));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void services.close().then(() => {
      closed = true;
      log.info('Embark stopped');
      app.quit();
    });
  });
}
