import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Actor } from '../../src-shared/journeys/model.ts';
import { openDatabase } from '../db/open.ts';
import { isLockError } from '../db/sqlite-errors.ts';
import { DocumentStore } from '../documents/store.ts';
import { createLogger, getLogger } from '../log.ts';
import { seedBuiltinPlaybooks } from '../playbooks/builtin.ts';
import { databaseFile, documentsDir, logFile } from './paths.ts';
import { Settings } from './settings.ts';

export type Clock = () => Date;

export type WorkspaceOptions = {
  /** Time source; tests pass a fixed or stepping clock. */
  clock?: Clock;
  busyTimeoutMs?: number;
  /** Write the log file under the data folder (default true). */
  log?: boolean;
};

/** An open data folder: the database, the document store and settings. */
export type Workspace = {
  dataDir: string;
  db: Database.Database;
  documents: DocumentStore;
  settings: Settings;
  clock: Clock;
  newId: () => string;
  log: Logger;
  close: () => void;
};

export function openWorkspace(
  dataDir: string,
  options: WorkspaceOptions = {},
): Workspace {
  if (options.log !== false) createLogger({ file: logFile(dataDir) });
  const log = getLogger('workspace');
  const db = openDatabase(databaseFile(dataDir), {
    busyTimeoutMs: options.busyTimeoutMs,
  });
  const workspace: Workspace = {
    dataDir,
    db,
    documents: new DocumentStore(documentsDir(dataDir)),
    settings: new Settings(db),
    clock: options.clock ?? (() => new Date()),
    newId: randomUUID,
    log,
    close: () => {
      db.close();
      log.info({ dataDir }, 'workspace closed');
    },
  };
  seedBuiltinsUnlessLocked(workspace);
  log.info({ dataDir }, 'workspace opened');
  return workspace;
}

/**
 * Publishes changed built-in playbooks. When another process holds the
 * write lock past the busy timeout, the stored versions stay in use and
 * the next open publishes them, so a read still works meanwhile.
 */
function seedBuiltinsUnlessLocked(workspace: Workspace): void {
  try {
    seedBuiltinPlaybooks(workspace);
  } catch (error) {
    if (!isLockError(error)) {
      workspace.db.close();
      throw error;
    }
    workspace.log.warn(
      { err: error, dataDir: workspace.dataDir },
      'built-in playbooks not updated: the database is locked; the next open retries',
    );
  }
}

/** The person acting: the local identity, or a name given for one command. */
export function currentActor(workspace: Workspace, as?: string): Actor {
  const identity = workspace.settings.identity();
  if (as && as.trim() !== '' && as.trim() !== identity.name) {
    return { name: as.trim() };
  }
  return identity;
}

export function nowIso(workspace: Workspace): string {
  return workspace.clock().toISOString();
}
