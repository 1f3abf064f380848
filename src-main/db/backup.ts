/**
 * Backups as one self-contained SQLite file: the database copied with
 * SQLite's online backup API, plus every referenced document's content in a
 * `backup_blobs` table.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

import { EmbarkError } from '../../src-shared/errors.ts';
import { DocumentStore, documentsPath } from '../documents/store.ts';
import { getLogger } from '../log.ts';
import { checkBackupFile, readBlobs } from './backup-check.ts';
import { databasePath } from './open.ts';
import { nativeBindingOption } from './native.ts';

const log = getLogger('backup');

export interface BackupOptions {
  /** Replaces an existing file at the target path. */
  overwrite?: boolean;
}

export interface BackupResult {
  file: string;
  /** Documents copied into the backup. */
  documents: number;
  /** Size of the backup file in bytes. */
  bytes: number;
}

/**
 * Writes a backup of `db` and the documents it references to `file`. The
 * copy is made under a temporary name beside `file` and renamed into place
 * at the end, so a failed backup leaves no partial file and an overwritten
 * backup stays intact until the new one is complete.
 */
export async function backupDatabase(
  db: Database.Database,
  store: DocumentStore,
  file: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  if (fs.existsSync(file) && options.overwrite !== true) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `The backup file ${file} already exists. Choose another file name, ` +
        'or pass --overwrite to replace it.',
      { file },
    );
  }
  checkTargetFolder(file);
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await db.backup(temporary).catch((error: unknown) => {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Cannot write the backup to ${file}: ${(error as Error).message}. ` +
          'Choose a folder you can write to.',
        { file },
      );
    });
    const documents = embedDocuments(temporary, store);
    fs.renameSync(temporary, file);
    const bytes = fs.statSync(file).size;
    log.info({ file, documents, bytes }, 'backup written');
    return { file, documents, bytes };
  } catch (error) {
    removeDatabaseFiles(temporary);
    throw error;
  }
}

/**
 * Makes sure the backup's folder exists, creating missing levels one at a
 * time. Node's recursive mkdir never returns for some paths under /proc,
 * so it is not used on a path the user typed.
 */
function checkTargetFolder(file: string): void {
  const folder = path.dirname(path.resolve(file));
  const missing: string[] = [];
  let existing = folder;
  while (!fs.existsSync(existing)) {
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  if (!fs.statSync(existing).isDirectory()) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `${existing} is a file, not a folder; choose another place for the ` +
        'backup.',
      { file, folder: existing },
    );
  }
  for (const level of missing) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Cannot create the folder ${level} (${(error as NodeJS.ErrnoException).code ?? 'error'}); ` +
          'choose a folder you can write to.',
        { file, folder: level },
      );
    }
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `${file} is a folder; give the backup a file name inside it.`,
      { file },
    );
  }
}

/** Copies the documents that the copy references into `backup_blobs`. */
function embedDocuments(file: string, store: DocumentStore): number {
  const copy = new Database(file, nativeBindingOption());
  try {
    copy.exec(
      'CREATE TABLE backup_blobs ' +
        '(hash TEXT PRIMARY KEY, content BLOB NOT NULL)',
    );
    const hashes = copy
      .prepare('SELECT DISTINCT hash FROM documents ORDER BY hash')
      .pluck()
      .all() as string[];
    const insert = copy.prepare(
      'INSERT INTO backup_blobs (hash, content) VALUES (?, ?)',
    );
    copy.transaction(() => {
      for (const hash of hashes) insert.run(hash, store.read(hash));
    })();
    // A rollback journal keeps the backup in one file, with no -wal beside it.
    copy.pragma('journal_mode = DELETE');
    return hashes.length;
  } finally {
    copy.close();
  }
}

/**
 * Replaces the database in `dataDir` with the backup in `file` and writes
 * the backup's documents into the data folder's document store.
 *
 * The caller must close every connection to `<dataDir>/embark.db` first:
 * the file and its `-wal`/`-shm` files are replaced underneath them.
 * Throws `BACKUP_INVALID` (or `DB_TOO_NEW`) before writing anything when
 * `file` is not a backup this version can restore. A caller that already
 * checked the file passes the connection `checkBackupFile` returned, so the
 * file is not checked twice. The restore closes that connection.
 */
export async function restoreDatabase(
  dataDir: string,
  file: string,
  checked?: Database.Database,
): Promise<{ documents: number }> {
  const source = checked ?? checkBackupFile(file);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const store = new DocumentStore(documentsPath(dataDir));
    let documents = 0;
    for (const blob of readBlobs(source)) {
      store.put(blob.content);
      documents += 1;
    }
    await replaceDatabase(source, databasePath(dataDir));
    log.info({ file, dataDir, documents }, 'backup restored');
    return { documents };
  } finally {
    source.close();
  }
}

async function replaceDatabase(
  source: Database.Database,
  target: string,
): Promise<void> {
  const temporary = path.join(
    path.dirname(target),
    `.restore-${randomUUID()}.tmp`,
  );
  try {
    await source.backup(temporary);
    const copy = new Database(temporary, nativeBindingOption());
    try {
      copy.exec('DROP TABLE backup_blobs');
      copy.exec('VACUUM');
    } finally {
      copy.close();
    }
    removeSidecars(target);
    fs.renameSync(temporary, target);
  } catch (error) {
    removeDatabaseFiles(temporary);
    throw error;
  }
}

function removeSidecars(file: string): void {
  fs.rmSync(`${file}-wal`, { force: true });
  fs.rmSync(`${file}-shm`, { force: true });
}

function removeDatabaseFiles(file: string): void {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}-journal`, { force: true });
  removeSidecars(file);
}
