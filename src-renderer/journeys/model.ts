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

/** A run of steps up to and including the milestone that closes it. */
export type StepGroup = { title: string; steps: Step[] };

/**
 * Splits the steps, already in playbook order, at each milestone, so that
 * every group is the work leading to one milestone.
 */
export function groupByMilestone(steps: Step[]): StepGroup[] {
  const groups: StepGroup[] = [];
  let current: Step[] = [];
  for (const step of steps) {
    current.push(step);
    if (step.kind === 'milestone') {
      groups.push({ title: step.name, steps: current });
      current = [];
    }
  }
  if (current.length > 0) {
    groups.push({
      title: groups.length === 0 ? 'Steps' : 'After the last milestone',
      steps: current,
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
