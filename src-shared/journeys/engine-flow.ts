import { EmbarkError } from '../errors.ts';
import { evaluateCondition } from '../feel/feel.ts';
import type { PlaybookEdge, PlaybookNode } from '../playbooks/model.ts';
import { addDays } from './duration.ts';
import {
  addRun,
  describeNode,
  emit,
  endRun,
  isOpen,
  isSettled,
  latestRun,
  pathNotTaken,
  sendTokens,
  type Token,
  type Work,
  withoutKey,
} from './engine-work.ts';
import { scheduleStepTimers, scheduleWait } from './engine-timers.ts';
import { automaticKinds, conditionOf } from './graph.ts';
import type { StepRun } from './model.ts';

/** Upper bound on token moves per command, which stops a runaway loop. */
const maxTokenMoves = 100_000;

/**
 * Moves every queued token to its target, activating or skipping nodes,
 * then completes the journey when nothing is left to do.
 */
export function settle(work: Work): void {
  let moves = 0;
  for (let token = work.queue.shift(); token; token = work.queue.shift()) {
    if (++moves > maxTokenMoves) {
      throw new EmbarkError(
        'INTERNAL',
        `The flow of playbook ${work.playbook.id} did not settle after ${maxTokenMoves} moves; check the playbook for a loop made only of automatic nodes.`,
        { playbookId: work.playbook.id },
      );
    }
    moveToken(work, token);
  }
  completeIfFinished(work);
}

function moveToken(work: Work, token: Token): void {
  const edge = work.graph.edges.get(token.edgeKey) as PlaybookEdge;
  const target = work.graph.nodes.get(edge.to);
  if (!target) return;
  if (target.kind === 'join') {
    arriveAtJoin(work, target, edge, token);
  } else if (token.live) {
    delete work.state.arrivals[target.key];
    receiveLive(work, target, token.from);
  } else {
    arriveDeadAtMerge(work, target, edge, token);
  }
}

/**
 * Skips a node once every edge that can bring it work is cut off. A node
 * with several incoming edges records the dead ones until all have arrived;
 * rework edges are left out, since they never carry a dead token.
 */
function arriveDeadAtMerge(
  work: Work,
  node: PlaybookNode,
  edge: PlaybookEdge,
  token: Token,
): void {
  const incoming = (work.graph.incoming.get(node.key) ?? []).filter(
    (entry) => !entry.onReject,
  );
  if (incoming.length > 1) {
    const arrivals = (work.state.arrivals[node.key] ??= {});
    arrivals[edge.key] = 'dead';
    if (!incoming.every((entry) => arrivals[entry.key] === 'dead')) return;
    delete work.state.arrivals[node.key];
  }
  receiveDead(work, node, token.from);
}

function arriveAtJoin(
  work: Work,
  join: PlaybookNode,
  edge: PlaybookEdge,
  token: Token,
): void {
  const arrivals = (work.state.arrivals[join.key] ??= {});
  arrivals[edge.key] = token.live ? 'live' : 'dead';
  const incoming = work.graph.incoming.get(join.key) ?? [];
  if (!incoming.every((entry) => arrivals[entry.key] !== undefined)) return;
  const anyLive = incoming.some((entry) => arrivals[entry.key] === 'live');
  delete work.state.arrivals[join.key];
  if (anyLive) receiveLive(work, join, token.from);
  else receiveDead(work, join, token.from);
}

function receiveLive(
  work: Work,
  node: PlaybookNode,
  from: string | undefined,
): void {
  if (!work.replay && work.state.forwarded?.includes(node.key)) {
    work.state.forwarded = withoutKey(work.state.forwarded, node.key);
    return;
  }
  const latest = latestRun(work.state, node.key);
  if (!work.replay && work.state.carried?.includes(node.key)) {
    work.state.carried = withoutKey(work.state.carried, node.key);
    if (latest && isSettled(latest)) {
      passThrough(work, node, latest);
      return;
    }
    // The run that stayed open through a migration takes this arrival.
    if (latest && isOpen(latest)) return;
  }
  if (latest?.state === 'blocked') {
    work.replay?.add(node.key);
    unblockRun(work, node, latest, from);
    return;
  }
  if (work.replay) {
    if (latest && isOpen(latest)) {
      work.replay.add(node.key);
      return;
    }
    if (latest && isSettled(latest)) {
      if (work.replay.has(node.key)) return;
      work.replay.add(node.key);
      passThrough(work, node, latest);
      return;
    }
  }
  activateNode(work, node, from);
  // A node the walk activates counts as reached, so that the migration does
  // not record it as carried and its run later sends the flow on as usual.
  work.replay?.add(node.key);
}

