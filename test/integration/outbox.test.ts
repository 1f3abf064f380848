import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addClient } from '../../src-main/clients/service.ts';
import { initial } from '../../src-main/db/migrations/001-initial.ts';
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations/index.ts';
import { openDatabase } from '../../src-main/db/open.ts';
import { closeLogger } from '../../src-main/log.ts';
import {
  defaultOutboxHandlers,
  runOutbox,
  type OutboxEntry,
} from '../../src-main/outbox/runner.ts';
import {
  openWorkspace,
  type Workspace,
} from '../../src-main/workspace/workspace.ts';
import { embark, embarkJson, expectFailure, tempDir } from '../helpers/cli.ts';

type OutboxRow = {
  id: string;
  journey_id: string | null;
  type: string;
  attempts: number;
  next_attempt_at: string | null;
  done_at: string | null;
  last_error: string | null;
};

type NotificationJson = {
  id: string;
  outboxId: string;
  journeyId: string | null;
  topic: string;
  message: string;
  role: string | null;
  createdAt: string;
  readAt: string | null;
};

const start = new Date('2025-03-03T09:00:00.000Z');
let now: Date;
let data: { dir: string; remove: () => void };
let ws: Workspace | undefined;

beforeEach(() => {
  data = tempDir();
  now = new Date(start);
});
afterEach(() => {
  ws?.close();
  ws = undefined;
  data.remove();
});

function open(options: { log?: boolean } = {}): Workspace {
  ws = openWorkspace(data.dir, {
    clock: () => new Date(now),
    log: options.log ?? false,
  });
  return ws;
}

function advance(ms: number): void {
  now = new Date(now.getTime() + ms);
}

/** Starts an SMB journey through the client service; returns its id. */
function startJourney(workspace: Workspace): string {
  const added = addClient(
    workspace,
    { name: 'Lakeside Dental', attributes: { employees: 9, risk: 'low' } },
    {},
    { name: 'Test Coordinator' },
  );
  return added.journeyId!;
}

function outboxRows(workspace: Workspace): OutboxRow[] {
  return workspace.db
    .prepare('SELECT * FROM outbox ORDER BY created_at, rowid')
    .all() as OutboxRow[];
}

function notificationCount(workspace: Workspace): number {
  return workspace.db
    .prepare('SELECT count(*) FROM notifications')
    .pluck()
    .get() as number;
}

function insertOutboxRow(
  workspace: Workspace,
  id: string,
  payload: string,
): void {
  workspace.db
    .prepare(
      `INSERT INTO outbox (id, type, payload, idempotency_key, created_at)
       VALUES (?, 'notify', ?, ?, ?)`,
    )
    .run(id, payload, `test:${id}`, now.toISOString());
}

function failing(message: string) {
  return {
    notify: (_entry: OutboxEntry) => {
      throw new Error(message);
    },
  };
}

