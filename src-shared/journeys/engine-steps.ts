import { EmbarkError } from '../errors.ts';
import type { NodeKind, PlaybookNode } from '../playbooks/model.ts';
import { castVote, rejectStep } from './engine-approvals.ts';
import { completeStep, makeReady } from './engine-flow.ts';
import {
  describeNode,
  emit,
  endRun,
  isOpen,
  latestRun,
  nodeOf,
  sendTokens,
  type Work,
} from './engine-work.ts';
import { automaticKinds, downstreamOf, workStepKinds } from './graph.ts';
import type { Command, DocumentRef, StepRun } from './model.ts';

type StepCommand = Extract<Command, { key: string }>;

const actionsByKind: Partial<Record<NodeKind, readonly StepCommand['type'][]>> =
  {
    task: ['complete', 'skip', 'reopen', 'reassign'],
    form: ['submit', 'skip', 'reopen', 'reassign'],
    fileRequest: ['upload', 'skip', 'reopen', 'reassign'],
    approval: ['approve', 'reject', 'skip', 'reopen', 'reassign'],
    wait: ['skip'],
  };

/** Applies a command aimed at one step, after checking kind and state. */
export function applyStepCommand(work: Work, command: StepCommand): void {
  const node = nodeOf(work, command.key);
  checkAction(node, command.type);
  if (command.type === 'reopen') {
    reopenStep(work, node, command.reason);
    return;
  }
  const run = openRunOf(work, node, command.type);
  switch (command.type) {
    case 'complete':
      if (command.comment !== undefined) run.comment = command.comment;
      completeStep(work, node, run);
      return;
    case 'submit':
      submitForm(work, node, run, command.data);
      return;
    case 'upload':
      uploadDocument(work, node, run, command.document, command.slot);
      return;
    case 'approve':
    case 'reject':
      decide(work, node, run, command.type, command.comment);
      return;
    case 'skip':
      endRun(work, run, 'skipped', command.reason);
      emit(work, 'step.skipped', {
        stepKey: node.key,
        runId: run.id,
        data: { reason: command.reason },
      });
      sendTokens(work, work.graph.flow.get(node.key) ?? [], true, run.id);
      return;
    case 'reassign':
      run.assignee = command.assignee;
      emit(work, 'step.reassigned', {
        stepKey: node.key,
        runId: run.id,
        data: { assignee: command.assignee },
      });
      work.effects.push({
        type: 'notify',
        topic: 'step.reassigned',
        stepKey: node.key,
        assignee: command.assignee,
        message: `Step ${describeNode(node)} is assigned to ${command.assignee}.`,
      });
      return;
  }
}

function checkAction(node: PlaybookNode, action: StepCommand['type']): void {
  const allowed = actionsByKind[node.kind] ?? [];
  const reviewed = node.kind === 'fileRequest' && node.review === true;
  if (
    allowed.includes(action) ||
    (reviewed && (action === 'approve' || action === 'reject'))
  )
    return;
  const list = reviewed ? [...allowed, 'approve', 'reject'] : allowed;
  const hint =
    list.length > 0
      ? `use one of: ${list.join(', ')}`
      : 'it completes by itself when reached';
  throw new EmbarkError(
    'ACTION_NOT_ALLOWED',
    `Action ${action} does not apply to step ${describeNode(node)} of kind ${node.kind}; ${hint}.`,
    { key: node.key, kind: node.kind, action, allowed: list },
  );
}

function openRunOf(work: Work, node: PlaybookNode, action: string): StepRun {
  const run = latestRun(work.state, node.key);
  if (run && isOpen(run)) return run;
  const current = run ? run.state : 'blocked';
  throw new EmbarkError(
    'STEP_NOT_READY',
    `Step ${describeNode(node)} is ${current}, so ${action} is not possible; act on a step that is ready or in progress (journey show lists them).`,
    { key: node.key, state: current, action },
  );
}

/** Variables set by classification alone, never by answers or setVars. */
export const reservedVariables: readonly string[] = ['segment', 'riskTier'];

function submitForm(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  data: unknown,
): void {
  run.data = data;
  work.state.vars[node.key] = data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [name, value] of Object.entries(data)) {
      // A form field cannot change the classification that conditions read.
      if (!reservedVariables.includes(name)) work.state.vars[name] = value;
    }
  }
  completeStep(work, node, run);
}

function uploadDocument(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  document: DocumentRef,
  slotName: string | undefined,
): void {
  const slots = node.slots ?? [];
  const names = slots.map((slot) => slot.name);
  const files = run.files ?? {};
  const slot = slotName ?? names.find((name) => files[name] === undefined);
  if (slot === undefined || !names.includes(slot)) {
    const reason =
      slot === undefined
        ? 'every slot is filled; name the slot to replace'
        : `there is no slot "${slot}"`;
    throw new EmbarkError(
      'INVALID_INPUT',
      `Cannot upload to step ${describeNode(node)}: ${reason} (slots: ${names.join(', ')}).`,
      { key: node.key, slot, slots: names },
    );
  }
  run.files = { ...files, [slot]: document };
  emit(work, 'document.uploaded', {
    stepKey: node.key,
    runId: run.id,
    data: { slot, documentId: document.id, version: document.version },
  });
  if (run.state === 'ready') {
    run.state = 'in_progress';
    emit(work, 'step.started', { stepKey: node.key, runId: run.id });
  }
  if (!node.review && missingSlots(node, run).length === 0)
    completeStep(work, node, run);
}

