import { EmbarkError } from '../../src-shared/errors.ts';

interface SqliteFailure {
  code?: unknown;
  message?: unknown;
}

function describe(error: unknown): { code: string; message: string } {
  const failure = (error ?? {}) as SqliteFailure;
  return {
    code: typeof failure.code === 'string' ? failure.code : '',
    message: typeof failure.message === 'string' ? failure.message : '',
  };
}

/** Tells whether a SQLite error means another connection holds a lock. */
export function isLockError(error: unknown): boolean {
  const { code, message } = describe(error);
  return (
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED') ||
    message.includes('database is locked')
  );
}

/** Tells whether a SQLite error means the file is not a sound database. */
export function isCorruptionError(error: unknown): boolean {
  const { code, message } = describe(error);
  return (
    code.startsWith('SQLITE_NOTADB') ||
    code.startsWith('SQLITE_CORRUPT') ||
    message.includes('file is not a database') ||
    message.includes('database disk image is malformed')
  );
}

export function lockedError(file: string, cause?: unknown): EmbarkError {
  return new EmbarkError(
    'DB_LOCKED',
    `The database at ${file} is locked by another process. Close the ` +
      'other Embark window or command and try again.',
    { file, cause: describe(cause).message },
  );
}

export function corruptError(file: string, cause?: unknown): EmbarkError {
  return new EmbarkError(
    'DB_CORRUPT',
    `${file} is not a valid Embark database (it may be damaged). Restore ` +
      'a backup with `embark restore FILE`. The file was left untouched.',
    { file, cause: describe(cause).message },
  );
}

export function tooNewError(
  file: string,
  version: number,
  supported: number,
): EmbarkError {
  return new EmbarkError(
    'DB_TOO_NEW',
    `${file} has schema version ${version}, but this version of Embark ` +
      `supports schema versions up to ${supported}. Update Embark to open it.`,
    { file, version, supported },
  );
}

/**
 * Converts a lock or corruption failure from better-sqlite3 into the
 * matching EmbarkError. Any other error is returned unchanged.
 */
export function translateSqliteError(file: string, error: unknown): unknown {
  if (error instanceof EmbarkError) return error;
  if (isLockError(error)) return lockedError(file, error);
  if (isCorruptionError(error)) return corruptError(file, error);
  return error;
}
