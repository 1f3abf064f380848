import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../src-shared/ipc/contract.ts';
import {
  appCommands,
  COMMAND_CHANNEL,
  IPC_CHANNEL,
  preloadChannels,
} from '../../src-main/electron/channels.ts';
import { menuTemplate } from '../../src-main/electron/menu.ts';
import { shellCommandFor } from '../../src-renderer/shell/shortcuts.ts';
import {
  contentSecurityPolicy,
  mainWindowOptions,
} from '../../src-main/electron/window-options.ts';

// The Electron binary cannot run here, so the preload runs against this
// stand-in for the `electron` module; it records what the preload exposes
// and what it sends.
const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  sent: [] as unknown[][],
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) =>
      bridge.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      bridge.sent.push(args);
      return Promise.resolve({ ok: true, result: null });
    },
    on: () => undefined,
    off: () => undefined,
  },
}));

type ExposedApi = {
  invoke: (channel: unknown, args: unknown) => Promise<{ ok: boolean }>;
};

beforeAll(async () => {
  await import('../../src-main/preload.ts');
});

describe('main window options', () => {
  const options = mainWindowOptions('/app/preload.cjs');
  const web = options.webPreferences ?? {};

  it('isolates the renderer', () => {
    expect(web.contextIsolation).toBe(true);
  });

  it('sandboxes the renderer', () => {
    expect(web.sandbox).toBe(true);
  });

  it('gives the renderer no Node', () => {
    expect(web.nodeIntegration).toBe(false);
  });

  it('keeps web security on', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
  });

  it('uses the given preload', () => {
    expect(web.preload).toBe('/app/preload.cjs');
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy();

  it('allows no eval', () => {
    expect(csp).not.toContain('unsafe-eval');
  });

  it('names no remote host', () => {
    expect(csp).not.toMatch(/https?:|wss?:|\*/);
  });

  it('loads scripts only from the app', () => {
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('adds the host socket to connect-src only', () => {
    const host = contentSecurityPolicy(['ws://127.0.0.1:4100']);
    expect(host).toContain("connect-src 'self' ws://127.0.0.1:4100;");
    expect(host.match(/127\.0\.0\.1/g)).toHaveLength(1);
  });
});

describe('preload', () => {
  it('channels are exactly the contract channels', () => {
    expect([...preloadChannels].sort()).toEqual([...channels].sort());
  });

  it('exposes only window.embark', () => {
    expect([...bridge.exposed.keys()]).toEqual(['embark']);
    const api = bridge.exposed.get('embark') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onCommand']);
  });

  it('forwards a contract channel', async () => {
    const api = bridge.exposed.get('embark') as ExposedApi;
    bridge.sent.length = 0;
    await api.invoke('workspace:info', {});
    expect(bridge.sent).toEqual([[IPC_CHANNEL, 'workspace:info', {}]]);
  });

  it('rejects other channels before sending', async () => {
    const api = bridge.exposed.get('embark') as ExposedApi;
    bridge.sent.length = 0;
    for (const channel of ['app:quit', 'ipc', COMMAND_CHANNEL, 42]) {
      const reply = await api.invoke(channel, {});
      expect(reply.ok).toBe(false);
    }
    expect(bridge.sent).toEqual([]);
  });
});

describe('native menu', () => {
  const sent: string[] = [];
  const template = (development: boolean, platform: NodeJS.Platform) =>
    menuTemplate({
      platform,
      development,
      appName: 'Embark',
      sendCommand: (command) => sent.push(command),
    });
  const roles = (items: ReturnType<typeof template>): string[] =>
    items.flatMap((item) => [
      ...(item.role ? [item.role] : []),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);

  it('has the edit roles', () => {
    expect(roles(template(false, 'linux'))).toEqual(
      expect.arrayContaining([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'windowMenu',
      ]),
    );
  });

  it('shows dev tools only in development', () => {
    expect(roles(template(false, 'linux'))).not.toContain('toggleDevTools');
    expect(roles(template(true, 'linux'))).toContain('toggleDevTools');
  });

  it('sends app commands to the renderer', () => {
    const file = template(false, 'linux')[0];
    const items = Array.isArray(file?.submenu) ? file.submenu : [];
    const newClient = items.find((item) => item.label === 'New Client…');
    expect(newClient?.accelerator).toBe('CmdOrCtrl+N');
    sent.length = 0;
    for (const item of items) {
      (item.click as (() => void) | undefined)?.();
    }
    expect(sent).toEqual(['new-client', 'load-sample']);
  });

  it('has a renderer command for every app command', () => {
    for (const command of appCommands) {
      expect(shellCommandFor(command), command).toBeDefined();
    }
    expect(shellCommandFor('quit')).toBeUndefined();
    expect(shellCommandFor('toString')).toBeUndefined();
  });

  it('adds the app menu on macOS', () => {
    expect(roles(template(false, 'darwin'))).toContain('appMenu');
  });
});
