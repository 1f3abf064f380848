import type { TimelineEntry } from './model.ts';

type Data = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withReason(sentence: string, data: Data): string {
  const reason = text(data.reason) ?? text(data.comment);
  return reason ? `${sentence}: “${reason}”` : `${sentence}.`;
}

function playbookLabel(value: unknown): string {
  const ref = (value ?? {}) as Data;
  return `${text(ref.playbookId) ?? 'a playbook'} v${String(ref.version ?? '?')}`;
}

type Describe = (
  step: string,
  data: Data,
  names: ReadonlyMap<string, string>,
) => string;

const sentences: Record<string, Describe> = {
  'client.added': () => 'Added the client.',
  'journey.started': (_step, data) =>
    `Started the journey on ${playbookLabel(data)}.`,
  'journey.completed': () => 'The journey completed.',
  'journey.paused': (_step, data) => withReason('Paused the journey', data),
  'journey.resumed': () => 'Resumed the journey.',
  'journey.cancelled': (_step, data) =>
    withReason('Cancelled the journey', data),
  'journey.migrated': (_step, data) =>
    withReason(
      `Moved the journey from ${playbookLabel(data.from)} to ${playbookLabel(data.to)}`,
      data,
    ),
  'segment.changed': (_step, data) =>
    withReason(
      `Changed the segment from ${text(data.from) ?? '?'} to ${text(data.to) ?? '?'}`,
      data,
    ),
  'step.ready': (step) => `${step} became ready.`,
  'step.started': (step) => `Started ${step}.`,
  'step.completed': (step) => `Completed ${step}.`,
  'step.rejected': (step, data) => withReason(`Rejected ${step}`, data),
  'step.skipped': (step, data) => withReason(`Skipped ${step}`, data),
  'step.reopened': (step, data) => withReason(`Reopened ${step}`, data),
  'step.blocked': (step, data) => withReason(`Blocked ${step}`, data),
  'step.cancelled': (step, data) => withReason(`Cancelled ${step}`, data),
  'step.reassigned': (step, data) =>
    `Assigned ${step} to ${text(data.assignee) ?? 'nobody'}.`,
  'step.returned': (step, data, names) => {
    const to = text(data.to);
    return `Sent ${step} back to ${to ? (names.get(to) ?? to) : 'an earlier step'} for rework.`;
  },
  'step.reminder': (step) => `Sent a reminder for ${step}.`,
  'step.approved': (step, data) => withReason(`Approved ${step}`, data),
  'document.uploaded': (step, data) =>
    `Uploaded version ${String(data.version ?? 1)} of ${text(data.slot) ?? 'a document'} to ${step}.`,
  'milestone.reached': (step, data) =>
    text(data.stage)
      ? `Reached ${step}; the journey is now in ${text(data.stage)}.`
      : `Reached ${step}.`,
  'incident.raised': (step, data) =>
    `Incident at ${step}: ${text(data.message) ?? 'no path can be chosen.'}`,
  'incident.resolved': (step, data) =>
    `Resolved the incident at ${step} by taking ${text(data.edgeKey) ?? 'a path'}.`,
  'sla.warning': (step) => `${step} is close to its due date.`,
  'sla.breached': (step) => `${step} passed its deadline.`,
  'vars.set': (_step, data) =>
    `Updated ${Array.isArray(data.keys) ? data.keys.join(', ') : 'variables'}.`,
};

/**
 * Writes one readable sentence for a timeline event. `stepNames` maps step
 * keys to their names; an unknown event type gets a generic sentence.
 */
export function describeEvent(
  entry: TimelineEntry,
  stepNames: ReadonlyMap<string, string>,
): string {
  const step = entry.stepKey
    ? (stepNames.get(entry.stepKey) ?? entry.stepKey)
    : 'the journey';
  const data =
    typeof entry.data === 'object' && entry.data !== null
      ? (entry.data as Data)
      : {};
  const describe = sentences[entry.type];
  if (describe) return describe(step, data, stepNames);
  return `${entry.type.replace('.', ' ')}${entry.stepKey ? ` (${step})` : ''}.`;
}
