import type Database from 'better-sqlite3';

import { getLogger } from '../log.ts';
import { migrations } from './migrations/index.ts';

const log = getLogger('db');

/** Reads the schema version that the last applied migration stored. */
export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database's `user_version`, each in
 * its own `BEGIN IMMEDIATE` transaction. The version is read again inside
 * the transaction, so two processes opening the same file at once apply
 * each step once.
 */
export function runMigrations(db: Database.Database): number {
  let applied = 0;
  for (const migration of migrations) {
    const ran = db
      .transaction(() => {
        if (readUserVersion(db) >= migration.version) return false;
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
        return true;
      })
      .immediate();
    if (ran) {
      applied += 1;
      log.info({ version: migration.version }, 'migration applied');
    }
  }
  return applied;
}
