import type Database from 'better-sqlite3';

/**
 * One schema step. `up` runs inside a `BEGIN IMMEDIATE` transaction that
 * also sets `user_version` to `version`, so a step applies whole or not at
 * all.
 */
export interface Migration {
  version: number;
  up(db: Database.Database): void;
}
