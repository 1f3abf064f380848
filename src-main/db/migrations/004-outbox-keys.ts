import type { Migration } from './types.ts';

/**
 * Rebuilds the outbox without the unique index on `idempotency_key`. The
 * key is the journey id joined to the entry id, which is already the
 * primary key, so the second index only added a page to every step's
 * commit. Rows keep their rowids, because the outbox runner reads entries
 * in rowid order.
 */
export const outboxKeys: Migration = {
  version: 4,
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE outbox_next (
        id TEXT PRIMARY KEY,
        journey_id TEXT REFERENCES journeys(id),
        type TEXT NOT NULL,
        payload TEXT NOT NULL, -- JSON
        idempotency_key TEXT NOT NULL, -- journey id and entry id
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        done_at TEXT,
        last_error TEXT
      );
      INSERT INTO outbox_next (rowid, id, journey_id, type, payload,
          idempotency_key, created_at, attempts, next_attempt_at, done_at,
          last_error)
        SELECT rowid, id, journey_id, type, payload, idempotency_key,
          created_at, attempts, next_attempt_at, done_at, last_error
        FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_next RENAME TO outbox;
    `);
  },
};
