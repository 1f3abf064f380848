import type Database from 'better-sqlite3';

/**
 * One schema step. `up` runs inside a `BEGIN IMMEDIATE` transaction that
 * also sets `user_version` to `version`, so a step applies whole or not at
 * all.
 */
export interface Migration {
  version: number;
  /**
   * Set when `up` drops and recreates a table that other tables reference.
   * SQLite then needs foreign key enforcement off for the step, so the
   * runner turns it off around the transaction and checks every reference
   * before it commits.
   */
  rebuildsTables?: boolean;
  up(db: Database.Database): void;
}
