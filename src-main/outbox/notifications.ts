/** The notification center: `notify` effects delivered to the local user. */
import { z } from 'zod';
import { EmbarkError } from '../../src-shared/errors.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { nowIso } from '../workspace/workspace.ts';
import type { OutboxEntry } from './runner.ts';

const notifyPayloadSchema = z.object({
  type: z.literal('notify'),
  topic: z.string().min(1),
  message: z.string().min(1),
  role: z.string().optional(),
});

export type Notification = {
  id: string;
  outboxId: string;
  journeyId: string | null;
  topic: string;
  message: string;
  role: string | null;
  createdAt: string;
  readAt: string | null;
};

type NotificationRow = {
  id: string;
  outbox_id: string;
  journey_id: string | null;
  topic: string;
  message: string;
  role: string | null;
  created_at: string;
  read_at: string | null;
};

function fromRow(row: NotificationRow): Notification {
  return {
    id: row.id,
    outboxId: row.outbox_id,
    journeyId: row.journey_id,
    topic: row.topic,
    message: row.message,
    role: row.role,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/**
 * Inserts the notification of one `notify` outbox entry. A second delivery
 * of the same entry changes nothing, because `outbox_id` is UNIQUE.
 * Throws when the payload is not a notify effect, so the runner records it.
 */
export function deliverNotification(ws: Workspace, entry: OutboxEntry): void {
  const parsed = notifyPayloadSchema.safeParse(entry.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid notify payload at ${issue?.path.join('.') || '(root)'}: ` +
        `${issue?.message ?? 'unknown problem'}`,
    );
  }
  const { topic, message, role } = parsed.data;
  ws.db
    .prepare(
      `INSERT INTO notifications
         (id, outbox_id, journey_id, topic, message, role, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(outbox_id) DO NOTHING`,
    )
    .run(
      ws.newId(),
      entry.id,
      entry.journeyId,
      topic,
      message,
      role ?? null,
      entry.createdAt,
    );
}

/** Lists notifications, newest first; read ones only with `all`. */
export function listNotifications(
  ws: Workspace,
  options: { all?: boolean } = {},
): Notification[] {
  const rows = ws.db
    .prepare(
      `SELECT * FROM notifications
        WHERE ? OR read_at IS NULL
        ORDER BY created_at DESC, rowid DESC`,
    )
    .all(options.all ? 1 : 0) as NotificationRow[];
  return rows.map(fromRow);
}

/** Marks one notification read; one already read keeps its first read time. */
export function markNotificationRead(ws: Workspace, id: string): Notification {
  ws.db
    .prepare(
      'UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL',
    )
    .run(nowIso(ws), id);
  const row = ws.db
    .prepare('SELECT * FROM notifications WHERE id = ?')
    .get(id) as NotificationRow | undefined;
  if (!row) {
    throw new EmbarkError(
      'NOT_FOUND',
      `Notification ${id} not found; run "embark notifications --all" ` +
        'to see the notifications.',
      { notificationId: id },
    );
  }
  return fromRow(row);
}

/** Marks every unread notification read and returns how many changed. */
export function markAllNotificationsRead(ws: Workspace): number {
  return ws.db
    .prepare('UPDATE notifications SET read_at = ? WHERE read_at IS NULL')
    .run(nowIso(ws)).changes;
}
