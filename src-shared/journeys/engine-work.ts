import type { Playbook, PlaybookNode } from '../playbooks/model.ts';
import { EmbarkError } from '../errors.ts';
import { graphOf, type PlaybookGraph } from './graph.ts';
import type {
  Effect,
  EngineContext,
  JourneyEvent,
  JourneyState,
  StepRun,
  StepState,
} from './model.ts';

/** A token on its way along an edge; `from` is the run that sent it. */
export type Token = { edgeKey: string; live: boolean; from?: string };

/** The mutable working copy of one command's evaluation. */
export type Work = {
  playbook: Playbook;
  graph: PlaybookGraph;
  state: JourneyState;
  ctx: EngineContext;
  events: JourneyEvent[];
  effects: Effect[];
  queue: Token[];
  /**
   * Set while a migration re-derives the flow: nodes already passed, so
   * that finished steps are walked through once instead of run again.
   */
  replay?: Set<string>;
};

export const pathNotTaken = 'path not taken';

export function createWork(
  playbook: Playbook,
  state: JourneyState,
  ctx: EngineContext,
): Work {
  return {
    playbook,
    graph: graphOf(playbook),
    state,
    ctx,
    events: [],
    effects: [],
    queue: [],
  };
}

export function emit(
  work: Work,
  type: string,
  extra: {
    stepKey?: string;
    runId?: string;
    data?: Record<string, unknown>;
  } = {},
): void {
  work.events.push({
    type,
    at: work.ctx.now,
    by: work.ctx.actor.name,
    ...extra,
  });
}

export function isOpen(run: StepRun): boolean {
  return run.state === 'ready' || run.state === 'in_progress';
}

/** A run that a migration keeps as finished: done, or skipped by a person. */
export function isSettled(run: StepRun): boolean {
  return (
    run.state === 'done' ||
    (run.state === 'skipped' && run.reason !== pathNotTaken)
  );
}

export function latestRun(
  state: JourneyState,
  key: string,
): StepRun | undefined {
  for (let index = state.runs.length - 1; index >= 0; index--) {
    const run = state.runs[index] as StepRun;
    if (run.key === key) return run;
  }
  return undefined;
}

export function findRun(state: JourneyState, id: string): StepRun | undefined {
  for (let index = state.runs.length - 1; index >= 0; index--) {
    const run = state.runs[index] as StepRun;
    if (run.id === id) return run;
  }
  return undefined;
}

/** Appends a new run of `node`, numbering its attempt after the earlier ones. */
export function addRun(
  work: Work,
  node: PlaybookNode,
  state: StepState,
  cameFrom: string | undefined,
): StepRun {
  let attempt = 1;
  for (const run of work.state.runs) if (run.key === node.key) attempt++;
  const run: StepRun = { id: work.ctx.newId(), key: node.key, state, attempt };
  if (node.role !== undefined) run.role = node.role;
  if (cameFrom !== undefined) run.cameFrom = cameFrom;
  work.state.runs.push(run);
  return run;
}

/** Ends a run in a final state and drops its timers. */
export function endRun(
  work: Work,
  run: StepRun,
  state: StepState,
  reason?: string,
): void {
  run.state = state;
  run.endedAt = work.ctx.now;
  run.by = work.ctx.actor.name;
  if (reason !== undefined) run.reason = reason;
  dropTimers(work, run.id);
  const finished = state === 'done' || state === 'skipped';
  if (finished && !work.replay && work.state.carried?.includes(run.key)) {
    work.state.carried = withoutKey(work.state.carried, run.key);
    work.state.forwarded = [...(work.state.forwarded ?? []), run.key];
  }
}

/** Returns the list without `key`, or undefined when nothing is left. */
export function withoutKey(
  list: readonly string[],
  key: string,
): string[] | undefined {
  const rest = list.filter((entry) => entry !== key);
  return rest.length > 0 ? rest : undefined;
}

export function dropTimers(work: Work, runId: string): void {
  const before = work.state.timers.length;
  work.state.timers = work.state.timers.filter(
    (timer) => timer.runId !== runId,
  );
  if (work.state.timers.length !== before) {
    work.effects.push({ type: 'cancelTimers', runId });
  }
}

export function nodeOf(work: Work, key: string): PlaybookNode {
  const node = work.graph.nodes.get(key);
  if (!node) {
    throw new EmbarkError(
      'NOT_FOUND',
      `Step "${key}" is not in playbook ${work.playbook.id} version ${work.playbook.version}; run journey show to list the step keys.`,
      { key, playbookId: work.playbook.id },
    );
  }
  return node;
}

export function describeNode(node: PlaybookNode): string {
  return node.name && node.name !== node.key
    ? `"${node.name}" (${node.key})`
    : `"${node.key}"`;
}

export function sendTokens(
  work: Work,
  edgeKeys: readonly { key: string }[],
  live: boolean,
  from: string | undefined,
): void {
  for (const edge of edgeKeys) {
    const token: Token = { edgeKey: edge.key, live };
    if (from !== undefined) token.from = from;
    work.queue.push(token);
  }
}
