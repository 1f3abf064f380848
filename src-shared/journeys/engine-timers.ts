import type { PlaybookNode } from '../playbooks/model.ts';
import { addDuration, normalizeInstant } from './duration.ts';
import {
  describeNode,
  emit,
  endRun,
  findRun,
  isOpen,
  sendTokens,
  type Work,
} from './engine-work.ts';
import type { JourneyState, StepRun, TimerKind } from './model.ts';

type Timer = JourneyState['timers'][number];

export function scheduleTimer(
  work: Work,
  runId: string,
  kind: TimerKind,
  fireAt: string,
  remaining?: number,
): void {
  const timer: Timer = { id: work.ctx.newId(), runId, kind, fireAt };
  if (remaining !== undefined) timer.remaining = remaining;
  work.state.timers.push(timer);
  work.effects.push({
    type: 'scheduleTimer',
    timerId: timer.id,
    runId,
    kind,
    fireAt,
  });
}

/** Schedules the deadline and the first reminder of a step that became ready. */
export function scheduleStepTimers(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
): void {
  if (node.deadline) {
    scheduleTimer(
      work,
      run.id,
      'deadline',
      addDuration(work.ctx.now, node.deadline.after),
    );
  }
  if (node.reminders) {
    const times = node.reminders.times;
    const fireAt = addDuration(work.ctx.now, node.reminders.every);
    scheduleTimer(
      work,
      run.id,
      'reminder',
      fireAt,
      times === undefined ? undefined : times - 1,
    );
  }
}

/** Schedules the timer of a wait step: its duration from now, or its date. */
export function scheduleWait(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
): void {
  const wait = node.wait ?? {};
  let fireAt = work.ctx.now;
  if (wait.duration) fireAt = addDuration(work.ctx.now, wait.duration);
  else if (wait.until) fireAt = normalizeInstant(wait.until);
  scheduleTimer(work, run.id, 'wait', fireAt);
}

/**
 * Fires a timer. Returns false, changing nothing, for a timer that is not
 * (or no longer) in the state, because storage may deliver one late or twice.
 */
export function fireTimer(work: Work, timerId: string): boolean {
  const timer = work.state.timers.find((entry) => entry.id === timerId);
  if (!timer) return false;
  work.state.timers = work.state.timers.filter((entry) => entry.id !== timerId);
  const run = findRun(work.state, timer.runId);
  if (!run || !isOpen(run)) return true;
  const node = work.graph.nodes.get(run.key);
  if (!node) return true;
  if (timer.kind === 'wait') {
    endRun(work, run, 'done');
    emit(work, 'step.completed', { stepKey: run.key, runId: run.id });
    sendTokens(work, work.graph.flow.get(node.key) ?? [], true, run.id);
  } else if (timer.kind === 'deadline') {
    fireDeadline(work, node, run);
  } else {
    fireReminder(work, node, run, timer);
  }
  return true;
}

function fireDeadline(work: Work, node: PlaybookNode, run: StepRun): void {
  endRun(work, run, 'cancelled', 'deadline passed');
  emit(work, 'sla.breached', {
    stepKey: run.key,
    runId: run.id,
    data: { edgeKey: node.deadline?.edge },
  });
  const edge = node.deadline
    ? work.graph.edges.get(node.deadline.edge)
    : undefined;
  if (edge && edge.from === node.key) sendTokens(work, [edge], true, run.id);
  sendTokens(work, work.graph.flow.get(node.key) ?? [], false, run.id);
}

function fireReminder(
  work: Work,
  node: PlaybookNode,
  run: StepRun,
  timer: Timer,
): void {
  emit(work, 'step.reminder', { stepKey: run.key, runId: run.id });
  const notice: { role?: string; assignee?: string } = {};
  if (run.role !== undefined) notice.role = run.role;
  if (run.assignee !== undefined) notice.assignee = run.assignee;
  work.effects.push({
    type: 'notify',
    topic: 'step.reminder',
    stepKey: run.key,
    ...notice,
    message: `Reminder: step ${describeNode(node)} is still open.`,
  });
  const every = node.reminders?.every;
  const remaining = timer.remaining;
  if (every && (remaining === undefined || remaining > 0)) {
    const next = remaining === undefined ? undefined : remaining - 1;
    scheduleTimer(
      work,
      run.id,
      'reminder',
      addDuration(timer.fireAt, every),
      next,
    );
  }
}
