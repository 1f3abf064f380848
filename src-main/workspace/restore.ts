import fs from 'node:fs';
import path from 'node:path';
import { EmbarkError } from '../../src-shared/errors.ts';
import { checkBackupFile } from '../db/backup-check.ts';
import { restoreDatabase } from '../db/backup.ts';
import { getLogger } from '../log.ts';
import { previousDatabaseFile } from './paths.ts';
import type { Workspace } from './workspace.ts';

const log = getLogger('workspace');

export type RestoreHooks = {
  /**
   * Stops whatever uses the workspace (timers, the scheduler lease) and
   * closes it. It runs only after the backup file has passed its checks.
   */
  close: () => void | Promise<void>;
  /** Opens the data folder again; it runs whether the restore worked or not. */
  reopen: () => Workspace;
};

export type RestoreSummary = {
  file: string;
  documents: number;
  previousDatabase: string;
  workspace: Workspace;
};

/**
 * Rejects a relative backup path: the services' working folder means
 * nothing to the person typing it.
 */
export function checkAbsolutePath(file: string): void {
  if (!path.isAbsolute(file)) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `The backup path "${file}" is not a full path; give the whole path, ` +
        'such as /home/me/embark.embark-backup.',
      { file },
    );
  }
}

export type BackupSummary = {
  file: string;
  writtenAt: string;
  clients: number;
  journeys: number;
  documents: number;
};

/**
 * Checks a backup file as a restore would, without changing anything, and
 * counts what it contains: clients not archived, journeys and documents.
 * Throws BACKUP_INVALID for a file that a restore would reject.
 */
export function describeBackup(file: string): BackupSummary {
  checkAbsolutePath(file);
  const source = checkBackupFile(file);
  try {
    const count = (sql: string) =>
      (source.prepare(sql).pluck().get() as number | undefined) ?? 0;
    return {
      file,
      writtenAt: fs.statSync(file).mtime.toISOString(),
      clients: count('SELECT COUNT(*) FROM clients WHERE archived_at IS NULL'),
      journeys: count('SELECT COUNT(*) FROM journeys'),
      documents: count('SELECT COUNT(*) FROM documents'),
    };
  } finally {
    source.close();
  }
}

/**
 * Replaces an open workspace's data with a backup, as `embark restore
 * --overwrite` does, and opens it again. The backup is checked before
 * anything is closed, so a file that is missing, not a backup or damaged
 * throws BACKUP_INVALID and leaves the workspace open and unchanged. A copy
 * of the current database is kept beside it, named in the summary.
 */
export async function restoreWorkspace(
  ws: Workspace,
  file: string,
  hooks: RestoreHooks,
): Promise<RestoreSummary> {
  checkAbsolutePath(file);
  const source = checkBackupFile(file);
  const dataDir = ws.dataDir;
  const previousDatabase = previousDatabaseFile(dataDir, ws.clock());
  try {
    await ws.db.backup(previousDatabase);
    await hooks.close();
  } catch (error) {
    source.close();
    throw error;
  }
  let documents: number;
  try {
    ({ documents } = await restoreDatabase(dataDir, file, source));
  } catch (error) {
    // The restore renames the new database into place as its last step, so
    // after a failure the old one is still there to reopen.
    log.error({ err: error, dataDir }, 'restore failed; reopening');
    hooks.reopen();
    throw error;
  }
  const workspace = hooks.reopen();
  log.info({ dataDir, documents }, 'workspace restored from a backup');
  return { file, documents, previousDatabase, workspace };
}
