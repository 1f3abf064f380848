import type { z } from 'zod';
import type {
  contract,
  documentSchema,
  journeyViewSchema,
  timelineEntrySchema,
} from '../../src-shared/ipc/contract.ts';
import type { Playbook } from '../../src-shared/playbooks/model.ts';
import type { DocumentRef, Vote } from '../../src-shared/journeys/model.ts';

export type JourneyView = z.infer<typeof journeyViewSchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type JourneyDocument = z.infer<typeof documentSchema>;
export type PlaybookData = z.infer<
  (typeof contract)['playbooks:get']['result']
>;
export type { Playbook };

export type Slot = {
  name: string;
  label?: string;
  accept: string[];
  required: boolean;
  document?: DocumentRef;
};

export type Approval = {
  mode: 'single' | 'sequential' | 'all' | 'nOfM';
  approvers: string[];
  votes: Vote[];
};

/**
 * One step as the journey view uses it. The contract passes `slots` and
 * `approval` through without a schema, so they are read defensively here.
 */
export type Step = JourneyView['steps'][number] & {
  slots?: Slot[];
  approval?: Approval;
};

export const stepStates = [
  'blocked',
  'ready',
  'in_progress',
  'done',
  'skipped',
  'rejected',
  'cancelled',
] as const;

export const stateLabels: Record<string, string> = {
  blocked: 'Blocked',
  ready: 'Ready',
  in_progress: 'In progress',
  done: 'Done',
  skipped: 'Skipped',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

/** Steps a person can still act on. */
export function isOpen(step: { state: string }): boolean {
  return step.state === 'ready' || step.state === 'in_progress';
}

export function isFinished(step: { state: string }): boolean {
  return step.state === 'done' || step.state === 'skipped';
}

export function isOverdue(step: Step, now: Date): boolean {
  return (
    isOpen(step) &&
    step.dueAt !== undefined &&
    new Date(step.dueAt).getTime() < now.getTime()
  );
}

/** The steps that lead to one milestone, the milestone last. */
export type StepGroup = { key: string; title: string; steps: Step[] };

/**
 * Groups the steps, already in flow order, by the nearest milestone each
 * leads to, in the milestones' order. Steps of parallel tracks thus join
 * the milestone their own track reaches. Steps with no milestone ahead
 * come last.
 */
export function groupByMilestone(steps: Step[]): StepGroup[] {
  const groups: StepGroup[] = steps
    .filter((step) => step.kind === 'milestone')
    .map((step) => ({ key: step.key, title: step.name, steps: [] }));
  const position = new Map(groups.map((group, index) => [group.key, index]));
  const rest: Step[] = [];
  for (const step of steps) {
    const index =
      step.milestone === undefined ? undefined : position.get(step.milestone);
    if (index === undefined) rest.push(step);
    else groups[index]!.steps.push(step);
  }
  if (rest.length > 0) {
    groups.push({
      key: '',
      title: groups.length === 0 ? 'Steps' : 'After the last milestone',
      steps: rest,
    });
  }
  return groups;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const mimeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'text/csv': 'CSV',
  'application/json': 'JSON',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    'Excel (.xlsx)',
};

export function mimeName(mime: string): string {
  return mimeNames[mime] ?? mime;
}

/** Returns the file-chooser `accept` value for MIME types. */
export function acceptAttribute(mimes: string[]): string {
  const extensions: Record<string, string> = {
    'application/pdf': '.pdf',
    'image/png': '.png',
    'image/jpeg': '.jpg,.jpeg',
    'text/csv': '.csv',
    'application/json': '.json',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      '.xlsx',
  };
  return mimes
    .flatMap((mime) => [mime, extensions[mime] ?? []])
    .flat()
    .join(',');
}
