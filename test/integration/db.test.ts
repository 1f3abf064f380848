import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { initial } from '../../src-main/db/migrations/001-initial.ts';
import { notifications } from '../../src-main/db/migrations/002-notifications.ts';
import { journeyRuns } from '../../src-main/db/migrations/003-journey-runs.ts';
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations/index.ts';
import { immediate, openDatabase } from '../../src-main/db/open.ts';
import { EmbarkError } from '../../src-shared/errors.ts';

const TABLES = [
  'clients',
  'documents',
  'events',
  'journey_runs',
  'journeys',
  'notifications',
  'outbox',
  'playbooks',
  'scheduler_lease',
  'settings',
  'timers',
];

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embark-db-'));
  file = path.join(dir, 'embark.db');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function tableNames(db: Database.Database): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    )
    .pluck()
    .all() as string[];
}

function openError(target: string, busyTimeoutMs?: number): EmbarkError {
  try {
    openDatabase(target, { busyTimeoutMs }).close();
  } catch (error) {
    expect(error).toBeInstanceOf(EmbarkError);
    return error as EmbarkError;
  }
  throw new Error(`openDatabase(${target}) succeeded but should fail`);
}

function sidecars(target: string): string[] {
  return ['-wal', '-shm'].filter((suffix) => fs.existsSync(target + suffix));
}

