import type Database from 'better-sqlite3';

import { getLogger } from '../log.ts';
import {
  LATEST_SCHEMA_VERSION,
  migrations,
  type Migration,
} from './migrations/index.ts';
import { corruptError } from './sqlite-errors.ts';

const log = getLogger('db');

/** Reads the schema version that the last applied migration stored. */
export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

type ForeignKeyViolation = { table: string; rowid: number; parent: string };

/**
 * Applies every migration newer than the database's `user_version`, each in
 * its own `BEGIN IMMEDIATE` transaction. The version is first read without
 * a lock, so opening a current database does not wait for another
 * process's write transaction. It is read again inside each transaction, so two
 * processes opening the same file at once apply each step once.
 */
export function runMigrations(db: Database.Database): number {
  if (readUserVersion(db) >= LATEST_SCHEMA_VERSION) return 0;
  let applied = 0;
  for (const migration of migrations) {
    if (readUserVersion(db) >= migration.version) continue;
    if (applyMigration(db, migration)) {
      applied += 1;
      log.info({ version: migration.version }, 'migration applied');
    }
  }
  return applied;
}

function applyMigration(db: Database.Database, migration: Migration): boolean {
  const rebuild = migration.rebuildsTables === true;
  // The pragma has no effect inside a transaction, so it is set around it.
  if (rebuild) db.pragma('foreign_keys = OFF');
  try {
    return db
      .transaction(() => {
        if (readUserVersion(db) >= migration.version) return false;
        migration.up(db);
        if (rebuild) checkForeignKeys(db, migration.version);
        db.pragma(`user_version = ${migration.version}`);
        return true;
      })
      .immediate();
  } finally {
    if (rebuild) db.pragma('foreign_keys = ON');
  }
}

/** Throws when a row refers to a missing row, so the step rolls back. */
function checkForeignKeys(db: Database.Database, version: number): void {
  const violations = db.pragma('foreign_key_check') as ForeignKeyViolation[];
  const first = violations[0];
  if (!first) return;
  throw corruptError(db.name, {
    message:
      `before schema version ${version}: ${violations.length} row(s) ` +
      `refer to missing rows, the first in ` +
      `${first.table} (rowid ${first.rowid}) pointing into ${first.parent}`,
  });
}
