import { EmbarkError } from '../errors.ts';
import {
  workKinds,
  type Playbook,
  type RiskTier,
  type Segment,
} from '../playbooks/model.ts';
import { cloneState } from './engine.ts';
import { settle } from './engine-flow.ts';
import {
  createWork,
  dropTimers,
  emit,
  endRun,
  isOpen,
  isSettled,
  pathNotTaken,
  sendTokens,
  type Work,
} from './engine-work.ts';
import { graphOf } from './graph.ts';
import type { EngineContext, EngineResult, JourneyState } from './model.ts';

export type MigrationPlan = {
  /** Work step keys only in the target playbook. */
  added: string[];
  /** Work step keys only in the source playbook; their open runs are cancelled. */
  removed: string[];
  /** Work step keys in both; their runs carry over. */
  kept: string[];
};

/** Reason recorded on a kept run that waits for earlier steps of the target. */
export const blockedByMigration =
  'earlier steps of the new playbook are not done';

export type MigrationInput = {
  reason: string;
  segment?: Segment | undefined;
  riskTier?: RiskTier | undefined;
};

/**
 * Compares the work steps of two playbooks by key, in playbook order. It
 * rejects what `applyMigration` rejects, so a dry run fails where the move
 * would.
 */
export function planMigration(
  from: Playbook,
  state: JourneyState,
  to: Playbook,
): MigrationPlan {
  checkMigration(from, state, to);
  const source = workKeys(from);
  const target = workKeys(to);
  return {
    added: target.filter((key) => !source.includes(key)),
    removed: source.filter((key) => !target.includes(key)),
    kept: target.filter((key) => source.includes(key)),
  };
}

/**
 * Moves a journey to another playbook. Every run is kept; open runs of
 * steps the target lacks are cancelled. The flow is then walked again from
 * the start of the target graph: finished steps are passed through without
 * a new run, open steps stay open, and steps reached for the first time
 * become ready. An open step the walk does not reach is blocked until the
 * flow gets there. A step skipped only because its path was not taken counts
 * as not finished, so a path the target graph takes gets to run it.
 */
export function applyMigration(
  from: Playbook,
  state: JourneyState,
  to: Playbook,
  ctx: EngineContext,
  input: MigrationInput,
): EngineResult {
  const plan = planMigration(from, state, to);
  const work = createWork(to, cloneState(state), ctx);
  const next = work.state;
  const targetGraph = graphOf(to);
  for (const run of next.runs) {
    if (isOpen(run) && !targetGraph.nodes.has(run.key))
      endRun(work, run, 'cancelled', 'removed by migration');
  }
  closeOpenBranches(work);
  const previousSegment = next.segment;
  next.playbookId = to.id;
  next.playbookVersion = to.version;
  if (input.segment !== undefined) next.segment = input.segment;
  if (input.riskTier !== undefined) next.riskTier = input.riskTier;
  next.vars = { ...next.vars, segment: next.segment, riskTier: next.riskTier };
  next.arrivals = {};
  if (next.status === 'completed') next.status = 'active';
  emit(work, 'journey.migrated', {
    data: {
      from: { playbookId: from.id, version: from.version },
      to: { playbookId: to.id, version: to.version },
      ...plan,
      reason: input.reason,
    },
  });
  if (next.segment !== previousSegment) {
    emit(work, 'segment.changed', {
      data: { from: previousSegment, to: next.segment, reason: input.reason },
    });
  }
  rederiveFlow(work);
  next.updatedAt = ctx.now;
  return { state: next, events: work.events, effects: work.effects };
}

function workKeys(playbook: Playbook): string[] {
  return playbook.nodes
    .filter((node) => workKinds.includes(node.kind))
    .map((node) => node.key);
}

function checkMigration(
  from: Playbook,
  state: JourneyState,
  to: Playbook,
): void {
  if (from.id !== state.playbookId || from.version !== state.playbookVersion) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Journey ${state.id} runs on playbook ${state.playbookId} version ${state.playbookVersion}, not ${from.id} version ${from.version}; pass the journey's own playbook as the source.`,
      { journeyId: state.id },
    );
  }
  if (state.status === 'cancelled') {
    throw new EmbarkError(
      'JOURNEY_NOT_ACTIVE',
      `Journey ${state.id} is cancelled, so it cannot move to playbook ${to.id}; start a new journey instead.`,
      { journeyId: state.id, status: state.status },
    );
  }
  if (!graphOf(to).start) {
    throw new EmbarkError(
      'PLAYBOOK_INVALID',
      `Playbook ${to.id} version ${to.version} has no start node; add one and validate the playbook before migrating to it.`,
      { playbookId: to.id },
    );
  }
}

/**
 * Cancels branch runs waiting on an incident and closes the incident, so
 * that the walk below evaluates those branches again in the target graph.
 */
function closeOpenBranches(work: Work): void {
  for (const incident of work.state.incidents) {
    if (incident.resolvedAt !== undefined) continue;
    incident.resolvedAt = work.ctx.now;
    incident.resolvedBy = work.ctx.actor.name;
    for (const run of work.state.runs) {
      if (run.key === incident.nodeKey && isOpen(run))
        endRun(work, run, 'cancelled', 'closed by migration');
    }
  }
}

/** Walks the target graph from its start node with the journey's runs in place. */
function rederiveFlow(work: Work): void {
  const start = work.graph.start;
  if (!start) return;
  work.replay = new Set([start.key]);
  const startRun = work.state.runs.find(
    (run) => run.key === start.key && run.state === 'done',
  );
  sendTokens(work, work.graph.flow.get(start.key) ?? [], true, startRun?.id);
  settle(work);
  blockUnreached(work, work.replay);
  markCarried(work, work.replay);
  work.replay = undefined;
}

/**
 * Blocks the open runs the walk did not reach, because in the target graph
 * they follow a step that is not finished. Each run keeps its data, such as
 * uploads and votes, and becomes ready again when the flow reaches it.
 */
function blockUnreached(work: Work, reached: Set<string>): void {
  for (const run of work.state.runs) {
    if (!isOpen(run) || reached.has(run.key)) continue;
    run.state = 'blocked';
    run.reason = blockedByMigration;
    delete run.dueAt;
    dropTimers(work, run.id);
    emit(work, 'step.blocked', {
      stepKey: run.key,
      runId: run.id,
      data: { reason: blockedByMigration },
    });
  }
}

/**
 * Records the finished nodes the walk did not reach, which lie after a step
 * that is open again. When the flow gets there, it passes through them.
 */
function markCarried(work: Work, reached: Set<string>): void {
  const latest = new Map(work.state.runs.map((run) => [run.key, run]));
  const carried = [...latest.values()]
    .filter(
      (run) =>
        !reached.has(run.key) &&
        work.graph.nodes.has(run.key) &&
        isSettled(run) &&
        run.reason !== pathNotTaken,
    )
    .map((run) => run.key);
  work.state.carried = carried.length > 0 ? carried : undefined;
  // The walk above recomputed what is carried, earlier forwards included.
  work.state.forwarded = undefined;
}
