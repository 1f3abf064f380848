import type { Playbook } from '../../src-shared/playbooks/model.ts';
import {
  journeyStateSchema,
  type EngineResult,
  type JourneyState,
  type StepRun,
} from '../../src-shared/journeys/model.ts';
import { journeyProgress, nextStep } from '../../src-shared/journeys/engine.ts';
import { EmbarkError } from '../../src-shared/errors.ts';
import { statement } from '../db/statements.ts';
import type { Workspace } from '../workspace/workspace.ts';

type JourneyRow = { state: string };

/**
 * Loads a journey's state, from its row and its step runs' rows, validated against the shared schema unless
 * `validate` is false. The command path skips it because `saveEngineResult`
 * wrote the row from the engine's own output, and validating a large state
 * on every step would cost more than the step itself.
 */
export function loadJourneyState(
  ws: Workspace,
  id: string,
  options: { validate?: boolean } = {},
): JourneyState {
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
  const runs = statement(
    ws.db,
    'SELECT run FROM journey_runs WHERE journey_id = ? ORDER BY seq',
  )
    .pluck()
    .all(id) as string[];
  const value = JSON.parse(row.state) as Record<string, unknown>;
  value.runs = runs.map((run) => JSON.parse(run) as unknown);
  return options.validate === false
    ? (value as JourneyState)
    : journeyStateSchema.parse(value);
}

type JourneyCache = { dataVersion: number; states: Map<string, JourneyState> };

const journeyCaches = new WeakMap<Workspace['db'], JourneyCache>();
const maxCachedJourneys = 1000;

/**
 * Returns this connection's cache of journey states written by its own
 * commands, emptied whenever another connection has committed since
 * (SQLite's `data_version` changes only for other connections' commits).
 */
function journeyCache(ws: Workspace): JourneyCache {
  const dataVersion = statement(ws.db, 'PRAGMA data_version')
    .pluck()
    .get() as number;
  let cache = journeyCaches.get(ws.db);
  if (!cache || cache.dataVersion !== dataVersion) {
    cache = { dataVersion, states: new Map() };
    journeyCaches.set(ws.db, cache);
  }
  return cache;
}

/**
 * Loads a journey for a command: from the cache when this connection wrote
 * it last, else from the database without schema validation.
 */
export function loadJourneyForCommand(ws: Workspace, id: string): JourneyState {
  return (
    journeyCache(ws).states.get(id) ??
    loadJourneyState(ws, id, { validate: false })
  );
}

/** Empties this connection's cache, after a change made outside commands. */
export function forgetCachedJourneys(ws: Workspace): void {
  journeyCaches.delete(ws.db);
}

/**
 * Remembers a committed state. Call it only after the outermost commit of a
 * command that loaded the journey with `loadJourneyForCommand`. The cache
 * keeps the `data_version` read inside that transaction, so a commit by
 * another connection since then still empties it on the next load.
 */
export function rememberJourney(ws: Workspace, state: JourneyState): void {
  const states = journeyCaches.get(ws.db)?.states;
  if (!states) return;
  states.delete(state.id);
  states.set(state.id, state);
  if (states.size > maxCachedJourneys) {
    const oldest = states.keys().next().value;
    if (oldest !== undefined) states.delete(oldest);
  }
}

/**
 * The stored form of a journey before a save: `'new'` for a journey not yet
 * written, else the state it was loaded as.
 */
export type StoredJourney = 'new' | JourneyState;

/**
 * Writes an engine result: the journey row with its board columns, the step
 * runs that differ from `stored`, the events, the outbox entries and the
 * timers. Call it inside a transaction so the state change and its effects
 * commit together.
 */
