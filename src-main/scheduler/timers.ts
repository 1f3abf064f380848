import { applyCommand } from '../../src-shared/journeys/engine.ts';
import { EmbarkError } from '../../src-shared/errors.ts';
import { getPlaybook } from '../playbooks/store.ts';
import { loadJourneyState, saveEngineResult } from '../journeys/persist.ts';
import { engineContext } from '../journeys/service.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { nowIso } from '../workspace/workspace.ts';
import { acquireSchedulerLease, releaseSchedulerLease } from './lease.ts';

const schedulerActor = { name: 'Embark scheduler' };
const leaseMs = 60_000;

type TimerRow = { id: string; journey_id: string; kind: string };

/** Tells whether any timer has fallen due, without taking a write lock. */
export function hasDueTimers(ws: Workspace): boolean {
  const row = ws.db
    .prepare(
      'SELECT 1 FROM timers WHERE fired_at IS NULL AND fire_at <= ? LIMIT 1',
    )
    .get(nowIso(ws));
  return row !== undefined;
}

/**
 * Fires every timer that has fallen due, each once, in its own transaction
 * with the journey change. Returns how many fired; 0 when another process
 * holds the scheduler lease.
 */
export function fireDueTimers(ws: Workspace, owner: string): number {
  if (!acquireSchedulerLease(ws.db, owner, ws.clock(), leaseMs)) return 0;
  const due = ws.db
    .prepare(
      `SELECT id, journey_id, kind FROM timers
       WHERE fired_at IS NULL AND fire_at <= ? ORDER BY fire_at`,
    )
    .all(nowIso(ws)) as TimerRow[];
  let fired = 0;
  for (const timer of due) {
    try {
      if (fireTimer(ws, timer)) fired += 1;
    } catch (error) {
      ws.log.error(
        { err: error, timerId: timer.id, journeyId: timer.journey_id },
        'timer failed',
      );
    }
  }
  if (fired > 0) ws.log.info({ fired }, 'due timers fired');
  return fired;
}

function fireTimer(ws: Workspace, timer: TimerRow): boolean {
  return ws.db
    .transaction(() => {
      const state = loadJourneyState(ws, timer.journey_id);
      // A paused journey keeps its timers pending until it resumes.
      if (state.status === 'paused') return false;
      const claimed = ws.db
        .prepare(
          'UPDATE timers SET fired_at = ? WHERE id = ? AND fired_at IS NULL',
        )
        .run(nowIso(ws), timer.id);
      if (claimed.changes === 0 || state.status !== 'active') return false;
      const playbook = getPlaybook(ws, state.playbookId, state.playbookVersion);
      try {
        const result = applyCommand(
          playbook,
          state,
          { type: 'fireTimer', timerId: timer.id },
          engineContext(ws, schedulerActor),
        );
        saveEngineResult(ws, playbook, result, state);
      } catch (error) {
        if (!(error instanceof EmbarkError)) throw error;
        ws.log.warn(
          { timerId: timer.id, journeyId: timer.journey_id, code: error.code },
          'timer no longer applies',
        );
      }
      return true;
    })
    .immediate();
}

export function stopScheduler(ws: Workspace, owner: string): void {
  releaseSchedulerLease(ws.db, owner);
}