function receiveDead(
  work: Work,
  node: PlaybookNode,
  from: string | undefined,
): void {
  const latest = latestRun(work.state, node.key);
  if (work.replay && latest) {
    if (isOpen(latest)) {
      // Every path into the node is cut off, so no earlier step is still
      // open. Its run stays open and counts as reached.
      work.replay.add(node.key);
      return;
    }
    if (work.replay.has(node.key)) return;
    if (isSettled(latest) || latest.reason === pathNotTaken) {
      work.replay.add(node.key);
      sendTokens(work, work.graph.flow.get(node.key) ?? [], false, latest.id);
      sendDeadOnDeadlineEdge(work, node, latest);
      return;
    }
  }
  const run = addRun(work, node, 'skipped', from);
  run.endedAt = work.ctx.now;
  run.reason = pathNotTaken;
  if (node.kind !== 'join')
    emit(work, 'step.skipped', {
      stepKey: node.key,
      runId: run.id,
      data: { reason: pathNotTaken },
    });
  sendTokens(work, work.graph.flow.get(node.key) ?? [], false, run.id);
  sendDeadOnDeadlineEdge(work, node, run);
}

/** Walks a migrated journey through a finished node without a new run. */
function passThrough(work: Work, node: PlaybookNode, run: StepRun): void {
  if (node.kind === 'branch') {
    routeBranch(work, node, run, true);
    return;
  }
  sendTokens(work, work.graph.flow.get(node.key) ?? [], true, run.id);
}

/** Creates a run of a node reached by a live token and starts its work. */
export function activateNode(
  work: Work,
  node: PlaybookNode,
  cameFrom: string | undefined,
): StepRun {
  if (node.kind === 'branch') {
    const run = addRun(work, node, 'in_progress', cameFrom);
    run.readyAt = work.ctx.now;
    routeBranch(work, node, run, false);
    return run;
  }
  if (automaticKinds.includes(node.kind)) {
    const run = addRun(work, node, 'done', cameFrom);
    run.readyAt = work.ctx.now;
    run.endedAt = work.ctx.now;
    if (node.kind === 'milestone') reachMilestone(work, node, run);
    if (node.kind !== 'end')
      sendTokens(work, work.graph.flow.get(node.key) ?? [], true, run.id);
    return run;
  }
  if (node.kind === 'wait') {
    const run = addRun(work, node, 'in_progress', cameFrom);
    run.readyAt = work.ctx.now;
    emit(work, 'step.started', { stepKey: node.key, runId: run.id });
    scheduleWait(work, node, run);
    return run;
  }
  return makeReady(work, node, cameFrom);
}

/** Creates a ready run of a work step, with its due date, notice and timers. */
export function makeReady(
  work: Work,
  node: PlaybookNode,
  cameFrom: string | undefined,
): StepRun {
  const run = addRun(work, node, 'ready', cameFrom);
  announceReady(work, node, run);
  return run;
}

/**
 * Makes a run that a migration blocked ready again when the flow reaches
 * it. The run keeps its uploads and votes, so it resumes in progress when
 * it has any.
 */
function unblockRun(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  cameFrom: string | undefined,
): void {
  const started = run.files !== undefined || run.votes !== undefined;
  run.state = started ? 'in_progress' : 'ready';
  if (cameFrom !== undefined) run.cameFrom = cameFrom;
  delete run.reason;
  announceReady(work, node, run);
}

/** Sets a run's ready and due times, then sends its notice and timers. */
function announceReady(work: Work, node: PlaybookNode, run: StepRun): void {
  run.readyAt = work.ctx.now;
  if (node.dueInDays !== undefined)
    run.dueAt = addDays(work.ctx.now, node.dueInDays);
  else delete run.dueAt;
  emit(work, 'step.ready', { stepKey: node.key, runId: run.id });
  const notice: { role?: string } = {};
  if (node.role !== undefined) notice.role = node.role;
  work.effects.push({
    type: 'notify',
    topic: 'step.ready',
    stepKey: node.key,
    ...notice,
    message: `Step ${describeNode(node)} is ready.`,
  });
  scheduleStepTimers(work, node, run);
}

