/**
 * Opens the local SQLite database. A read-only connection first checks that
 * an existing file is a sound Embark database, before anything writes to
 * it. Then the connection settings and pending migrations are applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

import { EmbarkError, isEmbarkError } from '../../src-shared/errors.ts';
import { getLogger } from '../log.ts';
import { readUserVersion, runMigrations } from './migrate.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import {
  corruptError,
  tooNewError,
  translateSqliteError,
} from './sqlite-errors.ts';
import { nativeBindingOption } from './native.ts';

const log = getLogger('db');

export const DATABASE_FILE_NAME = 'embark.db';
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
export const BUSY_TIMEOUT_ENV = 'EMBARK_BUSY_TIMEOUT_MS';

export interface OpenDatabaseOptions {
  /** How long to wait for another connection's lock, in milliseconds. */
  busyTimeoutMs?: number;
  /** Opens without writing: no migrations and no journal mode change. */
  readonly?: boolean;
}

/** Returns the database file inside a data folder: `<data>/embark.db`. */
export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

/**
 * Opens (or creates) the database at `file` with WAL, foreign keys and
 * `synchronous=FULL`, and migrates it to the latest schema.
 *
 * Throws `DB_LOCKED` when another process holds a lock for longer than the
 * busy timeout, `DB_CORRUPT` when the file is not a sound SQLite database
 * (the file is never written in that case), and `DB_TOO_NEW` when a newer
 * Embark wrote it. A read-only open skips migrations, so callers must not
 * expect the latest schema from it.
 */
export function openDatabase(
  file: string,
  options: OpenDatabaseOptions = {},
): Database.Database {
  const timeout = resolveBusyTimeout(options.busyTimeoutMs);
  const readonly = options.readonly ?? false;
  if (hasContent(file)) {
    checkExistingDatabase(file, timeout);
  } else if (readonly) {
    throw new EmbarkError(
      'NOT_FOUND',
      `No database exists at ${file}. Check the data folder, or open it ` +
        'once without read-only mode to create it.',
      { file },
    );
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      readonly,
      fileMustExist: readonly,
      timeout,
      ...nativeBindingOption(),
    });
    configure(db, readonly);
    if (!readonly) runMigrations(db);
    log.debug({ file, readonly }, 'database opened');
    return db;
  } catch (error) {
    db?.close();
    throw translateSqliteError(file, error);
  }
}

/** Runs `fn` in a `BEGIN IMMEDIATE` transaction and returns its result. */
export function immediate<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}

function configure(db: Database.Database, readonly: boolean): void {
  db.pragma('foreign_keys = ON');
  if (readonly) return;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
}

/**
 * Reads the existing file through a read-only connection: the header, an
 * integrity check and the schema version. Nothing here writes to the file.
 */
function checkExistingDatabase(file: string, timeout: number): void {
  const sidecars = existingSidecars(file);
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, {
      readonly: true,
      fileMustExist: true,
      timeout,
      ...nativeBindingOption(),
    });
    probe.pragma('schema_version', { simple: true });
    const check = probe.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw corruptError(file, { message: String(check) });
    const version = readUserVersion(probe);
    if (version > LATEST_SCHEMA_VERSION) {
      throw tooNewError(file, version, LATEST_SCHEMA_VERSION);
    }
    if (version === 0) checkForeignSchema(probe, file);
  } catch (error) {
    probe?.close();
    probe = undefined;
    const translated = translateSqliteError(file, error);
    if (isEmbarkError(translated) && translated.code === 'DB_CORRUPT') {
      removeNewSidecars(file, sidecars);
    }
    throw translated;
  } finally {
    probe?.close();
  }
}

/** Rejects a SQLite file that has tables but was never an Embark database. */
function checkForeignSchema(probe: Database.Database, file: string): void {
  const row = probe
    .prepare(
      "SELECT count(*) AS tables FROM sqlite_master WHERE type = 'table'",
    )
    .get() as { tables: number };
  if (row.tables === 0) return;
  throw new EmbarkError(
    'INVALID_INPUT',
    `${file} is a SQLite database of another application: it has ` +
      `${row.tables} tables but no Embark schema version. Choose another ` +
      'data folder. The file was left untouched.',
    { file, tables: row.tables },
  );
}

function hasContent(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}

const SIDECAR_SUFFIXES = ['-wal', '-shm'];

/** Lists the `-wal`/`-shm` files of `file` that exist now. */
export function existingSidecars(file: string): Set<string> {
  return new Set(
    SIDECAR_SUFFIXES.map((suffix) => file + suffix).filter((sidecar) =>
      fs.existsSync(sidecar),
    ),
  );
}

/**
 * Deletes the `-wal`/`-shm` files that a read-only connection to a
 * WAL-mode file created, once it is closed. A read-only connection never writes to the `-wal` file, so
 * a non-empty one belongs to another connection and both files stay.
 */
export function removeNewSidecars(file: string, before: Set<string>): void {
  const wal = `${file}-wal`;
  if (before.has(wal) || before.has(`${file}-shm`)) return;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) return;
  for (const suffix of SIDECAR_SUFFIXES)
    fs.rmSync(file + suffix, { force: true });
}

function resolveBusyTimeout(fromOptions: number | undefined): number {
  if (fromOptions !== undefined) return checkTimeout(fromOptions, 'option');
  const fromEnv = process.env[BUSY_TIMEOUT_ENV];
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_BUSY_TIMEOUT_MS;
  return checkTimeout(Number(fromEnv), BUSY_TIMEOUT_ENV);
}

function checkTimeout(value: number, source: string): number {
  if (Number.isInteger(value) && value >= 0) return value;
  throw new EmbarkError(
    'INVALID_INPUT',
    `Invalid busy timeout ${String(value)} from ${source}: expected a ` +
      'whole number of milliseconds, 0 or more.',
    { value, source },
  );
}