describe('openDatabase on a new file', () => {
  it('creates the folder, every table and user_version', () => {
    const nested = path.join(dir, 'data', 'embark.db');
    const db = openDatabase(nested);
    expect(tableNames(db)).toEqual(TABLES);
    expect(db.pragma('user_version', { simple: true })).toBe(
      LATEST_SCHEMA_VERSION,
    );
    expect(LATEST_SCHEMA_VERSION).toBe(5);
    db.close();
  });

  it('sets WAL, foreign keys and synchronous FULL', () => {
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(file);
    const insert = db.prepare(
      'INSERT INTO timers (id, journey_id, run_id, kind, fire_at) ' +
        "VALUES ('t1', 'missing', 'r1', 'wait', '2030-01-01T00:00:00Z')",
    );
    expect(() => insert.run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('takes the busy timeout from the environment', () => {
    process.env.EMBARK_BUSY_TIMEOUT_MS = '1234';
    try {
      const db = openDatabase(file);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      db.close();
    } finally {
      delete process.env.EMBARK_BUSY_TIMEOUT_MS;
    }
  });

  it('rejects an invalid busy timeout without creating the file', () => {
    process.env.EMBARK_BUSY_TIMEOUT_MS = 'soon';
    try {
      const error = openError(file);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('EMBARK_BUSY_TIMEOUT_MS');
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      delete process.env.EMBARK_BUSY_TIMEOUT_MS;
    }
  });

  it('rejects a read-only open of a missing file', () => {
    expect(() => openDatabase(file, { readonly: true })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('migrations', () => {
  it('migrates a zero-byte file', () => {
    fs.writeFileSync(file, '');
    const db = openDatabase(file);
    expect(tableNames(db)).toEqual(TABLES);
    expect(db.pragma('user_version', { simple: true })).toBe(
      LATEST_SCHEMA_VERSION,
    );
    db.close();
  });

  it('migrates an empty SQLite database', () => {
    const empty = new Database(file);
    empty.pragma('page_size = 4096');
    empty.exec('VACUUM');
    empty.close();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const db = openDatabase(file);
    expect(tableNames(db)).toEqual(TABLES);
    expect(db.pragma('user_version', { simple: true })).toBe(
      LATEST_SCHEMA_VERSION,
    );
    db.close();
  });

  it('reopens without migrating again or losing rows', () => {
    const first = openDatabase(file);
    first
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
      .run('user', '{"name":"Ada"}');
    first.close();
    const second = openDatabase(file);
    expect(second.pragma('user_version', { simple: true })).toBe(
      LATEST_SCHEMA_VERSION,
    );
    const value = second
      .prepare('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get('user');
    expect(value).toBe('{"name":"Ada"}');
    second.close();
  });

  it('finds pending timers by run', () => {
    const db = openDatabase(file);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN
         DELETE FROM timers WHERE run_id = ? AND fired_at IS NULL`,
      )
      .all('run-1') as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain(
      'USING INDEX timers_run (run_id=?)',
    );
    db.close();
  });

  it('runs immediate transactions and rolls back on error', () => {
    const db = openDatabase(file);
    const insert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?)',
    );
    expect(immediate(db, () => insert.run('a', '1').changes)).toBe(1);
    expect(() =>
      immediate(db, () => {
        insert.run('b', '2');
        throw new Error('stop');
      }),
    ).toThrow('stop');
    const keys = db.prepare('SELECT key FROM settings').pluck().all();
    expect(keys).toEqual(['a']);
    db.close();
  });
});

/**
 * Writes a version-3 database with outbox entries at rowids 5 and 9. Its one
 * notification points to the entry named `outboxId`.
 */
function writeVersion3(outboxId: string): void {
  const old = new Database(file);
  old.pragma('journal_mode = WAL');
  initial.up(old);
  notifications.up(old);
  journeyRuns.up(old);
  old.pragma('user_version = 3');
  // Lets the broken case store a reference to a missing entry.
  old.pragma('foreign_keys = OFF');
  const entry = old.prepare(
    `INSERT INTO outbox (rowid, id, journey_id, type, payload,
       idempotency_key, created_at, attempts, done_at)
     VALUES (?, ?, NULL, 'notify', '{}', ?, '2026-01-02T03:04:05.000Z', ?, ?)`,
  );
  entry.run(5, 'entry-a', ':entry-a', 1, '2026-01-02T03:05:00.000Z');
  entry.run(9, 'entry-b', ':entry-b', 0, null);
  old
    .prepare(
      `INSERT INTO notifications (id, outbox_id, topic, message, created_at)
       VALUES ('note-1', ?, 'step.ready', 'Ready', '2026-01-02T03:05:00.000Z')`,
    )
    .run(outboxId);
  old.close();
}

function outboxRows(db: Database.Database): unknown[] {
  return db.prepare('SELECT rowid, * FROM outbox ORDER BY rowid').all();
}

function outboxIndexes(db: Database.Database): unknown[] {
  return db
    .prepare('SELECT name, "unique" FROM pragma_index_list(\'outbox\')')
    .all();
}

describe('openDatabase on a version-3 database', () => {
  it('rebuilds outbox keeping rows and references', () => {
    writeVersion3('entry-a');
    const before = new Database(file, { readonly: true });
    const rows = outboxRows(before);
    expect(outboxIndexes(before)).toHaveLength(2);
    before.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(
      LATEST_SCHEMA_VERSION,
    );
    expect(outboxRows(db)).toEqual(rows);
    // Only the primary key's index is left.
    expect(outboxIndexes(db)).toEqual([
      { name: 'sqlite_autoindex_outbox_1', unique: 1 },
    ]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db
        .prepare(
          `INSERT INTO notifications (id, outbox_id, topic, message,
             created_at) VALUES ('note-2', 'missing', 't', 'm', 'now')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("DELETE FROM outbox WHERE id = 'entry-a'").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('rejects a broken reference unchanged', () => {
    writeVersion3('entry-gone');
    const error = openError(file);
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toContain('Restore a backup');
    expect(JSON.stringify(error.details)).toContain(
      'notifications (rowid 1) pointing into outbox',
    );
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(3);
    expect(outboxIndexes(after)).toHaveLength(2);
    expect(outboxRows(after)).toHaveLength(2);
    after.close();
  });
});

describe('openDatabase on a bad file', () => {
  it('rejects a newer schema version unchanged', () => {
    const newer = new Database(file);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma('user_version = 7');
    newer.close();
    const before = fs.readFileSync(file);
    const error = openError(file);
    expect(error.code).toBe('DB_TOO_NEW');
    expect(error.message).toContain('schema version 7');
    expect(error.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.message).toContain('Update Embark');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(sidecars(file)).toEqual([]);
  });

  it('rejects a garbage file without touching it', () => {
    const garbage = Buffer.alloc(8192);
    for (let i = 0; i < garbage.length; i += 1) garbage[i] = (i * 31) % 251;
    fs.writeFileSync(file, garbage);
    const error = openError(file);
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.message).toContain('embark restore FILE');
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
    expect(sidecars(file)).toEqual([]);
  });

  it('rejects a truncated database without touching it', () => {
    const db = openDatabase(file);
    const insert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?)',
    );
    for (let i = 0; i < 2000; i += 1) {
      insert.run(`key-${i}`, JSON.stringify('x'.repeat(200)));
    }
    db.close();
    const whole = fs.readFileSync(file);
    const truncated = whole.subarray(0, Math.floor(whole.length / 2));
    fs.writeFileSync(file, truncated);
    const error = openError(file);
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toContain('may be damaged');
    expect(fs.readFileSync(file).equals(truncated)).toBe(true);
    expect(sidecars(file)).toEqual([]);
  });

  it('rejects another application database unchanged', () => {
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    foreign.close();
    const before = fs.readFileSync(file);
    const error = openError(file);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('another application');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('openDatabase while another process holds a lock', () => {
  const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  let child: ChildProcess | undefined;

  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  /** Starts a process that holds `BEGIN EXCLUSIVE` on `target`. */
  async function holdLock(target: string, journalMode: string): Promise<void> {
    const script = `
      const Database = require(${JSON.stringify(betterSqlite)});
      const db = new Database(${JSON.stringify(target)});
      db.pragma('journal_mode = ${journalMode}');
      db.exec('BEGIN EXCLUSIVE');
      process.stdout.write('ready\\n');
      setInterval(() => {}, 1000);
    `;
    const started = spawn(process.execPath, ['-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let errors = '';
      started.stderr?.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
      });
      started.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      started.on('exit', (code) => {
        reject(new Error(`lock holder exited with ${code}: ${errors}`));
      });
    });
  }

  it('rejects a database locked in rollback mode', async () => {
    openDatabase(file).close();
    await holdLock(file, 'DELETE');
    const error = openError(file, 200);
    expect(error.code).toBe('DB_LOCKED');
    expect(error.message).toBe(
      `The database at ${file} is locked by another process. Close the ` +
        'other Embark window or command and try again.',
    );
  });

  it('rejects a migration blocked by a writer', async () => {
    await holdLock(file, 'WAL');
    const error = openError(file, 200);
    expect(error.code).toBe('DB_LOCKED');
    expect(error.message).toContain('locked by another process');
    child?.kill('SIGKILL');
    child = undefined;
    const probe = new Database(file, { readonly: true });
    expect(probe.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(probe)).toEqual([]);
    probe.close();
  });
});
