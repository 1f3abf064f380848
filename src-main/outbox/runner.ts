/**
 * Delivers the effects that journey commands wrote to the `outbox` table.
 * Delivery is at least once: a handler may run again for an entry that a
 * crash or another process interrupted, so handlers must be idempotent
 * (the `notify` handler relies on the UNIQUE `notifications.outbox_id`).
 */
import { getLogger } from '../log.ts';
import { statement } from '../db/statements.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { deliverNotification } from './notifications.ts';

const log = getLogger('outbox');

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_BATCH_LIMIT = 100;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;
const MAX_ERROR_LENGTH = 1000;

/** One pending effect, as a handler receives it. */
export type OutboxEntry = {
  id: string;
  journeyId: string | null;
  type: string;
  /** The effect as the engine produced it, parsed from JSON. */
  payload: unknown;
  idempotencyKey: string;
  createdAt: string;
  /** Failed deliveries before this one. */
  attempts: number;
};

export type OutboxHandler = (entry: OutboxEntry) => void | Promise<void>;

export type OutboxOptions = {
  /** Failed deliveries after which an entry is given up (default 8). */
  maxAttempts?: number;
  /** Entries taken in one run (default 100); the rest wait for the next. */
  limit?: number;
};

/**
 * Counts of one run: entries delivered, entries given up after their last
 * allowed attempt, and entries that failed and wait for a retry.
 */
export type OutboxRunResult = { done: number; failed: number; retried: number };

type OutboxRow = {
  id: string;
  journey_id: string | null;
  type: string;
  payload: string;
  idempotency_key: string;
  created_at: string;
  attempts: number;
};

/**
 * Delivers the pending outbox entries in the order they were written. Each
 * entry goes to the handler for its type and is then marked done in its own
 * transaction. A failure increments `attempts`, stores the error message and
 * schedules a retry with exponential backoff (30 s, 1 min, 2 min, ... capped
 * at 1 h). Entries whose type has no handler stay pending.
 */
export async function runOutbox(
  ws: Workspace,
  handlers: Record<string, OutboxHandler>,
  options: OutboxOptions = {},
): Promise<OutboxRunResult> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const limit = options.limit ?? DEFAULT_BATCH_LIMIT;
  const result: OutboxRunResult = { done: 0, failed: 0, retried: 0 };
  const unhandled = new Map<string, number>();
  for (const row of pendingEntries(ws, maxAttempts, limit)) {
    const handler = Object.hasOwn(handlers, row.type)
      ? handlers[row.type]
      : undefined;
    if (!handler) {
      unhandled.set(row.type, (unhandled.get(row.type) ?? 0) + 1);
      continue;
    }
    try {
      await handler(toEntry(row));
    } catch (error) {
      const gaveUp = recordFailure(ws, row, error, maxAttempts);
      if (gaveUp) result.failed += 1;
      else result.retried += 1;
      continue;
    }
    if (markDone(ws, row.id)) result.done += 1;
  }
  for (const [type, entries] of unhandled) {
    log.warn(
      { type, entries },
      'outbox entries left pending: no handler for the type',
    );
  }
  if (result.done + result.failed + result.retried > 0) {
    log.info(result, 'outbox run finished');
  }
  return result;
}

/**
 * Per connection and attempt limit, a rowid below which every entry is
 * delivered or out of attempts. Entries are appended in rowid order and
 * never deleted, so the scan for pending entries starts there instead of
 * at the oldest entry.
 */
const settledBelow = new WeakMap<Workspace['db'], Map<number, number>>();

function pendingEntries(
  ws: Workspace,
  maxAttempts: number,
  limit: number,
): OutboxRow[] {
  const from = firstUnsettled(ws, maxAttempts);
  // rowid breaks ties between the entries that one transaction wrote with
  // the same created_at, so they keep the order the engine produced them.
  return statement(
    ws.db,
    `SELECT id, journey_id, type, payload, idempotency_key, created_at,
            attempts
       FROM outbox
      WHERE rowid >= ?
        AND done_at IS NULL
        AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
        AND attempts < ?
      ORDER BY created_at, rowid
      LIMIT ?`,
  ).all(from, ws.clock().toISOString(), maxAttempts, limit) as OutboxRow[];
}

/** Moves this connection's mark up to the first entry still to deliver. */
function firstUnsettled(ws: Workspace, maxAttempts: number): number {
  let marks = settledBelow.get(ws.db);
  if (!marks) {
    marks = new Map();
    settledBelow.set(ws.db, marks);
  }
  const from = marks.get(maxAttempts) ?? 0;
  const first = statement(
    ws.db,
    `SELECT min(rowid) FROM outbox
      WHERE rowid >= ? AND done_at IS NULL AND attempts < ?`,
  )
    .pluck()
    .get(from, maxAttempts) as number | null;
  const next =
    first ??
    ((statement(ws.db, 'SELECT max(rowid) FROM outbox').pluck().get() as
      number | null) ?? 0) + 1;
  marks.set(maxAttempts, next);
  return next;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    journeyId: row.journey_id,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    attempts: row.attempts,
  };
}

/**
 * Claims the entry as done. Returns false when another process finished it
 * first, so that only one of them counts the delivery.
 */
function markDone(ws: Workspace, id: string): boolean {
  const claimed = ws.db
    .transaction(() =>
      ws.db
        .prepare(
          `UPDATE outbox SET done_at = ?, next_attempt_at = NULL
            WHERE id = ? AND done_at IS NULL`,
        )
        .run(ws.clock().toISOString(), id),
    )
    .immediate();
  return claimed.changes > 0;
}

/**
 * Stores a failed attempt and schedules the retry. Returns true when this
 * was the last allowed attempt, after which the entry is no longer taken.
 */
function recordFailure(
  ws: Workspace,
  row: OutboxRow,
  error: unknown,
  maxAttempts: number,
): boolean {
  const attempt = row.attempts + 1;
  const message = errorMessage(error);
  const gaveUp = attempt >= maxAttempts;
  const nextAttemptAt = gaveUp
    ? null
    : new Date(ws.clock().getTime() + retryDelayMs(attempt)).toISOString();
  ws.db
    .transaction(() =>
      ws.db
        .prepare(
          `UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ?
            WHERE id = ? AND done_at IS NULL`,
        )
        .run(attempt, message, nextAttemptAt, row.id),
    )
    .immediate();
  const fields = {
    outboxId: row.id,
    journeyId: row.journey_id,
    type: row.type,
    attempt,
    maxAttempts,
    error: message,
  };
  if (gaveUp) log.error(fields, 'outbox delivery failed; giving up');
  else log.warn({ ...fields, nextAttemptAt }, 'outbox delivery failed');
  return gaveUp;
}

/** Returns the wait before the retry that follows failed attempt `attempt`. */
export function retryDelayMs(attempt: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 20);
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS);
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

/** Returns the handlers the app and the CLI deliver with. */
export function defaultOutboxHandlers(
  ws: Workspace,
): Record<string, OutboxHandler> {
  return { notify: (entry) => deliverNotification(ws, entry) };
}
