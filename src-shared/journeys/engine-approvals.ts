import { EmbarkError } from '../errors.ts';
import type { PlaybookNode } from '../playbooks/model.ts';
import { activateNode, completeStep } from './engine-flow.ts';
import {
  describeNode,
  emit,
  endRun,
  findRun,
  sendTokens,
  type Work,
} from './engine-work.ts';
import { workStepKinds } from './graph.ts';
import type { StepRun, Vote } from './model.ts';

/** Approver roles still waiting for a vote, one entry per expected vote. */
export function awaitingRoles(node: PlaybookNode, run: StepRun): string[] {
  const spec = node.approval;
  if (!spec) return [];
  const votes = run.votes ?? [];
  if (spec.mode === 'single') {
    return votes.some((vote) => vote.decision === 'approve')
      ? []
      : [...spec.approvers];
  }
  const remaining = [...spec.approvers];
  for (const vote of votes) {
    const index = vote.role === undefined ? -1 : remaining.indexOf(vote.role);
    if (index >= 0) remaining.splice(index, 1);
  }
  if (spec.mode === 'nOfM') {
    const approvals = votes.filter(
      (vote) => vote.decision === 'approve',
    ).length;
    if (approvals >= (spec.required ?? spec.approvers.length)) return [];
  }
  if (spec.mode === 'sequential') return remaining.slice(0, 1);
  return remaining;
}

/** Records a vote on an approval run; a reject sends the work back. */
export function castVote(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  decision: Vote['decision'],
  comment: string | undefined,
): void {
  const actor = work.ctx.actor;
  const voter = actor.name.toLowerCase();
  const earlier = (run.votes ?? []).find(
    (vote) => vote.by.toLowerCase() === voter,
  );
  if (earlier) {
    throw new EmbarkError(
      'ALREADY_VOTED',
      `${actor.name} already voted (${earlier.decision}) on step ${describeNode(node)}; each person votes once per approval, so ask another approver.`,
      { key: node.key, runId: run.id, by: actor.name },
    );
  }
  const awaiting = awaitingRoles(node, run);
  const held = actor.roles ?? [];
  const role =
    held.length === 0
      ? awaiting[0]
      : awaiting.find((entry) => held.includes(entry));
  if (role === undefined) {
    throw new EmbarkError(
      'ACTION_NOT_ALLOWED',
      `${actor.name} holds none of the roles awaiting a vote on step ${describeNode(node)} (${awaiting.join(', ') || 'none'}); ask a person with one of those roles to vote.`,
      { key: node.key, awaiting, roles: held },
    );
  }
  const vote: Vote = { by: actor.name, role, decision, at: work.ctx.now };
  if (comment !== undefined) vote.comment = comment;
  run.votes = [...(run.votes ?? []), vote];
  if (decision === 'reject') {
    rejectStep(work, node, run, comment);
    return;
  }
  if (run.state === 'ready') {
    run.state = 'in_progress';
    emit(work, 'step.started', { stepKey: node.key, runId: run.id });
  }
  if (awaitingRoles(node, run).length === 0) completeStep(work, node, run);
}

/**
 * Ends a run as rejected and sends the work back for changes: along the
 * node's onReject edge, else to the previous work step, else to a new run
 * of the same step.
 */
export function rejectStep(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  comment: string | undefined,
): void {
  endRun(work, run, 'rejected');
  if (comment !== undefined) run.comment = comment;
  emit(work, 'step.rejected', {
    stepKey: node.key,
    runId: run.id,
    ...(comment === undefined ? {} : { data: { comment } }),
  });
  const rejectEdge = (work.graph.outgoing.get(node.key) ?? []).find(
    (edge) => edge.onReject,
  );
  if (rejectEdge) {
    sendTokens(work, [rejectEdge], true, run.id);
    emit(work, 'step.returned', {
      stepKey: node.key,
      runId: run.id,
      data: { to: rejectEdge.to, edgeKey: rejectEdge.key },
    });
    return;
  }
  const previous = previousWorkRun(work, run);
  const target = previous
    ? (work.graph.nodes.get(previous.key) as PlaybookNode)
    : node;
  const rework = activateNode(
    work,
    target,
    previous ? previous.cameFrom : run.cameFrom,
  );
  emit(work, 'step.returned', {
    stepKey: node.key,
    runId: run.id,
    data: { to: target.key, newRunId: rework.id },
  });
}

/** Walks back from the run that activated `run`, past automatic nodes. */
function previousWorkRun(work: Work, run: StepRun): StepRun | undefined {
  const seen = new Set<string>();
  let current =
    run.cameFrom === undefined ? undefined : findRun(work.state, run.cameFrom);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const kind = work.graph.nodes.get(current.key)?.kind;
    if (kind !== undefined && workStepKinds.includes(kind)) return current;
    current =
      current.cameFrom === undefined
        ? undefined
        : findRun(work.state, current.cameFrom);
  }
  return undefined;
}