export function saveEngineResult(
  ws: Workspace,
  playbook: Playbook,
  result: EngineResult,
  stored: StoredJourney,
): void {
  const { state } = result;
  journeyCaches.get(ws.db)?.states.delete(state.id);
  const next = nextStep(playbook, state);
  const stage = state.stage ?? firstStage(ws);
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
    JSON.stringify({ ...state, runs: undefined }),
    state.updatedAt,
  ];
  if (stored === 'new') {
    statement(
      ws.db,
      `INSERT INTO journeys (playbook_id, playbook_version, segment,
           risk_tier, status, stage, progress, next_step, next_due_at,
           has_incident, state, updated_at, id, client_id, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...columns, state.id, state.clientId, state.startedAt);
  } else {
    updateJourneyRow(ws, state, columns);
  }
  saveRuns(ws, state, stored === 'new' ? [] : stored.runs);
  saveEvents(ws, result);
  saveEffects(ws, result);
}

type BoardKey = {
  status: string;
  segment: string;
  stage: string;
  riskTier: string;
  hasIncident: number;
};

/**
 * Updates a journey's row. The columns of the board's index are assigned
 * only when one of them changes: SQLite rewrites an index whenever the
 * UPDATE assigns one of its columns.
 */
function updateJourneyRow(
  ws: Workspace,
  state: JourneyState,
  columns: (string | number | null)[],
): void {
  const current = statement(
    ws.db,
    `SELECT status, segment, stage, risk_tier AS riskTier,
       has_incident AS hasIncident FROM journeys WHERE id = ?`,
  ).get(state.id) as BoardKey | undefined;
  const [
    playbookId,
    version,
    segment,
    riskTier,
    status,
    stage,
    progress,
    nextStep,
    nextDueAt,
    hasIncident,
    stateJson,
    updatedAt,
  ] = columns;
  if (
    current &&
    current.status === status &&
    current.segment === segment &&
    current.stage === stage &&
    current.riskTier === riskTier &&
    current.hasIncident === hasIncident
  ) {
    statement(
      ws.db,
      `UPDATE journeys SET playbook_id = ?, playbook_version = ?,
         progress = ?, next_step = ?, next_due_at = ?, state = ?,
         updated_at = ?
       WHERE id = ?`,
    ).run(
      playbookId,
      version,
      progress,
      nextStep,
      nextDueAt,
      stateJson,
      updatedAt,
      state.id,
    );
    return;
  }
  statement(
    ws.db,
    `UPDATE journeys SET playbook_id = ?, playbook_version = ?,
       segment = ?, risk_tier = ?, status = ?, stage = ?, progress = ?,
       next_step = ?, next_due_at = ?, has_incident = ?, state = ?,
       updated_at = ?
     WHERE id = ?`,
  ).run(...columns, state.id);
}

/**
 * Writes the runs that differ from the stored ones, by position. The engine
 * replaces a run's nested values rather than changing them in place, so a
 * run whose own fields are all identical to the stored run's is unchanged.
 */
function saveRuns(
  ws: Workspace,
  state: JourneyState,
  storedRuns: readonly StepRun[],
): void {
  const upsert = statement(
    ws.db,
    `INSERT INTO journey_runs (journey_id, seq, run) VALUES (?, ?, ?)
       ON CONFLICT (journey_id, seq) DO UPDATE SET run = excluded.run`,
  );
  state.runs.forEach((run, seq) => {
    const before = storedRuns[seq];
    if (!before || !sameFields(before, run)) {
      upsert.run(state.id, seq, JSON.stringify(run));
    }
  });
  if (storedRuns.length > state.runs.length) {
    statement(
      ws.db,
      'DELETE FROM journey_runs WHERE journey_id = ? AND seq >= ?',
    ).run(state.id, state.runs.length);
  }
}

function sameFields(stored: StepRun, next: StepRun): boolean {
  if (stored === next) return true;
  const keys = Object.keys(stored) as (keyof StepRun)[];
  if (keys.length !== Object.keys(next).length) return false;
  return keys.every((key) => stored[key] === next[key]);
}

function firstStage(ws: Workspace): string {
  return ws.settings.stages()[0] ?? 'Intake';
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
