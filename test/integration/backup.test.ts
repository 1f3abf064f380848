import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { backupDatabase, restoreDatabase } from '../../src-main/db/backup.ts';
import { databasePath, openDatabase } from '../../src-main/db/open.ts';
import {
  DocumentStore,
  documentsPath,
  hashContent,
} from '../../src-main/documents/store.ts';
import { EmbarkError } from '../../src-shared/errors.ts';

const NOW = '2025-03-01T09:00:00.000Z';
const AGREEMENT = new TextEncoder().encode('%PDF-1.7 signed agreement');
const INVOICE = new TextEncoder().encode('invoice 42');

let dir: string;
let source: string;
let target: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embark-backup-'));
  source = path.join(dir, 'source');
  target = path.join(dir, 'target');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Fills a data folder with one journey and two document versions. */
function seed(dataDir: string): Database.Database {
  const db = openDatabase(databasePath(dataDir));
  const store = new DocumentStore(documentsPath(dataDir));
  db.prepare(
    'INSERT INTO playbooks (id, version, name, segment, definition, ' +
      "published_at, published_by) VALUES ('smb', 1, 'SMB', 'smb', '{}', ?, " +
      "'Ada')",
  ).run(NOW);
  db.prepare(
    'INSERT INTO clients (id, name, segment, risk_tier, created_at, ' +
      "updated_at) VALUES ('c1', 'Acme', 'smb', 'low', ?, ?)",
  ).run(NOW, NOW);
  db.prepare(
    'INSERT INTO journeys (id, client_id, playbook_id, playbook_version, ' +
      'segment, risk_tier, status, stage, progress, state, started_at, ' +
      "updated_at) VALUES ('j1', 'c1', 'smb', 1, 'smb', 'low', 'active', " +
      "'intake', 10, '{}', ?, ?)",
  ).run(NOW, NOW);
  const insertDocument = db.prepare(
    'INSERT INTO documents (id, journey_id, step_key, slot, name, mime, ' +
      'size, hash, version, uploaded_by, uploaded_at) VALUES ' +
      "(?, 'j1', 'upload', 'contract', ?, 'application/pdf', ?, ?, ?, " +
      "'Ada', ?)",
  );
  const versions = [AGREEMENT, INVOICE, AGREEMENT];
  versions.forEach((bytes, index) => {
    const hash = store.put(bytes);
    insertDocument.run(
      `d${index}`,
      `v${index}.pdf`,
      bytes.length,
      hash,
      index + 1,
      NOW,
    );
  });
  return db;
}

function dump(db: Database.Database, table: string): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
}

async function restoreError(file: string): Promise<EmbarkError> {
  const error = await restoreDatabase(target, file).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EmbarkError);
  return error as EmbarkError;
}