describe('outbox runner', () => {
  test('first ready step yields one notification', async () => {
    const workspace = open();
    const journeyId = startJourney(workspace);
    const pending = outboxRows(workspace);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.done_at).toBeNull();

    const result = await runOutbox(workspace, defaultOutboxHandlers(workspace));
    expect(result).toEqual({ done: 1, failed: 0, retried: 0 });
    const rows = workspace.db
      .prepare('SELECT * FROM notifications')
      .all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.journey_id).toBe(journeyId);
    expect(rows[0]!.outbox_id).toBe(pending[0]!.id);
    expect(rows[0]!.topic).toBe('step.ready');
    expect(rows[0]!.message).toContain('Intake form');
    expect(rows[0]!.role).toBe('client');
    expect(rows[0]!.read_at).toBeNull();
    expect(outboxRows(workspace)[0]!.done_at).toBe(start.toISOString());
  });

  test('running twice delivers once', async () => {
    const workspace = open();
    startJourney(workspace);
    const handlers = defaultOutboxHandlers(workspace);
    expect((await runOutbox(workspace, handlers)).done).toBe(1);
    advance(3_600_000);
    expect(await runOutbox(workspace, handlers)).toEqual({
      done: 0,
      failed: 0,
      retried: 0,
    });
    expect(notificationCount(workspace)).toBe(1);
  });

  test('redelivery after a crash is a no-op', async () => {
    const workspace = open();
    startJourney(workspace);
    const { notify } = defaultOutboxHandlers(workspace);
    // Delivered, but the process fails before marking the entry done.
    const crashing = {
      notify: async (entry: OutboxEntry) => {
        await notify!(entry);
        throw new Error('process stopped');
      },
    };
    expect((await runOutbox(workspace, crashing)).retried).toBe(1);
    expect(notificationCount(workspace)).toBe(1);
    advance(30_000);
    expect(
      (await runOutbox(workspace, defaultOutboxHandlers(workspace))).done,
    ).toBe(1);
    expect(notificationCount(workspace)).toBe(1);
    expect(outboxRows(workspace)[0]!.done_at).not.toBeNull();
  });

  test('entry finished by another process is not counted', async () => {
    const workspace = open();
    startJourney(workspace);
    const other = new Database(path.join(data.dir, 'embark.db'));
    try {
      const result = await runOutbox(workspace, {
        notify: (entry) => {
          other
            .prepare('UPDATE outbox SET done_at = ? WHERE id = ?')
            .run('2025-01-01T00:00:00.000Z', entry.id);
        },
      });
      expect(result).toEqual({ done: 0, failed: 0, retried: 0 });
    } finally {
      other.close();
    }
    expect(outboxRows(workspace)[0]!.done_at).toBe('2025-01-01T00:00:00.000Z');
  });

  test('failing handler is retried with backoff', async () => {
    const workspace = open();
    startJourney(workspace);
    const handlers = failing('mail server unreachable');
    const options = { maxAttempts: 3 };

    expect(await runOutbox(workspace, handlers, options)).toEqual({
      done: 0,
      failed: 0,
      retried: 1,
    });
    let [row] = outboxRows(workspace);
    expect(row!.attempts).toBe(1);
    expect(row!.last_error).toBe('mail server unreachable');
    expect(row!.next_attempt_at).toBe(
      new Date(start.getTime() + 30_000).toISOString(),
    );

    // Not due yet: the entry is not taken again.
    advance(29_999);
    expect((await runOutbox(workspace, handlers, options)).retried).toBe(0);
    expect(outboxRows(workspace)[0]!.attempts).toBe(1);

    advance(1);
    expect((await runOutbox(workspace, handlers, options)).retried).toBe(1);
    [row] = outboxRows(workspace);
    expect(row!.attempts).toBe(2);
    expect(row!.next_attempt_at).toBe(
      new Date(now.getTime() + 60_000).toISOString(),
    );

    advance(60_000);
    expect(await runOutbox(workspace, handlers, options)).toEqual({
      done: 0,
      failed: 1,
      retried: 0,
    });
    [row] = outboxRows(workspace);
    expect(row!.attempts).toBe(3);
    expect(row!.done_at).toBeNull();
    expect(row!.next_attempt_at).toBeNull();
    expect(row!.last_error).toBe('mail server unreachable');

    // Given up: neither a later run nor a working handler takes it again.
    advance(24 * 3_600_000);
    expect(
      await runOutbox(workspace, defaultOutboxHandlers(workspace), options),
    ).toEqual({ done: 0, failed: 0, retried: 0 });
    expect(notificationCount(workspace)).toBe(0);
  });

  test('backoff doubles up to one hour', async () => {
    const workspace = open();
    startJourney(workspace);
    const handlers = failing('webhook returned 503');
    const expectedSeconds = [30, 60, 120, 240, 480, 960, 1920, 3600, 3600];
    const delays: number[] = [];
    for (const _ of expectedSeconds) {
      const result = await runOutbox(workspace, handlers, { maxAttempts: 20 });
      expect(result.retried).toBe(1);
      const next = new Date(outboxRows(workspace)[0]!.next_attempt_at!);
      delays.push((next.getTime() - now.getTime()) / 1000);
      now = next;
    }
    expect(delays).toEqual(expectedSeconds);
    expect(outboxRows(workspace)[0]!.attempts).toBe(9);
  });

  test('default limit of attempts is eight', async () => {
    const workspace = open();
    startJourney(workspace);
    const handlers = failing('still down');
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const result = await runOutbox(workspace, handlers);
      expect(result.failed + result.retried).toBe(1);
      expect(result.failed).toBe(attempt === 8 ? 1 : 0);
      advance(3_600_000);
    }
    expect(await runOutbox(workspace, handlers)).toEqual({
      done: 0,
      failed: 0,
      retried: 0,
    });
    expect(outboxRows(workspace)[0]!.attempts).toBe(8);
  });

  test('entry without a handler stays pending', async () => {
    const workspace = open();
    startJourney(workspace);
    expect(await runOutbox(workspace, {})).toEqual({
      done: 0,
      failed: 0,
      retried: 0,
    });
    const [row] = outboxRows(workspace);
    expect(row!.attempts).toBe(0);
    expect(row!.done_at).toBeNull();
    expect(row!.last_error).toBeNull();
    expect(
      (await runOutbox(workspace, defaultOutboxHandlers(workspace))).done,
    ).toBe(1);
  });

  test('entries are delivered in created order', async () => {
    const workspace = open();
    startJourney(workspace);
    advance(1000);
    startJourney(workspace);
    const seen: string[] = [];
    await runOutbox(workspace, {
      notify: (entry) => {
        seen.push(entry.createdAt);
      },
    });
    expect(seen).toEqual([
      start.toISOString(),
      new Date(start.getTime() + 1000).toISOString(),
    ]);
  });

  test('limit caps the entries taken in one run', async () => {
    const workspace = open();
    startJourney(workspace);
    startJourney(workspace);
    startJourney(workspace);
    const handlers = defaultOutboxHandlers(workspace);
    expect((await runOutbox(workspace, handlers, { limit: 2 })).done).toBe(2);
    expect((await runOutbox(workspace, handlers, { limit: 2 })).done).toBe(1);
    expect(notificationCount(workspace)).toBe(3);
  });

  test('invalid payloads are recorded as errors', async () => {
    const workspace = open();
    insertOutboxRow(workspace, 'no-topic', '{"type":"notify","message":"x"}');
    insertOutboxRow(workspace, 'not-json', '{"type":');
    const result = await runOutbox(workspace, defaultOutboxHandlers(workspace));
    expect(result).toEqual({ done: 0, failed: 0, retried: 2 });
    const errors = Object.fromEntries(
      outboxRows(workspace).map((row) => [row.id, row.last_error]),
    );
    expect(errors['no-topic']).toContain('Invalid notify payload at topic');
    expect(errors['not-json']).toContain('JSON');
    expect(notificationCount(workspace)).toBe(0);
  });

  test('failure log names the entry but not the payload', async () => {
    const workspace = open({ log: true });
    const journeyId = startJourney(workspace);
    try {
      await runOutbox(workspace, failing('smtp refused'));
    } finally {
      closeLogger();
    }
    const [row] = outboxRows(workspace);
    const lines = readFileSync(
      path.join(data.dir, 'logs', 'embark.log'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const warning = lines.find((line) => line.outboxId === row!.id);
    expect(warning).toBeDefined();
    expect(warning!.ns).toBe('outbox');
    expect(warning!.journeyId).toBe(journeyId);
    expect(warning!.attempt).toBe(1);
    expect(warning!.error).toBe('smtp refused');
    expect(JSON.stringify(lines)).not.toContain('Intake form');
  });
});

