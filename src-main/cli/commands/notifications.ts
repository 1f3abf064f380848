import { EmbarkError } from '../../../src-shared/errors.ts';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../outbox/notifications.ts';
import { defaultOutboxHandlers, runOutbox } from '../../outbox/runner.ts';
import { parseCommandArgs } from '../args.ts';
import type { CommandContext, CommandOutput } from '../context.ts';
import { table } from '../format.ts';

const usage = {
  list: 'embark notifications [--all]',
  read: 'embark notifications read (ID | --all)',
};

export async function notificationsCommand(
  ctx: CommandContext,
): Promise<CommandOutput> {
  const [verb, ...rest] = ctx.args;
  if (verb === 'read') return read(ctx, rest);
  return list(ctx, ctx.args);
}

async function list(
  ctx: CommandContext,
  args: string[],
): Promise<CommandOutput> {
  const { values, positionals } = parseCommandArgs(
    args,
    { all: { type: 'boolean' } },
    usage.list,
  );
  if (positionals.length > 0) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Unknown notifications command "${positionals[0]}"; use one of: ` +
        `${Object.values(usage).join(' | ')}`,
    );
  }
  const ws = ctx.workspace();
  // Delivers what opening the workspace added (timers that fell due), so
  // the list is current; the CLI delivers the rest after every command.
  await runOutbox(ws, defaultOutboxHandlers(ws));
  const notifications = listNotifications(ws, { all: values.all === true });
  return {
    value: notifications,
    text: table(
      ['ID', 'CREATED', 'TOPIC', 'ROLE', 'MESSAGE', 'READ'],
      notifications.map((n) => [
        n.id,
        n.createdAt.slice(0, 16).replace('T', ' '),
        n.topic,
        n.role,
        n.message,
        n.readAt ? 'yes' : '',
      ]),
    ),
  };
}

function read(ctx: CommandContext, args: string[]): CommandOutput {
  const { values, positionals } = parseCommandArgs(
    args,
    { all: { type: 'boolean' } },
    usage.read,
  );
  const all = values.all === true;
  const [id] = positionals;
  if (all === (id !== undefined) || positionals.length > 1) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Give one notification ID or --all. Usage: ${usage.read}`,
    );
  }
  const ws = ctx.workspace();
  if (id === undefined) {
    const read = markAllNotificationsRead(ws);
    return {
      value: { read },
      text: `Marked ${read} notification(s) read.`,
    };
  }
  const notification = markNotificationRead(ws, id);
  return { value: notification, text: `Marked ${notification.id} read.` };
}