describe('backupDatabase and restoreDatabase', () => {
  it('round-trips rows and documents', async () => {
    const db = seed(source);
    const store = new DocumentStore(documentsPath(source));
    const file = path.join(dir, 'backups', 'embark-backup.db');
    const result = await backupDatabase(db, store, file);
    expect(result.file).toBe(file);
    expect(result.documents).toBe(2);
    expect(result.bytes).toBe(fs.statSync(file).size);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    const restored = await restoreDatabase(target, file);
    expect(restored.documents).toBe(2);
    const copy = openDatabase(databasePath(target));
    for (const table of ['playbooks', 'clients', 'journeys', 'documents']) {
      expect(dump(copy, table)).toEqual(dump(db, table));
    }
    const tables = copy
      .prepare("SELECT name FROM sqlite_master WHERE name = 'backup_blobs'")
      .all();
    expect(tables).toEqual([]);
    const targetStore = new DocumentStore(documentsPath(target));
    expect(targetStore.read(hashContent(AGREEMENT))).toEqual(
      Buffer.from(AGREEMENT),
    );
    expect(targetStore.read(hashContent(INVOICE))).toEqual(
      Buffer.from(INVOICE),
    );
    copy.close();
    db.close();
  });

  it('replaces an existing database', async () => {
    const db = seed(source);
    const file = path.join(dir, 'backup.db');
    await backupDatabase(db, new DocumentStore(documentsPath(source)), file);
    db.close();
    const old = openDatabase(databasePath(target));
    old.prepare("INSERT INTO settings VALUES ('stale', '1')").run();
    old.close();
    await restoreDatabase(target, file);
    const copy = openDatabase(databasePath(target));
    expect(dump(copy, 'settings')).toEqual([]);
    expect(dump(copy, 'journeys')).toHaveLength(1);
    copy.close();
  });

  it('refuses to overwrite an existing backup file', async () => {
    const db = seed(source);
    const file = path.join(dir, 'backup.db');
    fs.writeFileSync(file, 'keep me');
    const store = new DocumentStore(documentsPath(source));
    await expect(backupDatabase(db, store, file)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('already exists'),
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    const result = await backupDatabase(db, store, file, { overwrite: true });
    expect(result.documents).toBe(2);
    db.close();
  });

  it('leaves no file when a document is missing', async () => {
    const db = seed(source);
    const store = new DocumentStore(documentsPath(source));
    fs.rmSync(store.path(hashContent(INVOICE)));
    const file = path.join(dir, 'backup.db');
    await expect(backupDatabase(db, store, file)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      fs.readdirSync(dir).filter((name) => name.startsWith('backup')),
    ).toEqual([]);
    db.close();
  });
});

describe('restoreDatabase with an invalid file', () => {
  let before: Buffer;

  beforeEach(() => {
    openDatabase(databasePath(target)).close();
    before = fs.readFileSync(databasePath(target));
  });

  afterEach(() => {
    expect(fs.readFileSync(databasePath(target)).equals(before)).toBe(true);
    const store = new DocumentStore(documentsPath(target));
    expect(store.listHashes()).toEqual([]);
  });

  it('rejects a garbage file', async () => {
    const file = path.join(dir, 'garbage.db');
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    const error = await restoreError(file);
    expect(error.code).toBe('BACKUP_INVALID');
    expect(error.message).toContain('not a SQLite database');
  });

  it('rejects a missing file', async () => {
    const error = await restoreError(path.join(dir, 'absent.db'));
    expect(error.code).toBe('BACKUP_INVALID');
    expect(error.message).toContain('does not exist');
  });

  it('rejects a plain SQLite file', async () => {
    const file = path.join(dir, 'plain.db');
    const plain = new Database(file);
    plain.exec('CREATE TABLE notes (body TEXT)');
    plain.pragma('user_version = 1');
    plain.close();
    const error = await restoreError(file);
    expect(error.code).toBe('BACKUP_INVALID');
    expect(error.message).toContain('backup_blobs, journeys, documents');
  });

  it('rejects a database that is not a backup', async () => {
    const db = seed(source);
    db.close();
    const error = await restoreError(databasePath(source));
    expect(error.code).toBe('BACKUP_INVALID');
    expect(error.message).toContain('the backup_blobs table(s) are missing');
  });

  it('rejects a backup with a damaged document', async () => {
    const db = seed(source);
    const file = path.join(dir, 'backup.db');
    await backupDatabase(db, new DocumentStore(documentsPath(source)), file);
    db.close();
    const tamper = new Database(file);
    tamper
      .prepare('UPDATE backup_blobs SET content = ? WHERE hash = ?')
      .run(Buffer.from('changed'), hashContent(INVOICE));
    tamper.close();
    const error = await restoreError(file);
    expect(error.code).toBe('BACKUP_INVALID');
    expect(error.message).toContain(`document ${hashContent(INVOICE)}`);
  });

  it('rejects a backup missing a document', async () => {
    const db = seed(source);
    const file = path.join(dir, 'backup.db');
    await backupDatabase(db, new DocumentStore(documentsPath(source)), file);
    db.close();
    const tamper = new Database(file);
    tamper
      .prepare('DELETE FROM backup_blobs WHERE hash = ?')
      .run(hashContent(AGREEMENT));
    tamper.close();
    const error = await restoreError(file);
    expect(error.code).toBe('BACKUP_INVALID');
    expect(error.message).toContain('lacks the content of 1');
  });

  it('rejects a backup from a newer schema', async () => {
    const db = seed(source);
    const file = path.join(dir, 'backup.db');
    await backupDatabase(db, new DocumentStore(documentsPath(source)), file);
    db.close();
    const newer = new Database(file);
    newer.pragma('user_version = 9');
    newer.close();
    const error = await restoreError(file);
    expect(error.code).toBe('DB_TOO_NEW');
    expect(error.message).toContain('schema version 9');
  });
});
