import type { z } from 'zod';
import { isEmbarkError } from '../../src-shared/errors.ts';
import {
  channels,
  contract,
  isChannel,
  type Channel,
  type IpcError,
  type IpcReply,
} from '../../src-shared/ipc/contract.ts';
import { translateSqliteError } from '../db/sqlite-errors.ts';
import { getLogger } from '../log.ts';
import type { Handler, Handlers } from './types.ts';

const log = getLogger('ipc');

/** Channels whose successful call may have written outbox entries. */
export const mutatingChannels: ReadonlySet<Channel> = new Set<Channel>([
  'workspace:loadSample',
  'clients:add',
  'clients:update',
  'clients:archive',
  'clients:importCsv',
  'journeys:act',
  'journeys:resolve',
  'journeys:setStatus',
  'journeys:migrate',
  'playbooks:publish',
  'settings:setIdentity',
  'settings:setSegmentRules',
  'settings:setStages',
]);

export type DispatchOptions = {
  /**
   * Runs after each successful call on a mutating channel, such as the
   * outbox delivery. Its errors are logged and never change the reply.
   */
  afterMutation?: (channel: Channel) => Promise<unknown>;
  /**
   * The workspace's database file. With it, a SQLite lock or corruption
   * failure replies as `DB_LOCKED` or `DB_CORRUPT` rather than `INTERNAL`.
   */
  databaseFile?: string;
};

type AnyReply = IpcReply<Channel>;

function failure(error: IpcError): AnyReply {
  return { ok: false, error };
}

function invalidArguments(channel: Channel, error: z.ZodError): IpcError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '';
  const where = field === '' ? 'the arguments' : `field "${field}"`;
  return {
    code: 'INVALID_INPUT',
    message: `Invalid arguments for ${channel}: ${where}: ${issue?.message ?? 'invalid'}.`,
    details: {
      channel,
      field,
      issues: error.issues.map((each) => ({
        path: each.path.map(String),
        message: each.message,
      })),
    },
  };
}

/**
 * Converts a thrown value to the error that crosses the boundary. A SQLite
 * lock or corruption failure of `databaseFile` becomes `DB_LOCKED` or
 * `DB_CORRUPT`.
 */
export function toIpcError(
  error: unknown,
  channel: string,
  databaseFile?: string,
): IpcError {
  const translated =
    databaseFile === undefined
      ? error
      : translateSqliteError(databaseFile, error);
  if (isEmbarkError(translated)) {
    return {
      code: translated.code,
      message: translated.message,
      details: translated.details,
    };
  }
  log.error({ err: error, channel }, 'call failed with an unexpected error');
  return {
    code: 'INTERNAL',
    message: `${channel} failed with an internal error; the log file has the details.`,
  };
}

/**
 * Runs one call from the renderer: rejects an unknown channel, validates the
 * arguments against the contract, runs the channel's handler and returns
 * the reply envelope. It never throws.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  args: unknown,
  options: DispatchOptions = {},
): Promise<AnyReply> {
  if (!isChannel(channel)) {
    const name =
      typeof channel === 'string' ? channel : JSON.stringify(channel);
    log.warn({ channel: String(name).slice(0, 100) }, 'unknown channel');
    return failure({
      code: 'INVALID_INPUT',
      message: `Unknown channel ${String(name).slice(0, 100)}; the channels are ${channels.join(', ')}.`,
      details: { channel: typeof channel === 'string' ? channel : null },
    });
  }
  const parsed = contract[channel].args.safeParse(args ?? {});
  if (!parsed.success) {
    return failure(invalidArguments(channel, parsed.error));
  }
  let result: unknown;
  try {
    const handler = handlers[channel] as Handler<Channel>;
    result = await handler(parsed.data as never);
  } catch (error) {
    return failure(toIpcError(error, channel, options.databaseFile));
  }
  if (mutatingChannels.has(channel) && options.afterMutation) {
    try {
      await options.afterMutation(channel);
    } catch (error) {
      log.error({ err: error, channel }, 'work after a call failed');
    }
  }
  return { ok: true, result } as AnyReply;
}
