import { useEffect } from 'react';
import { shellCommandFor, type ShellCommand } from './shortcuts.ts';

/**
 * Runs the Electron menu's commands while the shell is mounted. In a
 * browser there is no menu and no bridge, so the command palette offers the
 * same commands.
 */
export function useAppCommands(run: (command: ShellCommand) => void): void {
  useEffect(() => {
    const subscribe = window.embark?.onCommand;
    if (!subscribe) return undefined;
    return subscribe((menuCommand) => {
      const command = shellCommandFor(menuCommand);
      if (command) run(command);
    });
  }, [run]);
}
