import type { Migration } from './types.ts';

/**
 * Adds the notification center's table. Each row is the delivery of one
 * `notify` outbox entry, and the UNIQUE `outbox_id` turns a repeated
 * delivery of the same entry into a no-op.
 */
export const notifications: Migration = {
  version: 2,
  up(db) {
    db.exec(`
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        outbox_id TEXT NOT NULL UNIQUE REFERENCES outbox(id),
        journey_id TEXT,
        topic TEXT NOT NULL,
        message TEXT NOT NULL,
        role TEXT,
        created_at TEXT NOT NULL,
        read_at TEXT
      );
      CREATE INDEX notifications_unread ON notifications(read_at, created_at);
    `);
  },
};
