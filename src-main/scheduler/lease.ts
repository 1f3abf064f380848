/**
 * The scheduler lease: a single row that names the one process allowed to
 * fire timers on a data folder. Several processes (the app and CLI
 * commands) may open the same database, and each tries to take the lease.
 */
import type Database from 'better-sqlite3';

import { EmbarkError } from '../../src-shared/errors.ts';
import { immediate } from '../db/open.ts';
import { translateSqliteError } from '../db/sqlite-errors.ts';

interface LeaseRow {
  owner: string;
  expires_at: string;
}

/**
 * Takes or extends the lease for `owner` until `now + ttlMs`, when no one
 * holds it, it has expired, or `owner` already holds it. Returns whether
 * `owner` holds the lease afterwards. Runs in one `BEGIN IMMEDIATE`
 * transaction, so two processes never both get it.
 */
export function acquireSchedulerLease(
  db: Database.Database,
  owner: string,
  now: Date,
  ttlMs: number,
): boolean {
  checkArguments(owner, now, ttlMs);
  try {
    return immediate(db, () => {
      const row = db
        .prepare('SELECT owner, expires_at FROM scheduler_lease WHERE id = 1')
        .get() as LeaseRow | undefined;
      const free =
        row === undefined ||
        row.owner === owner ||
        Date.parse(row.expires_at) <= now.getTime();
      if (!free) return false;
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      db.prepare(
        'INSERT INTO scheduler_lease (id, owner, expires_at) ' +
          'VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET ' +
          'owner = excluded.owner, expires_at = excluded.expires_at',
      ).run(owner, expiresAt);
      return true;
    });
  } catch (error) {
    throw translateSqliteError(db.name, error);
  }
}

/**
 * Releases the lease if `owner` holds it, and returns whether it did. The
 * holder is read first, so a process that never took the lease does not
 * wait for another process's write lock.
 */
export function releaseSchedulerLease(
  db: Database.Database,
  owner: string,
): boolean {
  try {
    const holder = db
      .prepare('SELECT owner FROM scheduler_lease WHERE id = 1')
      .pluck()
      .get() as string | undefined;
    if (holder !== owner) return false;
    const result = db
      .prepare('DELETE FROM scheduler_lease WHERE id = 1 AND owner = ?')
      .run(owner);
    return result.changes > 0;
  } catch (error) {
    throw translateSqliteError(db.name, error);
  }
}

function checkArguments(owner: string, now: Date, ttlMs: number): void {
  if (owner.trim() === '') {
    throw new EmbarkError(
      'INVALID_INPUT',
      'The scheduler lease owner is empty. Pass a process identifier.',
      { owner },
    );
  }
  if (Number.isNaN(now.getTime())) {
    throw new EmbarkError(
      'INVALID_INPUT',
      'The scheduler lease time is an invalid date. Pass a valid Date.',
      { now: String(now) },
    );
  }
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Invalid scheduler lease duration ${ttlMs}: expected a whole number ` +
        'of milliseconds above 0.',
      { ttlMs },
    );
  }
}
