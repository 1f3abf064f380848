import type { Migration } from './types.ts';

/** Creates the first schema: workspace settings, playbooks, journeys. */
export const initial: Migration = {
  version: 1,
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL -- JSON
      );

      CREATE TABLE playbooks (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        segment TEXT,
        definition TEXT NOT NULL, -- JSON
        builtin INTEGER NOT NULL DEFAULT 0,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );

      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        contacts TEXT NOT NULL DEFAULT '[]', -- JSON
        attributes TEXT NOT NULL DEFAULT '{}', -- JSON
        owner TEXT,
        notes TEXT NOT NULL DEFAULT '',
        segment TEXT NOT NULL,
        risk_tier TEXT NOT NULL,
        segment_override TEXT, -- JSON
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE journeys (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients(id),
        playbook_id TEXT NOT NULL,
        playbook_version INTEGER NOT NULL,
        segment TEXT NOT NULL,
        risk_tier TEXT NOT NULL,
        status TEXT NOT NULL,
        stage TEXT NOT NULL,
        progress INTEGER NOT NULL,
        next_step TEXT,
        next_due_at TEXT,
        has_incident INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL, -- JSON
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        FOREIGN KEY (playbook_id, playbook_version)
          REFERENCES playbooks(id, version)
      );
      -- Covers the board's counts and filters, so they never read a row.
      CREATE INDEX journeys_board
        ON journeys(segment, stage, status, risk_tier, has_incident);
      CREATE INDEX journeys_recent ON journeys(updated_at);
      CREATE INDEX journeys_client ON journeys(client_id);
      CREATE INDEX clients_archived ON clients(archived_at)
        WHERE archived_at IS NOT NULL;

      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        journey_id TEXT REFERENCES journeys(id),
        client_id TEXT REFERENCES clients(id),
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        step_key TEXT,
        data TEXT -- JSON
      );
      CREATE INDEX events_journey ON events(journey_id, seq);

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        journey_id TEXT REFERENCES journeys(id),
        type TEXT NOT NULL,
        payload TEXT NOT NULL, -- JSON
        idempotency_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        done_at TEXT,
        last_error TEXT
      );

      CREATE TABLE timers (
        id TEXT PRIMARY KEY,
        journey_id TEXT NOT NULL REFERENCES journeys(id),
        run_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        fire_at TEXT NOT NULL,
        fired_at TEXT
      );
      CREATE INDEX timers_due ON timers(fired_at, fire_at);

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        journey_id TEXT REFERENCES journeys(id),
        step_key TEXT,
        slot TEXT,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        hash TEXT NOT NULL, -- sha256 hex of the content
        version INTEGER NOT NULL,
        info TEXT, -- JSON
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL
      );
      CREATE INDEX documents_slot
        ON documents(journey_id, step_key, slot, version);

      CREATE TABLE scheduler_lease (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        owner TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `);
  },
};
