import {
  workKinds,
  type ApprovalSpec,
  type FileSlot,
  type NodeKind,
  type Playbook,
  type PlaybookNode,
} from '../playbooks/model.ts';
import type {
  DocumentRef,
  JourneyState,
  StepRun,
  StepState,
  Vote,
} from './model.ts';
import { flowOrder, milestonesAhead } from './graph.ts';

/** One work step of a journey as screens and the CLI show it. */
export type StepView = {
  key: string;
  name: string;
  kind: NodeKind;
  state: StepState;
  role?: string;
  assignee?: string;
  dueAt?: string;
  attempt: number;
  /** JSON Schema of a form step's answers. */
  form?: Record<string, unknown>;
  slots?: (FileSlot & { document?: DocumentRef })[];
  /** Set on a file request whose uploads are approved or rejected. */
  review?: boolean;
  approval?: { mode: ApprovalSpec['mode']; approvers: string[]; votes: Vote[] };
  runId?: string;
  help?: string;
  /** Key of the nearest milestone this step leads to (a milestone's own). */
  milestone?: string;
};

/**
 * Returns the whole percentage of work nodes whose latest run is done or
 * skipped: 100 for a completed journey, 0 for a playbook without work nodes.
 */
export function journeyProgress(
  playbook: Playbook,
  state: JourneyState,
): number {
  if (state.status === 'completed') return 100;
  const latest = latestRuns(state);
  let total = 0;
  let finished = 0;
  for (const node of playbook.nodes) {
    if (!workKinds.includes(node.kind)) continue;
    total++;
    const run = latest.get(node.key);
    if (run?.state === 'done' || run?.state === 'skipped') finished++;
  }
  return total === 0 ? 0 : Math.floor((finished * 100) / total);
}

/** Lists the work nodes in flow order with the state of their latest run. */
export function describeSteps(
  playbook: Playbook,
  state: JourneyState,
): StepView[] {
  const latest = latestRuns(state);
  const ahead = milestonesAhead(playbook);
  const views: StepView[] = [];
  for (const node of flowOrder(playbook)) {
    if (!workKinds.includes(node.kind)) continue;
    const view = viewOf(node, latest.get(node.key));
    const milestone = ahead.get(node.key);
    if (milestone !== undefined) view.milestone = milestone;
    views.push(view);
  }
  return views;
}

function viewOf(node: PlaybookNode, run: StepRun | undefined): StepView {
  const view: StepView = {
    key: node.key,
    name: node.name,
    kind: node.kind,
    state: run ? run.state : 'blocked',
    attempt: run ? run.attempt : 0,
  };
  const role = run?.role ?? node.role;
  if (role !== undefined) view.role = role;
  if (run?.assignee !== undefined) view.assignee = run.assignee;
  if (run?.dueAt !== undefined) view.dueAt = run.dueAt;
  if (run) view.runId = run.id;
  if (node.help !== undefined) view.help = node.help;
  if (node.form) view.form = node.form.schema;
  if (node.review) view.review = true;
  if (node.slots)
    view.slots = node.slots.map((slot) => withDocument(slot, run));
  if (node.approval) {
    view.approval = {
      mode: node.approval.mode,
      approvers: [...node.approval.approvers],
      votes: run?.votes ?? [],
    };
  }
  return view;
}

/** Returns the first step in flow order that is ready or in progress. */
export function nextStep(
  playbook: Playbook,
  state: JourneyState,
): StepView | undefined {
  const latest = latestRuns(state);
  for (const node of flowOrder(playbook)) {
    if (!workKinds.includes(node.kind)) continue;
    const run = latest.get(node.key);
    if (run?.state === 'ready' || run?.state === 'in_progress') {
      return viewOf(node, run);
    }
  }
  return undefined;
}

function withDocument(
  slot: FileSlot,
  run: StepRun | undefined,
): FileSlot & { document?: DocumentRef } {
  const document = run?.files?.[slot.name];
  return document ? { ...slot, document } : { ...slot };
}

function latestRuns(state: JourneyState): Map<string, StepRun> {
  const latest = new Map<string, StepRun>();
  for (const run of state.runs) latest.set(run.key, run);
  return latest;
}
