import { EmbarkError } from '../errors.ts';
import type {
  Playbook,
  PlaybookNode,
  RiskTier,
  Segment,
} from '../playbooks/model.ts';
import {
  activateNode,
  chooseBranchEdges,
  settle,
  takeBranchEdges,
} from './engine-flow.ts';
import { applyStepCommand, reservedVariables } from './engine-steps.ts';
import { fireTimer } from './engine-timers.ts';
import {
  createWork,
  describeNode,
  emit,
  endRun,
  isOpen,
  latestRun,
  nodeOf,
  type Work,
} from './engine-work.ts';
import type {
  Command,
  EngineContext,
  EngineResult,
  Incident,
  JourneyState,
} from './model.ts';

export {
  describeSteps,
  journeyProgress,
  nextStep,
  type StepView,
} from './engine-views.ts';

export type JourneyInit = {
  id: string;
  clientId: string;
  segment: Segment;
  riskTier: RiskTier;
  vars: Record<string, unknown>;
};

/** Creates a journey on a playbook and runs its start node and what follows. */
export function startJourney(
  playbook: Playbook,
  init: JourneyInit,
  ctx: EngineContext,
): EngineResult {
  const state: JourneyState = {
    id: init.id,
    clientId: init.clientId,
    playbookId: playbook.id,
    playbookVersion: playbook.version,
    segment: init.segment,
    riskTier: init.riskTier,
    status: 'active',
    vars: { ...init.vars, segment: init.segment, riskTier: init.riskTier },
    runs: [],
    incidents: [],
    arrivals: {},
    timers: [],
    startedAt: ctx.now,
    updatedAt: ctx.now,
  };
  const work = createWork(playbook, state, ctx);
  if (!work.graph.start) {
    throw new EmbarkError(
      'PLAYBOOK_INVALID',
      `Playbook ${playbook.id} version ${playbook.version} has no start node; add one node of kind start and validate the playbook.`,
      { playbookId: playbook.id },
    );
  }
  emit(work, 'journey.started', {
    data: { playbookId: playbook.id, version: playbook.version },
  });
  activateNode(work, work.graph.start, undefined);
  settle(work);
  return { state: work.state, events: work.events, effects: work.effects };
}

/**
 * Applies one command and returns the new state with its events and
 * effects. The input state is never changed; on an invalid command an
 * EmbarkError is thrown and nothing is returned.
 */
export function applyCommand(
  playbook: Playbook,
  state: JourneyState,
  command: Command,
  ctx: EngineContext,
): EngineResult {
  checkPlaybook(playbook, state);
  checkStatus(state, command);
  const work = createWork(playbook, cloneState(state), ctx);
  if (command.type === 'fireTimer') {
    if (!fireTimer(work, command.timerId))
      return { state, events: [], effects: [] };
  } else if ('key' in command) {
    applyStepCommand(work, command);
  } else {
    applyJourneyCommand(work, command);
  }
  settle(work);
  work.state.updatedAt = ctx.now;
  return { state: work.state, events: work.events, effects: work.effects };
}

function checkVariableNames(vars: Record<string, unknown>): void {
  const reserved = Object.keys(vars).filter((name) =>
    reservedVariables.includes(name),
  );
  if (reserved.length > 0) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `${reserved.join(' and ')} come from the client's classification and cannot be set on a journey; edit the client's attributes (client edit --reclassify) or move the journey to another segment (journey migrate).`,
      { variables: reserved },
    );
  }
}

type JourneyCommand = Exclude<Command, { key: string } | { type: 'fireTimer' }>;

function applyJourneyCommand(work: Work, command: JourneyCommand): void {
  const state = work.state;
  switch (command.type) {
    case 'setVars':
      checkVariableNames(command.vars);
      Object.assign(state.vars, command.vars);
      emit(work, 'vars.set', { data: { keys: Object.keys(command.vars) } });
      if (state.status === 'active') retryIncidents(work);
      return;
    case 'setRiskTier':
      emit(work, 'risk.changed', {
        data: { from: state.riskTier, to: command.riskTier },
      });
      state.riskTier = command.riskTier;
      state.vars.riskTier = command.riskTier;
      if (state.status === 'active') retryIncidents(work);
      return;
    case 'resolve':
      resolveIncident(work, command.branchKey, command.edgeKey);
      return;
    case 'pause':
      state.status = 'paused';
      emit(work, 'journey.paused', {
        data: command.reason === undefined ? {} : { reason: command.reason },
      });
      return;
    case 'resume':
      state.status = 'active';
      emit(work, 'journey.resumed');
      // Timers that came due while paused were refused; schedule them again.
      for (const timer of state.timers) {
        const { id: timerId, runId, kind, fireAt } = timer;
        work.effects.push({
          type: 'scheduleTimer',
          timerId,
          runId,
          kind,
          fireAt,
        });
      }
      return;
    case 'cancel':
      for (const run of state.runs)
        if (isOpen(run)) endRun(work, run, 'cancelled', command.reason);
      state.status = 'cancelled';
      state.arrivals = {};
      emit(work, 'journey.cancelled', { data: { reason: command.reason } });
      return;
  }
}

