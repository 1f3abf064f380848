import type { Migration } from './types.ts';

/**
 * Indexes timers by step run. A step that finishes drops its pending
 * timers by run id, and without this index that delete read every pending
 * timer in the workspace (about 2 ms with 20,000 of them, against 0.2 ms).
 */
export const timerRuns: Migration = {
  version: 5,
  up(db) {
    db.exec('CREATE INDEX timers_run ON timers(run_id);');
  },
};