function reachMilestone(work: Work, node: PlaybookNode, run: StepRun): void {
  if (node.stage !== undefined) work.state.stage = node.stage;
  emit(work, 'milestone.reached', {
    stepKey: node.key,
    runId: run.id,
    data: node.stage === undefined ? {} : { stage: node.stage },
  });
  emit(work, 'step.completed', { stepKey: node.key, runId: run.id });
}

/** The edges a branch takes with the current variables; empty when none applies. */
export function chooseBranchEdges(
  work: Work,
  node: PlaybookNode,
): PlaybookEdge[] {
  const edges = work.graph.flow.get(node.key) ?? [];
  const inclusive = node.branch?.mode === 'inclusive';
  const chosen: PlaybookEdge[] = [];
  for (const edge of edges) {
    if (edge.isDefault) continue;
    const condition = conditionOf(edge);
    const holds =
      condition === undefined ||
      evaluateCondition(condition, work.state.vars, work.ctx.now);
    if (!holds) continue;
    chosen.push(edge);
    if (!inclusive) break;
  }
  if (chosen.length > 0) return chosen;
  return edges.filter((edge) => edge.isDefault).slice(0, 1);
}

/**
 * Sends live tokens along the chosen edges and dead ones along the rest,
 * or raises an incident when no edge applies.
 */
export function routeBranch(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  replayed: boolean,
): void {
  const chosen = chooseBranchEdges(work, node);
  if (chosen.length === 0) {
    const target = replayed
      ? addRun(work, node, 'in_progress', run.cameFrom)
      : run;
    raiseIncident(work, node, target);
    return;
  }
  takeBranchEdges(work, node, run, chosen, !replayed);
}

export function takeBranchEdges(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  chosen: readonly PlaybookEdge[],
  finishRun: boolean,
): void {
  if (finishRun) {
    run.state = 'done';
    run.endedAt = work.ctx.now;
  }
  const edges = work.graph.flow.get(node.key) ?? [];
  const taken = new Set(chosen.map((edge) => edge.key));
  sendTokens(work, chosen, true, run.id);
  sendTokens(
    work,
    edges.filter((edge) => !taken.has(edge.key)),
    false,
    run.id,
  );
}

function raiseIncident(work: Work, node: PlaybookNode, run: StepRun): void {
  const message = `Branch ${describeNode(node)}: no condition holds and there is no default edge; choose a path with journey resolve`;
  const incident = {
    id: work.ctx.newId(),
    nodeKey: node.key,
    message,
    openedAt: work.ctx.now,
  };
  work.state.incidents.push(incident);
  emit(work, 'incident.raised', {
    stepKey: node.key,
    runId: run.id,
    data: { incidentId: incident.id, message },
  });
}

/** Ends a work step's run as done and sends the flow on along its normal edges. */
export function completeStep(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
): void {
  endRun(work, run, 'done');
  emit(work, 'step.completed', { stepKey: node.key, runId: run.id });
  sendTokens(work, work.graph.flow.get(node.key) ?? [], true, run.id);
  sendDeadOnDeadlineEdge(work, node, run);
}

/** The alternative path of a deadline is not taken when the step ends in time. */
export function sendDeadOnDeadlineEdge(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
): void {
  const edge = node.deadline
    ? work.graph.edges.get(node.deadline.edge)
    : undefined;
  if (edge && edge.from === node.key) sendTokens(work, [edge], false, run.id);
}

function completeIfFinished(work: Work): void {
  const state = work.state;
  if (state.status !== 'active') return;
  // A join still waiting for a track keeps the journey open; dead arrivals
  // recorded at other merging nodes do not.
  const waitingJoin = Object.keys(state.arrivals).some(
    (key) => work.graph.nodes.get(key)?.kind === 'join',
  );
  if (waitingJoin) return;
  let endReached = false;
  for (const run of state.runs) {
    if (isOpen(run)) return;
    if (run.state === 'done' && work.graph.nodes.get(run.key)?.kind === 'end')
      endReached = true;
  }
  if (!endReached) return;
  state.status = 'completed';
  emit(work, 'journey.completed');
}
