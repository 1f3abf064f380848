import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { EmbarkError, errorMessages } from '../../src-shared/errors.ts';
import { getLogger } from '../log.ts';
import { defaultOutboxHandlers, runOutbox } from '../outbox/runner.ts';
import { databasePath } from '../db/open.ts';
import { translateSqliteError } from '../db/sqlite-errors.ts';
import {
  fireDueTimers,
  hasDueTimers,
  stopScheduler,
} from '../scheduler/timers.ts';
import { defaultDataDir } from '../workspace/paths.ts';
import { openWorkspace, type Workspace } from '../workspace/workspace.ts';
import { clientCommand } from './commands/client.ts';
import { journeyCommand } from './commands/journey.ts';
import { notificationsCommand } from './commands/notifications.ts';
import { playbookCommand } from './commands/playbook.ts';
import {
  backupCommand,
  boardCommand,
  identityCommand,
  restoreCommand,
  sampleCommand,
  segmentsCommand,
} from './commands/workspace.ts';
import type {
  CommandContext,
  CommandHandler,
  CommandOutput,
} from './context.ts';

const commands: Record<string, CommandHandler> = {
  playbook: playbookCommand,
  client: clientCommand,
  journey: journeyCommand,
  board: boardCommand,
  segments: segmentsCommand,
  identity: identityCommand,
  notifications: notificationsCommand,
  'sample-workspace': sampleCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

export const helpText = `Usage: embark [--data DIR] [--json] COMMAND ...

Runs client onboarding journeys on the data folder DIR (default: EMBARK_DATA,
else the operating system's application-data folder).

Commands:
  playbook list | import FILE [--segment S] [--process ID] [--id ID]
           | export ID --format bpmn|json [--version N] [--out FILE]
           | validate FILE
  client   add --name NAME --attrs JSON [--playbook ID] [--segment S --reason TEXT]
           | import FILE.csv [--skip-invalid] | list | show ID
           | edit ID [--attrs JSON] [--reclassify] | archive ID
  journey  list | show ID | history ID | start --client ID [--playbook ID]
           | act ID STEP_KEY --action submit|upload|approve|reject|complete|skip|reopen|reassign
               [--data JSON] [--file PATH] [--slot NAME] [--comment TEXT] [--to NAME]
           | set ID --vars JSON | resolve ID --branch KEY --edge KEY
           | migrate ID (--segment S | --playbook ID [--version N]) [--dry-run] [--reason TEXT]
           | pause ID | resume ID | cancel ID --reason TEXT
  board    [--segment S] [--stage S] [--risk R] [--owner NAME] [--incidents]
  segments show | set FILE.json | classify --attrs JSON
  identity show | set --name NAME [--email EMAIL] [--roles a,b]
  notifications [--all] | read (ID | --all)
  sample-workspace [--clients N]
  backup FILE [--overwrite]
  restore FILE [--overwrite]

Global options:
  --data DIR   data folder
  --json       print exactly one JSON value on stdout
  --as NAME    record the action as done by NAME
  -h, --help   show this help
`;

export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
};

/**
 * Splits the global options from the command. `--data DIR` and `--as NAME`
 * count only before the command name, because `journey act` has a
 * `--data JSON` of its own; `--json` and `--help` count anywhere.
 */
