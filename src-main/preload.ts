import { contextBridge, ipcRenderer } from 'electron';
import {
  appCommands,
  COMMAND_CHANNEL,
  IPC_CHANNEL,
  isPreloadChannel,
  type AppCommand,
} from './electron/channels.ts';

// The renderer sees only what is exposed here: the contract's calls and the
// menu commands. A channel outside the contract is rejected before it
// reaches the main process, which checks again.
contextBridge.exposeInMainWorld('embark', {
  invoke: (channel: unknown, args: unknown) => {
    if (!isPreloadChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Unknown channel ${String(channel).slice(0, 100)}.`,
        },
      });
    }
    return ipcRenderer.invoke(IPC_CHANNEL, channel, args);
  },
  onCommand: (listener: (command: AppCommand) => void) => {
    const forward = (_event: unknown, command: unknown) => {
      if ((appCommands as readonly unknown[]).includes(command)) {
        listener(command as AppCommand);
      }
    };
    ipcRenderer.on(COMMAND_CHANNEL, forward);
    return () => ipcRenderer.off(COMMAND_CHANNEL, forward);
  },
});