function missingSlots(node: PlaybookNode, run: StepRun): string[] {
  const files = run.files ?? {};
  return (node.slots ?? [])
    .filter((slot) => slot.required !== false && files[slot.name] === undefined)
    .map((slot) => slot.name);
}

function decide(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  decision: 'approve' | 'reject',
  comment: string | undefined,
): void {
  if (node.kind === 'approval') {
    castVote(work, node, run, decision, comment);
    return;
  }
  if (decision === 'reject') {
    run.votes = [
      ...(run.votes ?? []),
      {
        by: work.ctx.actor.name,
        decision,
        at: work.ctx.now,
        ...(comment === undefined ? {} : { comment }),
      },
    ];
    rejectStep(work, node, run, comment);
    return;
  }
  const missing = missingSlots(node, run);
  if (missing.length > 0) {
    throw new EmbarkError(
      'STEP_NOT_READY',
      `Step ${describeNode(node)} cannot be approved while required slots are empty (${missing.join(', ')}); upload them first.`,
      { key: node.key, missing },
    );
  }
  run.votes = [
    ...(run.votes ?? []),
    {
      by: work.ctx.actor.name,
      decision,
      at: work.ctx.now,
      ...(comment === undefined ? {} : { comment }),
    },
  ];
  completeStep(work, node, run);
}

/**
 * Opens a new ready run of a done or skipped step and cancels the runs
 * after it downstream that `isReset` selects. Joins downstream are then
 * settled, so that tracks the reopened step does not affect count as
 * arrived.
 */
function reopenStep(
  work: Work,
  node: PlaybookNode,
  reason: string | undefined,
): void {
  const state = work.state;
  const latest = latestRun(state, node.key);
  if (
    !latest ||
    (latest.state !== 'done' && latest.state !== 'skipped') ||
    !workStepKinds.includes(node.kind)
  ) {
    const current = latest ? latest.state : 'blocked';
    throw new EmbarkError(
      'STEP_NOT_READY',
      `Step ${describeNode(node)} is ${current}, so it cannot be reopened; only a done or skipped step can.`,
      { key: node.key, state: current },
    );
  }
  const downstream = downstreamOf(work.graph, node.key);
  const since = state.runs.indexOf(latest);
  const cancelReason = `step ${node.key} reopened`;
  for (const run of state.runs.slice(since + 1)) {
    if (!downstream.has(run.key) || !isReset(work, run)) continue;
    endRun(work, run, 'cancelled', cancelReason);
    emit(work, 'step.cancelled', {
      stepKey: run.key,
      runId: run.id,
      data: { reason: cancelReason },
    });
    closeIncidentsOf(work, run.key);
  }
  settleOtherTracks(work, downstream, new Set([...downstream, node.key]));
  state.stage = stageBefore(work, downstream);
  if (state.status === 'completed') state.status = 'active';
  emit(work, 'step.reopened', {
    stepKey: node.key,
    runId: latest.id,
    data: reason === undefined ? {} : { reason },
  });
  makeReady(work, node, latest.cameFrom);
}

/**
 * Returns true for a run that reopening an earlier step cancels. That is
 * an open run, or a done run of an automatic node such as a milestone,
 * because the flow must reach that node again. Finished work keeps its
 * done run until the flow gets there and opens a new one.
 */
function isReset(work: Work, run: StepRun): boolean {
  if (isOpen(run)) return true;
  const kind = work.graph.nodes.get(run.key)?.kind;
  return (
    run.state === 'done' && kind !== undefined && automaticKinds.includes(kind)
  );
}

/**
 * Returns the board stage of the last milestone reached outside `downstream`,
 * since milestones after a reopened step count again only once reached again.
 */
function stageBefore(
  work: Work,
  downstream: ReadonlySet<string>,
): string | undefined {
  for (let index = work.state.runs.length - 1; index >= 0; index -= 1) {
    const run = work.state.runs[index]!;
    if (run.state !== 'done' || downstream.has(run.key)) continue;
    const reached = work.graph.nodes.get(run.key);
    if (reached?.kind === 'milestone' && reached.stage) return reached.stage;
  }
  return undefined;
}

function closeIncidentsOf(work: Work, key: string): void {
  for (const incident of work.state.incidents) {
    if (incident.nodeKey === key && incident.resolvedAt === undefined) {
      incident.resolvedAt = work.ctx.now;
      incident.resolvedBy = work.ctx.actor.name;
    }
  }
}

/**
 * Rebuilds the arrivals of every join downstream: an incoming edge from a
 * node outside `affected` counts as arrived (live when its source is done),
 * because that track will not run again.
 */
function settleOtherTracks(
  work: Work,
  downstream: ReadonlySet<string>,
  affected: ReadonlySet<string>,
): void {
  for (const key of downstream) {
    if (work.graph.nodes.get(key)?.kind !== 'join') continue;
    const arrivals: Record<string, 'live' | 'dead'> = {};
    for (const edge of work.graph.incoming.get(key) ?? []) {
      if (affected.has(edge.from)) continue;
      const source = latestRun(work.state, edge.from);
      if (source?.state === 'done') arrivals[edge.key] = 'live';
      else if (source?.state === 'skipped' || source?.state === 'cancelled')
        arrivals[edge.key] = 'dead';
    }
    if (Object.keys(arrivals).length > 0) work.state.arrivals[key] = arrivals;
    else delete work.state.arrivals[key];
  }
}
