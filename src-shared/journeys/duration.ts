import { EmbarkError } from '../errors.ts';

/** The parts of an ISO 8601 duration; only seconds may have a fraction. */
export type Duration = {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

const durationPattern =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses `P#Y#M#W#DT#H#M#S`; throws INVALID_INPUT on anything else. */
export function parseDuration(text: string): Duration {
  const match = durationPattern.exec(text);
  if (!match) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `The duration "${text}" is not an ISO 8601 duration; write it like P7D, PT4H or P1M2DT3H.`,
      { duration: text },
    );
  }
  const part = (index: number): number => Number(match[index] ?? 0);
  return {
    years: part(1),
    months: part(2),
    weeks: part(3),
    days: part(4),
    hours: part(5),
    minutes: part(6),
    seconds: part(7),
  };
}

/**
 * Adds a duration to an ISO date-time in UTC. Years and months move the
 * calendar date and clamp to the month's last day (Jan 31 + P1M is Feb 28
 * or 29); weeks, days and the time part then add fixed lengths.
 */
export function addDuration(iso: string, duration: string | Duration): string {
  const parts =
    typeof duration === 'string' ? parseDuration(duration) : duration;
  const start = new Date(parseInstant(iso));
  const totalMonths =
    start.getUTCFullYear() * 12 +
    start.getUTCMonth() +
    parts.years * 12 +
    parts.months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const day = Math.min(start.getUTCDate(), daysInMonth(year, month));
  const moved = Date.UTC(
    year,
    month,
    day,
    start.getUTCHours(),
    start.getUTCMinutes(),
    start.getUTCSeconds(),
    start.getUTCMilliseconds(),
  );
  const dayMs = 86_400_000;
  const extra =
    (parts.weeks * 7 + parts.days) * dayMs +
    parts.hours * 3_600_000 +
    parts.minutes * 60_000 +
    Math.round(parts.seconds * 1000);
  return new Date(moved + extra).toISOString();
}

/** Adds a possibly fractional number of days to an ISO date-time. */
export function addDays(iso: string, days: number): string {
  return new Date(
    parseInstant(iso) + Math.round(days * 86_400_000),
  ).toISOString();
}

/**
 * Reads an ISO date (`2024-05-01`, taken as midnight UTC) or date-time and
 * returns it as a UTC ISO date-time.
 */
export function normalizeInstant(text: string): string {
  return new Date(parseInstant(text)).toISOString();
}

function parseInstant(text: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const value = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(value)) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `The time "${text}" is not an ISO 8601 date or date-time; write it like 2024-05-01 or 2024-05-01T09:00:00Z.`,
      { time: text },
    );
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
