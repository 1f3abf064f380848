import type { Workspace } from '../workspace/workspace.ts';

/** What a command handler gets: its arguments and the open workspace. */
export type CommandContext = {
  args: string[];
  /** Opens the data folder on first use; later calls return the same one. */
  workspace: () => Workspace;
  dataDir: string;
  cwd: string;
  /** True when the output is one JSON value rather than text for people. */
  json: boolean;
  /** Writes progress for long work to stderr, only for people. */
  progress: (message: string) => void;
};

/** A command's result: a value printed as JSON, and text for people. */
export type CommandOutput = { value: unknown; text?: string };

export type CommandHandler = (
  ctx: CommandContext,
) => Promise<CommandOutput> | CommandOutput;
