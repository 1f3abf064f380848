/**
 * The process's one pino logger. Services take a namespaced child with
 * `getLogger('journeys')` at any time, even before `createLogger` runs,
 * because the children share the root's level and destination. Configuring
 * the root later redirects them too.
 */
import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';

import { EmbarkError } from '../src-shared/errors.ts';

export type { Logger } from 'pino';

/** Keys whose values are personal data or secrets, replaced before writing. */
export const REDACTED_PATHS = [
  'email',
  '*.email',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'personName',
  '*.personName',
  'contacts',
  '*.contacts',
];

export const LOG_LEVEL_ENV = 'EMBARK_LOG_LEVEL';

export interface LoggerOptions {
  /** JSON-lines file to append to. Without it, nothing is written. */
  file?: string;
  /** pino level name, by default `EMBARK_LOG_LEVEL` or else `info`. */
  level?: string;
}

/** Forwards each formatted line to the configured file, or drops it. */
class SwitchableDestination implements DestinationStream {
  target: pino.DestinationStream | undefined;

  write(line: string): void {
    this.target?.write(line);
  }
}

const destination = new SwitchableDestination();

const root: Logger = pino(
  {
    level: 'silent',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  },
  destination,
);

/** Returns the log file inside a data folder: `<data>/logs/embark.log`. */
export function logFilePath(dataDir: string): string {
  return path.join(dataDir, 'logs', 'embark.log');
}

/**
 * Configures the process's logger: its file (created on demand, written
 * synchronously so that a crash loses no line) and its level. Without a
 * file the logger is silent, so that the CLI prints only its result.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env[LOG_LEVEL_ENV] ?? 'info';
  checkLevel(level);
  closeDestination();
  if (options.file === undefined) {
    root.level = 'silent';
    return root;
  }
  destination.target = pino.destination({
    dest: options.file,
    sync: true,
    mkdir: true,
  });
  root.level = level;
  return root;
}

/** Returns a child logger whose lines carry `{ ns: namespace }`. */
export function getLogger(namespace: string): Logger {
  return root.child({ ns: namespace });
}

/** Closes the log file, if any; later lines are dropped. */
export function closeLogger(): void {
  closeDestination();
  root.level = 'silent';
}

function checkLevel(level: string): void {
  const known = Object.keys(root.levels.values);
  if (level === 'silent' || known.includes(level)) return;
  throw new EmbarkError(
    'INVALID_INPUT',
    `Unknown log level "${level}". Set ${LOG_LEVEL_ENV} to one of: ` +
      `${known.join(', ')}, silent.`,
    { level },
  );
}

function closeDestination(): void {
  const target = destination.target as { end?: () => void } | undefined;
  destination.target = undefined;
  target?.end?.();
}
