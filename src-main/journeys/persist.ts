import type { Playbook } from '../../src-shared/playbooks/model.ts';
import {
  journeyStateSchema,
  type EngineResult,
  type JourneyState,
} from '../../src-shared/journeys/model.ts';
import { journeyProgress, nextStep } from '../../src-shared/journeys/engine.ts';
import { EmbarkError } from '../../src-shared/errors.ts';
import { statement } from '../db/statements.ts';
import type { Workspace } from '../workspace/workspace.ts';

type JourneyRow = { state: string };

/** Loads a journey's state, validated against the shared schema. */
export function loadJourneyState(ws: Workspace, id: string): JourneyState {
  const row = statement(ws.db, 'SELECT state FROM journeys WHERE id = ?').get(
    id,
  ) as JourneyRow | undefined;
  if (!row) {
    throw new EmbarkError(
      'NOT_FOUND',
      `Journey ${id} not found; run "embark journey list" to see the journeys.`,
      { journeyId: id },
    );
  }
  return journeyStateSchema.parse(JSON.parse(row.state));
}

/** Loads a journey without schema validation, for hot paths. */
export function loadJourneyStateTrusted(
  ws: Workspace,
  id: string,
): JourneyState | undefined {
  const row = statement(ws.db, 'SELECT state FROM journeys WHERE id = ?').get(
    id,
  ) as JourneyRow | undefined;
  return row ? (JSON.parse(row.state) as JourneyState) : undefined;
}

/**
 * Writes an engine result: the journey row with its board columns, the
 * events, the outbox entries and the timers. Call it inside a transaction so
 * the state change and its effects commit together.
 */
export function saveEngineResult(
  ws: Workspace,
  playbook: Playbook,
  result: EngineResult,
  options: { insert?: boolean } = {},
): void {
  const { state } = result;
  const next = nextStep(playbook, state);
  const stage = state.stage ?? ws.settings.stages()[0] ?? 'Intake';
  const hasIncident = state.incidents.some((incident) => !incident.resolvedAt);
  const columns = [
    state.playbookId,
    state.playbookVersion,
    state.segment,
    state.riskTier,
    state.status,
    stage,
    journeyProgress(playbook, state),
    next?.key ?? null,
    next?.dueAt ?? null,
    hasIncident ? 1 : 0,
    JSON.stringify(state),
    state.updatedAt,
  ];
  if (options.insert) {
    statement(
      ws.db,
      `INSERT INTO journeys (playbook_id, playbook_version, segment,
           risk_tier, status, stage, progress, next_step, next_due_at,
           has_incident, state, updated_at, id, client_id, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...columns, state.id, state.clientId, state.startedAt);
  } else {
    statement(
      ws.db,
      `UPDATE journeys SET playbook_id = ?, playbook_version = ?,
           segment = ?, risk_tier = ?, status = ?, stage = ?, progress = ?,
           next_step = ?, next_due_at = ?, has_incident = ?, state = ?,
           updated_at = ?
         WHERE id = ?`,
    ).run(...columns, state.id);
  }
  saveEvents(ws, result);
  saveEffects(ws, result);
}

function saveEvents(ws: Workspace, result: EngineResult): void {
  const insert = statement(
    ws.db,
    `INSERT INTO events (journey_id, client_id, type, at, by, step_key, data)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const event of result.events) {
    insert.run(
      result.state.id,
      result.state.clientId,
      event.type,
      event.at,
      event.by,
      event.stepKey ?? null,
      event.data === undefined ? null : JSON.stringify(event.data),
    );
  }
}

function saveEffects(ws: Workspace, result: EngineResult): void {
  const journeyId = result.state.id;
  for (const effect of result.effects) {
    if (effect.type === 'scheduleTimer') {
      statement(
        ws.db,
        `INSERT OR REPLACE INTO timers (id, journey_id, run_id, kind, fire_at)
           VALUES (?, ?, ?, ?, ?)`,
      ).run(
        effect.timerId,
        journeyId,
        effect.runId,
        effect.kind,
        effect.fireAt,
      );
    } else if (effect.type === 'cancelTimers') {
      statement(
        ws.db,
        'DELETE FROM timers WHERE run_id = ? AND fired_at IS NULL',
      ).run(effect.runId);
    } else {
      const id = ws.newId();
      statement(
        ws.db,
        `INSERT INTO outbox (id, journey_id, type, payload, idempotency_key,
             created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        journeyId,
        effect.type,
        JSON.stringify(effect),
        `${journeyId}:${id}`,
        result.state.updatedAt,
      );
    }
  }
}
