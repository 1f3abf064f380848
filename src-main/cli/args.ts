import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EmbarkError } from '../../src-shared/errors.ts';

export type Options = Record<string, string | boolean | undefined>;

// `--data`, `--json` and `--help` are taken out before the command runs.
const globalOptions = {
  as: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Parses a command's arguments, rejecting unknown options with a usage hint. */
export function parseCommandArgs(
  args: string[],
  options: ParseArgsConfig['options'],
  usage: string,
): { values: Options; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...globalOptions, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `${describeParseError(error as Error)} Usage: ${usage}`,
    );
  }
  const values = parsed.values as Options;
  // A blank name would otherwise record the action as the local identity.
  if (typeof values.as === 'string' && values.as.trim() === '') {
    throw new EmbarkError(
      'INVALID_INPUT',
      `--as needs a person's name; it must not be empty. Usage: ${usage}`,
    );
  }
  return { values, positionals: parsed.positionals };
}

/**
 * Turns node's parseArgs message into one sentence. A value that starts
 * with a dash, such as `--clients -5`, reads to parseArgs as a missing
 * value, so the message for that case explains how to pass it.
 */
function describeParseError(error: Error): string {
  const option = /Option '(--[\w-]+)' argument is ambiguous/.exec(
    error.message,
  )?.[1];
  if (option !== undefined) {
    return (
      `Option ${option} needs a value; to give one that starts with "-", ` +
      `write ${option}=VALUE.`
    );
  }
  const first = error.message.split('\n')[0] ?? error.message;
  return first.endsWith('.') ? first : `${first}.`;
}

export function requireString(
  values: Options,
  name: string,
  usage: string,
): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Missing --${name}. Usage: ${usage}`,
    );
  }
  return value;
}

export function optionalString(
  values: Options,
  name: string,
): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requirePositional(
  positionals: string[],
  index: number,
  what: string,
  usage: string,
): string {
  const value = positionals[index];
  if (!value) {
    throw new EmbarkError('INVALID_INPUT', `Missing ${what}. Usage: ${usage}`);
  }
  return value;
}

/** Parses a JSON option value, naming the option when it is invalid. */
export function parseJsonOption(
  values: Options,
  name: string,
): unknown | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `--${name} is not valid JSON (${(error as Error).message}); ` +
        `pass an object such as '{"employees": 40}'.`,
    );
  }
}

export function parseJsonObjectOption(
  values: Options,
  name: string,
): Record<string, unknown> | undefined {
  const value = parseJsonOption(values, name);
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `--${name} must be a JSON object such as '{"employees": 40}'.`,
    );
  }
  return value as Record<string, unknown>;
}

export function parsePositiveInt(
  values: Options,
  name: string,
): number | undefined {
  const text = optionalString(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `--${name} must be a whole number of at least 1, not "${text}".`,
    );
  }
  return value;
}

/** Reads an option whose value must be one of `allowed`. */
export function optionalChoice(
  values: Options,
  name: string,
  allowed: readonly string[],
): string | undefined {
  const value = optionalString(values, name);
  if (value === undefined || allowed.includes(value)) return value;
  throw new EmbarkError(
    'INVALID_INPUT',
    `Unknown --${name} "${value}"; use one of ${allowed.join(', ')}.`,
  );
}