describe('notifications migration', () => {
  test('empty database gets the notifications table', () => {
    const db = openDatabase(path.join(data.dir, 'embark.db'));
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(
        LATEST_SCHEMA_VERSION,
      );
      const columns = db
        .prepare("SELECT name FROM pragma_table_info('notifications')")
        .pluck()
        .all();
      expect(columns).toEqual([
        'id',
        'outbox_id',
        'journey_id',
        'topic',
        'message',
        'role',
        'created_at',
        'read_at',
      ]);
    } finally {
      db.close();
    }
  });

  test('version-1 database is upgraded with its outbox', async () => {
    const file = path.join(data.dir, 'embark.db');
    const old = new Database(file);
    initial.up(old);
    old.pragma('user_version = 1');
    old
      .prepare(
        `INSERT INTO outbox (id, type, payload, idempotency_key, created_at)
         VALUES ('before-upgrade', 'notify', ?, 'old:1', ?)`,
      )
      .run(
        JSON.stringify({
          type: 'notify',
          topic: 'step.ready',
          message: 'Step "Kickoff" is ready.',
        }),
        start.toISOString(),
      );
    old.close();

    const workspace = open();
    expect(workspace.db.pragma('user_version', { simple: true })).toBe(
      LATEST_SCHEMA_VERSION,
    );
    const result = await runOutbox(workspace, defaultOutboxHandlers(workspace));
    expect(result.done).toBe(1);
    const row = workspace.db
      .prepare('SELECT outbox_id, message FROM notifications')
      .get();
    expect(row).toEqual({
      outbox_id: 'before-upgrade',
      message: 'Step "Kickoff" is ready.',
    });
  });

  test('duplicate outbox_id is rejected by the schema', () => {
    const workspace = open();
    insertOutboxRow(workspace, 'entry-1', '{}');
    const insert = workspace.db.prepare(
      `INSERT INTO notifications (id, outbox_id, topic, message, created_at)
       VALUES (?, 'entry-1', 'step.ready', 'Ready.', '2025-03-03')`,
    );
    insert.run('first');
    expect(() => insert.run('second')).toThrow(/UNIQUE/);
  });
});