function checkPlaybook(playbook: Playbook, state: JourneyState): void {
  if (
    playbook.id === state.playbookId &&
    playbook.version === state.playbookVersion
  )
    return;
  throw new EmbarkError(
    'INVALID_INPUT',
    `Journey ${state.id} runs on playbook ${state.playbookId} version ${state.playbookVersion}, not ${playbook.id} version ${playbook.version}; load the journey's own playbook version.`,
    { journeyId: state.id },
  );
}

function checkStatus(state: JourneyState, command: Command): void {
  const status = state.status;
  if (
    command.type === 'setVars' ||
    command.type === 'setRiskTier' ||
    status === 'active'
  ) {
    if (command.type !== 'resume') return;
    throw new EmbarkError(
      'ACTION_NOT_ALLOWED',
      `Journey ${state.id} is active, not paused, so there is nothing to resume.`,
      { journeyId: state.id, status },
    );
  }
  if (status === 'paused' && command.type === 'resume') return;
  if (status === 'completed' && command.type === 'reopen') return;
  if (
    command.type === 'fireTimer' &&
    !state.timers.some((timer) => timer.id === command.timerId)
  ) {
    return;
  }
  const hint =
    status === 'paused'
      ? 'resume it first'
      : status === 'completed'
        ? 'reopen a step to change it'
        : 'start a new journey';
  throw new EmbarkError(
    'JOURNEY_NOT_ACTIVE',
    `Journey ${state.id} is ${status}, so ${command.type} is not possible; ${hint}.`,
    { journeyId: state.id, status, command: command.type },
  );
}

function openIncident(state: JourneyState, key: string): Incident | undefined {
  return state.incidents.find(
    (entry) => entry.nodeKey === key && entry.resolvedAt === undefined,
  );
}

function resolveIncident(work: Work, branchKey: string, edgeKey: string): void {
  const node = nodeOf(work, branchKey);
  const incident = openIncident(work.state, branchKey);
  const run = latestRun(work.state, branchKey);
  if (node.kind !== 'branch' || !incident || !run || !isOpen(run)) {
    throw new EmbarkError(
      'STEP_NOT_READY',
      `Step ${describeNode(node)} has no open incident to resolve; journey show lists the open incidents.`,
      { key: branchKey },
    );
  }
  const edges = work.graph.flow.get(branchKey) ?? [];
  const edge = edges.find((entry) => entry.key === edgeKey);
  if (!edge) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Edge "${edgeKey}" does not leave branch ${describeNode(node)}; choose one of: ${edges.map((entry) => `${entry.key} (to ${entry.to})`).join(', ')}.`,
      { branchKey, edgeKey, edges: edges.map((entry) => entry.key) },
    );
  }
  closeIncident(work, node, incident, edgeKey);
  takeBranchEdges(work, node, run, [edge], true);
}

function closeIncident(
  work: Work,
  node: PlaybookNode,
  incident: Incident,
  edgeKey: string,
): void {
  incident.resolvedAt = work.ctx.now;
  incident.resolvedBy = work.ctx.actor.name;
  incident.edgeKey = edgeKey;
  emit(work, 'incident.resolved', {
    stepKey: node.key,
    data: { incidentId: incident.id, edgeKey },
  });
}

/** Re-evaluates branches with an open incident after the variables changed. */
function retryIncidents(work: Work): void {
  for (const incident of [...work.state.incidents]) {
    if (incident.resolvedAt !== undefined) continue;
    const node = work.graph.nodes.get(incident.nodeKey);
    const run = latestRun(work.state, incident.nodeKey);
    if (!node || node.kind !== 'branch' || !run || !isOpen(run)) continue;
    const chosen = chooseBranchEdges(work, node);
    if (chosen.length === 0) continue;
    closeIncident(work, node, incident, (chosen[0] as { key: string }).key);
    takeBranchEdges(work, node, run, chosen, true);
  }
}

/**
 * Copies a state deeply enough that the engine can change the copy: runs,
 * timers, incidents, arrivals and the top level of vars are new objects,
 * while values inside them (form data, documents) are shared and never
 * changed by the engine.
 */
export function cloneState(state: JourneyState): JourneyState {
  const arrivals: JourneyState['arrivals'] = {};
  for (const [key, value] of Object.entries(state.arrivals))
    arrivals[key] = { ...value };
  return {
    ...state,
    vars: { ...state.vars },
    runs: state.runs.map((run) => ({ ...run })),
    incidents: state.incidents.map((incident) => ({ ...incident })),
    arrivals,
    timers: state.timers.map((timer) => ({ ...timer })),
  };
}
