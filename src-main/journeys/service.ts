import { EmbarkError } from '../../src-shared/errors.ts';
import {
  applyCommand,
  describeSteps,
  journeyProgress,
  startJourney,
} from '../../src-shared/journeys/engine.ts';
import type {
  Actor,
  Command,
  EngineResult,
  JourneyState,
} from '../../src-shared/journeys/model.ts';
import type {
  Playbook,
  RiskTier,
  Segment,
} from '../../src-shared/playbooks/model.ts';
import { immediateTransaction } from '../db/statements.ts';
import { getPlaybook } from '../playbooks/store.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { nowIso } from '../workspace/workspace.ts';
import {
  loadJourneyForCommand,
  loadJourneyState,
  rememberJourney,
  saveEngineResult,
} from './persist.ts';

/** Builds the engine context for one command: time, ids and actor. */
export function engineContext(ws: Workspace, actor: Actor) {
  return { now: nowIso(ws), newId: ws.newId, actor };
}

export function startClientJourney(
  ws: Workspace,
  input: {
    clientId: string;
    playbook: Playbook;
    segment: Segment;
    riskTier: RiskTier;
    vars: Record<string, unknown>;
  },
  actor: Actor,
): JourneyState {
  const result = startJourney(
    input.playbook,
    {
      id: ws.newId(),
      clientId: input.clientId,
      segment: input.segment,
      riskTier: input.riskTier,
      vars: input.vars,
    },
    engineContext(ws, actor),
  );
  saveEngineResult(ws, input.playbook, result, 'new');
  ws.log.info(
    { journeyId: result.state.id, clientId: input.clientId },
    'journey started',
  );
  return result.state;
}

/**
 * Applies one command to a journey and commits the result, its events and
 * effects in one IMMEDIATE transaction. `beforeCommit` runs inside the same
 * transaction, after the engine accepted the command.
 */
export function runJourneyCommand(
  ws: Workspace,
  journeyId: string,
  command: Command,
  actor: Actor,
  beforeCommit?: (result: EngineResult) => void,
): JourneyState {
  const state = immediateTransaction(ws.db, () => {
    const current = loadJourneyForCommand(ws, journeyId);
    const playbook = getPlaybook(
      ws,
      current.playbookId,
      current.playbookVersion,
    );
    const result = applyCommand(
      playbook,
      current,
      command,
      engineContext(ws, actor),
    );
    beforeCommit?.(result);
    saveEngineResult(ws, playbook, result, current);
    return result.state;
  });
  // Inside an outer transaction the change may still roll back.
  if (!ws.db.inTransaction) rememberJourney(ws, state);
  return state;
}

export type JourneyView = {
  id: string;
  clientId: string;
  clientName: string;
  playbookId: string;
  playbookVersion: number;
  segment: Segment;
  riskTier: RiskTier;
  status: JourneyState['status'];
  stage: string;
  progress: number;
  incidents: JourneyState['incidents'];
  vars: Record<string, unknown>;
  steps: ReturnType<typeof describeSteps>;
};

/** Returns the journey as `journey show` prints it. */
export function showJourney(ws: Workspace, journeyId: string): JourneyView {
  const state = loadJourneyState(ws, journeyId);
  return viewJourney(ws, state);
}

export function viewJourney(ws: Workspace, state: JourneyState): JourneyView {
  const playbook = getPlaybook(ws, state.playbookId, state.playbookVersion);
  const client = ws.db
    .prepare('SELECT name FROM clients WHERE id = ?')
    .get(state.clientId) as { name: string } | undefined;
  return {
    id: state.id,
    clientId: state.clientId,
    clientName: client?.name ?? '',
    playbookId: state.playbookId,
    playbookVersion: state.playbookVersion,
    segment: state.segment,
    riskTier: state.riskTier,
    status: state.status,
    stage: state.stage ?? ws.settings.stages()[0] ?? 'Intake',
    progress: journeyProgress(playbook, state),
    incidents: state.incidents,
    vars: state.vars,
    steps: describeSteps(playbook, state),
  };
}

export type JourneySummary = {
  id: string;
  clientId: string;
  clientName: string;
  segment: Segment;
  status: JourneyState['status'];
  stage: string;
  progress: number;
  nextStep: string | null;
};

export function listJourneys(
  ws: Workspace,
  filter: { status?: string; segment?: string; clientId?: string } = {},
): JourneySummary[] {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.status) {
    where.push('j.status = ?');
    params.push(filter.status);
  }
  if (filter.segment) {
    where.push('j.segment = ?');
    params.push(filter.segment);
  }
  if (filter.clientId) {
    where.push('j.client_id = ?');
    params.push(filter.clientId);
  }
  const sql = `SELECT j.id, j.client_id AS clientId, c.name AS clientName,
      j.segment, j.status, j.stage, j.progress, j.next_step AS nextStep
    FROM journeys j JOIN clients c ON c.id = j.client_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY j.started_at, j.id`;
  return ws.db.prepare(sql).all(...params) as JourneySummary[];
}

/** Finds the journey of a client that is still running, if any. */
export function currentJourneyId(
  ws: Workspace,
  clientId: string,
): string | undefined {
  const row = ws.db
    .prepare(
      `SELECT id FROM journeys WHERE client_id = ?
       ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'paused' THEN 1 ELSE 2 END,
         started_at DESC LIMIT 1`,
    )
    .get(clientId) as { id: string } | undefined;
  return row?.id;
}

export function assertJourneyExists(ws: Workspace, journeyId: string): void {
  const row = ws.db
    .prepare('SELECT 1 FROM journeys WHERE id = ?')
    .get(journeyId);
  if (!row) {
    throw new EmbarkError('NOT_FOUND', `Journey ${journeyId} not found.`, {
      journeyId,
    });
  }
}

type EventRow = {
  seq: number;
  type: string;
  at: string;
  by: string;
  stepKey: string | null;
  data: string | null;
};

/**
 * Lists everything that happened on a journey, and on its client outside
 * any journey, oldest first.
 */
export function journeyTimeline(ws: Workspace, journeyId: string) {
  assertJourneyExists(ws, journeyId);
  const rows = ws.db
    .prepare(
      `SELECT seq, type, at, by, step_key AS stepKey, data FROM events
       WHERE journey_id = ?
          OR (journey_id IS NULL AND client_id =
                (SELECT client_id FROM journeys WHERE id = ?))
       ORDER BY seq`,
    )
    .all(journeyId, journeyId) as EventRow[];
  return rows.map((row) => ({
    ...row,
    data: row.data === null ? null : (JSON.parse(row.data) as unknown),
  }));
}
