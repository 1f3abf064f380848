/** Validation of a backup file before a restore writes anything. */
import fs from 'node:fs';
import Database from 'better-sqlite3';

import { EmbarkError } from '../../src-shared/errors.ts';
import { hashContent } from '../documents/store.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { existingSidecars, removeNewSidecars } from './open.ts';
import { isCorruptionError, tooNewError } from './sqlite-errors.ts';
import { nativeBindingOption } from './native.ts';

const REQUIRED_TABLES = ['backup_blobs', 'journeys', 'documents'];

function invalid(file: string, problem: string): EmbarkError {
  return new EmbarkError(
    'BACKUP_INVALID',
    `${file} is not an Embark backup: ${problem}. Choose a file written ` +
      'by `embark backup`.',
    { file, problem },
  );
}

/**
 * Opens `file` read-only and checks that it is an Embark backup this code
 * can restore: a sound SQLite database with a known schema version, the
 * `backup_blobs` table, and the content of every document it references,
 * each matching its hash. Returns the open connection.
 */
export function checkBackupFile(file: string): Database.Database {
  if (!fs.existsSync(file)) {
    throw invalid(file, 'the file does not exist');
  }
  if (fs.statSync(file).isDirectory()) {
    throw invalid(file, 'it is a folder, not a backup file');
  }
  const sidecars = existingSidecars(file);
  let source: Database.Database | undefined;
  try {
    source = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...nativeBindingOption(),
    });
    source.pragma('schema_version', { simple: true });
    checkIntegrity(source, file);
    checkVersion(source, file);
    checkTables(source, file);
    checkBlobs(source, file);
    return source;
  } catch (error) {
    source?.close();
    // Reading a WAL-mode file, such as a live embark.db, creates its
    // `-wal`/`-shm` files, so they are removed to leave it as it was found.
    removeNewSidecars(file, sidecars);
    if (isCorruptionError(error)) {
      throw invalid(file, 'it is not a SQLite database or it is damaged');
    }
    throw error;
  }
}

function checkIntegrity(source: Database.Database, file: string): void {
  const result = source.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    throw invalid(file, `its integrity check failed (${String(result)})`);
  }
}

function checkVersion(source: Database.Database, file: string): void {
  const version = source.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_SCHEMA_VERSION) {
    throw tooNewError(file, version, LATEST_SCHEMA_VERSION);
  }
  if (version < 1) throw invalid(file, 'it has no Embark schema version');
}

function checkTables(source: Database.Database, file: string): void {
  const present = new Set(
    source
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[],
  );
  const missing = REQUIRED_TABLES.filter((table) => !present.has(table));
  if (missing.length > 0) {
    throw invalid(file, `the ${missing.join(', ')} table(s) are missing`);
  }
}

function checkBlobs(source: Database.Database, file: string): void {
  for (const blob of readBlobs(source)) {
    if (hashContent(blob.content) !== blob.hash) {
      throw invalid(file, `the content of document ${blob.hash} is damaged`);
    }
  }
  const missing = source
    .prepare(
      'SELECT DISTINCT hash FROM documents WHERE hash NOT IN ' +
        '(SELECT hash FROM backup_blobs)',
    )
    .pluck()
    .all() as string[];
  if (missing.length > 0) {
    throw invalid(
      file,
      `it lacks the content of ${missing.length} referenced document(s), ` +
        `such as ${missing[0]}`,
    );
  }
}

export interface Blob {
  hash: string;
  content: Buffer;
}

/** Iterates over the stored documents one row at a time. */
export function* readBlobs(source: Database.Database): Generator<Blob> {
  const rows = source
    .prepare('SELECT hash, content FROM backup_blobs ORDER BY hash')
    .iterate() as IterableIterator<Blob>;
  yield* rows;
}
