import { initial } from './001-initial.ts';
import { notifications } from './002-notifications.ts';
import { journeyRuns } from './003-journey-runs.ts';
import { outboxKeys } from './004-outbox-keys.ts';
import { timerRuns } from './005-timer-runs.ts';
import type { Migration } from './types.ts';

export type { Migration } from './types.ts';

/** Every schema step in order; `user_version` holds the last one applied. */
export const migrations: readonly Migration[] = [
  initial,
  notifications,
  journeyRuns,
  outboxKeys,
  timerRuns,
];

export const LATEST_SCHEMA_VERSION = migrations.reduce(
  (latest, migration) => Math.max(latest, migration.version),
  0,
);