describe('notifications through the CLI', () => {
  async function addSmbClient(): Promise<string> {
    const added = await embarkJson<{ journeyId: string }>(data.dir, [
      'client',
      'add',
      '--name',
      'Harbour Florist',
      '--attrs',
      '{"employees": 12, "risk": "medium"}',
    ]);
    return added.journeyId;
  }

  function unreadInDatabase(): number {
    const db = new Database(path.join(data.dir, 'embark.db'), {
      readonly: true,
    });
    try {
      return db
        .prepare('SELECT count(*) FROM notifications WHERE read_at IS NULL')
        .pluck()
        .get() as number;
    } finally {
      db.close();
    }
  }

  test('a command delivers its notifications', async () => {
    const journeyId = await addSmbClient();
    expect(unreadInDatabase()).toBe(1);
    const list = await embarkJson<NotificationJson[]>(data.dir, [
      'notifications',
    ]);
    expect(list).toHaveLength(1);
    expect(list[0]!.journeyId).toBe(journeyId);
    expect(list[0]!.topic).toBe('step.ready');
    expect(list[0]!.message).toContain('Intake form');
    expect(list[0]!.readAt).toBeNull();

    const text = await embark(data.dir, ['notifications']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('step.ready');
  });

  test('read one, then list unread and all', async () => {
    const journeyId = await addSmbClient();
    await embarkJson(data.dir, [
      'journey',
      'act',
      journeyId,
      'intake_form',
      '--action',
      'reassign',
      '--to',
      'Ana Silva',
    ]);
    const list = await embarkJson<NotificationJson[]>(data.dir, [
      'notifications',
    ]);
    expect(list.map((n) => n.topic).sort()).toEqual([
      'step.ready',
      'step.reassigned',
    ]);
    const target = list.find((n) => n.topic === 'step.ready')!;
    const marked = await embarkJson<NotificationJson>(data.dir, [
      'notifications',
      'read',
      target.id,
    ]);
    expect(marked.readAt).not.toBeNull();
    const unread = await embarkJson<NotificationJson[]>(data.dir, [
      'notifications',
    ]);
    expect(unread.map((n) => n.topic)).toEqual(['step.reassigned']);
    const all = await embarkJson<NotificationJson[]>(data.dir, [
      'notifications',
      '--all',
    ]);
    expect(all).toHaveLength(2);

    const cleared = await embarkJson<{ read: number }>(data.dir, [
      'notifications',
      'read',
      '--all',
    ]);
    expect(cleared.read).toBe(1);
    expect(unreadInDatabase()).toBe(0);
  });

  test('bad notifications arguments change nothing', async () => {
    await addSmbClient();
    await embarkJson(data.dir, ['notifications']);
    expect(unreadInDatabase()).toBe(1);
    expectFailure(
      await embark(data.dir, ['notifications', 'read']),
      'INVALID_INPUT',
      'Give one notification ID or --all',
    );
    expectFailure(
      await embark(data.dir, ['notifications', 'read', 'x', '--all']),
      'INVALID_INPUT',
      'Give one notification ID or --all',
    );
    expectFailure(
      await embark(data.dir, ['notifications', 'read', 'no-such-id']),
      'NOT_FOUND',
      'Notification no-such-id not found',
    );
    expectFailure(
      await embark(data.dir, ['notifications', 'purge']),
      'INVALID_INPUT',
      'Unknown notifications command "purge"',
    );
    expect(unreadInDatabase()).toBe(1);
  });

  test('delivery failure leaves the command output alone', async () => {
    const journeyId = await addSmbClient();
    const expected = await embark(data.dir, [
      '--json',
      'journey',
      'show',
      journeyId,
    ]);
    const db = new Database(path.join(data.dir, 'embark.db'));
    db.prepare(
      `INSERT INTO outbox (id, type, payload, idempotency_key, created_at)
       VALUES ('broken', 'notify', '{"type":"notify"}', 'test:broken', ?)`,
    ).run(new Date().toISOString());
    db.close();

    const result = await embark(data.dir, [
      '--json',
      'journey',
      'show',
      journeyId,
    ]);
    expect(result).toEqual(expected);
    const check = new Database(path.join(data.dir, 'embark.db'), {
      readonly: true,
    });
    const row = check
      .prepare("SELECT attempts, last_error FROM outbox WHERE id = 'broken'")
      .get() as { attempts: number; last_error: string };
    check.close();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('Invalid notify payload');
  });
});