function splitGlobals(argv: string[]): {
  data?: string;
  json: boolean;
  help: boolean;
  rest: string[];
} {
  const rest: string[] = [];
  let data: string | undefined;
  let json = false;
  let help = false;
  let as: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const beforeCommand = rest.length === 0;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (beforeCommand && arg === '--data') {
      data = argv[index + 1];
      index += 1;
      if (data === undefined) {
        throw new EmbarkError('INVALID_INPUT', '--data needs a folder path.');
      }
    } else if (beforeCommand && arg.startsWith('--data=')) {
      data = arg.slice('--data='.length);
    } else if (beforeCommand && arg === '--as') {
      as = argv[index + 1];
      index += 1;
      if (!as?.trim()) {
        throw new EmbarkError(
          'INVALID_INPUT',
          "--as needs a person's name; it must not be empty.",
        );
      }
    } else rest.push(arg);
  }
  // `--as` before the command applies to it as if given after it.
  if (as !== undefined) rest.push('--as', as);
  return { data, json, help, rest };
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let workspace: Workspace | undefined;
  let databaseFile: string | undefined;
  const owner = `cli-${process.pid}`;
  let json = argv.includes('--json');
  try {
    const globals = splitGlobals(argv);
    json = globals.json;
    const [name, ...args] = globals.rest;
    if (globals.help) {
      io.stdout(helpText);
      return 0;
    }
    if (!name) {
      throw new EmbarkError(
        'INVALID_INPUT',
        'Missing command; run "embark --help" for the list.',
      );
    }
    const handler = commands[name];
    if (!handler) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Unknown command "${name}"; run "embark --help" for the list.`,
      );
    }
    const dataDir = path.resolve(
      io.cwd,
      checkDataDir(globals.data ?? defaultDataDir(io.env)),
    );
    databaseFile = databasePath(dataDir);
    const ctx: CommandContext = {
      args,
      dataDir,
      cwd: io.cwd,
      json,
      progress: (message) => {
        if (!json) io.stderr(`${message}\n`);
      },
      workspace: () => {
        if (!workspace) {
          const timeout = Number(io.env.EMBARK_BUSY_TIMEOUT_MS);
          workspace = openWorkspace(dataDir, {
            busyTimeoutMs:
              Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
          });
          fireTimersUnlessLocked(workspace, owner);
        }
        return workspace;
      },
    };
    const output: CommandOutput = await handler(ctx);
    io.stdout(formatOutput(output, json));
    if (workspace) await deliverOutbox(workspace);
    return 0;
  } catch (error) {
    // A command's own write that finds the database locked, or a damaged
    // page that only a query reaches, fails with better-sqlite3's error.
    const failure =
      databaseFile === undefined
        ? error
        : translateSqliteError(databaseFile, error);
    io.stderr(`${errorLine(failure)}\n`);
    return failure instanceof EmbarkError
      ? failure.code === 'INVALID_INPUT'
        ? 2
        : 1
      : 70;
  } finally {
    if (workspace) closeWorkspace(workspace, owner);
  }
}

/**
 * Fires the timers that fell due while no process ran them. When another
 * process holds the write lock past the busy timeout, the timers are left
 * for the next command, so that a read command still runs.
 */
function fireTimersUnlessLocked(workspace: Workspace, owner: string): void {
  if (!hasDueTimers(workspace)) return;
  try {
    fireDueTimers(workspace, owner);
  } catch (error) {
    if (!(error instanceof EmbarkError) || error.code !== 'DB_LOCKED') {
      throw error;
    }
    getLogger('cli').debug(
      { dataDir: workspace.dataDir },
      'due timers skipped: the database is locked; the next command fires them',
    );
  }
}

/** Releases the scheduler lease if this command took it, and closes the workspace. */
function closeWorkspace(workspace: Workspace, owner: string): void {
  try {
    stopScheduler(workspace, owner);
  } catch (error) {
    // The lease expires on its own, so a failed release only delays the
    // next process that fires timers.
    getLogger('cli').error(
      { err: error, owner },
      'scheduler lease release failed',
    );
  }
  workspace.close();
}

/**
 * Delivers the effects the command wrote. A delivery failure is logged and
 * retried by a later run; it never changes the command's output or exit code.
 */
async function deliverOutbox(workspace: Workspace): Promise<void> {
  try {
    await runOutbox(workspace, defaultOutboxHandlers(workspace));
  } catch (error) {
    getLogger('cli').error({ err: error }, 'outbox delivery failed');
  }
}

/** Rejects a data folder path that is empty or names a file. */
function checkDataDir(dataDir: string): string {
  if (dataDir.trim() === '') {
    throw new EmbarkError(
      'INVALID_INPUT',
      '--data needs a folder path; it must not be empty.',
    );
  }
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `${dataDir} is a file, not a folder; pass the data folder with --data.`,
    );
  }
  return dataDir;
}

function formatOutput(output: CommandOutput, json: boolean): string {
  if (json) return `${JSON.stringify(output.value)}\n`;
  const text = output.text ?? JSON.stringify(output.value, null, 2);
  return `${text}\n`;
}

/** Formats an error as the single line a failed command prints. */
export function errorLine(error: unknown): string {
  if (error instanceof EmbarkError) {
    const message = error.message || errorMessages[error.code];
    return `embark: ${message.replace(/\s*\n\s*/g, ' ')} [${error.code}]`;
  }
  getLogger('cli').error({ err: error }, 'command failed');
  const message = error instanceof Error ? error.message : String(error);
  return `embark: internal error: ${message.replace(/\s*\n\s*/g, ' ')} [INTERNAL]`;
}

/**
 * Returns the folder that relative paths on the command line refer to.
 * `npm run embark` runs in the package's folder and names the folder the
 * command was typed in as INIT_CWD, so that folder is used instead.
 */
export function invocationFolder(env: NodeJS.ProcessEnv, cwd: string): string {
  return env.npm_lifecycle_event === 'embark' && env.INIT_CWD
    ? env.INIT_CWD
    : cwd;
}

/** Entry point for the `embark` binary. */
export async function runFromProcess(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: invocationFolder(process.env, process.cwd()),
  });
  process.exitCode = code;
}
