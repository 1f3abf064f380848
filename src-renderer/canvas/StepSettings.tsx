import {
  approvalModes,
  defaultStages,
  isoDurationSchema,
  type FileSlot,
  type PlaybookEdge,
  type PlaybookNode,
} from '../../src-shared/playbooks/model.ts';
import {
  Checkbox,
  replaceAt,
  NumberInput,
  SelectInput,
  TextInput,
  splitList,
} from './fields.tsx';

export type NodePatch = (patch: Partial<PlaybookNode>) => void;

interface SettingsProps {
  node: PlaybookNode;
  onPatch: NodePatch;
}

/** Returns an error message for an ISO 8601 duration, or undefined. */
export function durationError(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return isoDurationSchema.safeParse(text).success
    ? undefined
    : 'Enter an ISO 8601 duration such as P7D (7 days) or PT4H (4 hours).';
}

function SlotEditor(props: {
  slot: FileSlot;
  index: number;
  onChange: (slot: FileSlot | undefined) => void;
}) {
  const { slot, index, onChange } = props;
  return (
    <fieldset className="canvas-slot">
      <legend>Slot {index + 1}</legend>
      <TextInput
        label="Name"
        value={slot.name}
        mono
        onCommit={(name) =>
          name.trim() && onChange({ ...slot, name: name.trim() })
        }
      />
      <TextInput
        label="Label"
        value={slot.label ?? ''}
        onCommit={(label) => onChange({ ...slot, label: label || undefined })}
      />
      <TextInput
        label="Accepted types"
        value={slot.accept.join(', ')}
        hint="MIME types separated by commas, such as application/pdf, image/png."
        onCommit={(text) => onChange({ ...slot, accept: splitList(text) })}
      />
      <Checkbox
        label="Required"
        checked={slot.required}
        onChange={(required) => onChange({ ...slot, required })}
      />
      <button
        type="button"
        className="small danger"
        onClick={() => onChange(undefined)}
      >
        Remove slot
      </button>
    </fieldset>
  );
}

export function FileRequestSettings({ node, onPatch }: SettingsProps) {
  const slots = node.slots ?? [];
  const setSlot = (index: number, slot: FileSlot | undefined) => {
    const next = replaceAt(slots, index, slot);
    onPatch({ slots: next });
  };
  const addSlot = () => {
    const names = new Set(slots.map((slot) => slot.name));
    let n = slots.length + 1;
    while (names.has(`document_${n}`)) n++;
    onPatch({
      slots: [
        ...slots,
        {
          name: `document_${n}`,
          label: 'Document',
          accept: ['application/pdf'],
          required: true,
        },
      ],
    });
  };
  return (
    <section className="canvas-section" aria-label="Documents">
      <h3>Documents</h3>
      {slots.map((slot, index) => (
        <SlotEditor
          key={`${index}-${slot.name}`}
          slot={slot}
          index={index}
          onChange={(next) => setSlot(index, next)}
        />
      ))}
      <button type="button" className="small" onClick={addSlot}>
        Add slot
      </button>
      <Checkbox
        label="A coordinator reviews the uploads"
        checked={node.review ?? false}
        onChange={(review) => onPatch({ review: review || undefined })}
      />
    </section>
  );
}

const modeLabels: Record<(typeof approvalModes)[number], string> = {
  single: 'Single: one approver decides',
  sequential: 'Sequential: each role in order',
  all: 'All: every role approves',
  nOfM: 'N of M: a number of approvals',
};

export function ApprovalSettings({ node, onPatch }: SettingsProps) {
  const approval = node.approval ?? { mode: 'single', approvers: [] };
  return (
    <section className="canvas-section" aria-label="Approval">
      <h3>Approval</h3>
      <SelectInput
        label="Mode"
        value={approval.mode}
        options={approvalModes.map((mode) => ({
          value: mode,
          label: modeLabels[mode],
        }))}
        onChange={(mode) =>
          onPatch({
            approval: {
              ...approval,
              mode,
              required: mode === 'nOfM' ? approval.required : undefined,
            },
          })
        }
      />
      <TextInput
        label="Approvers"
        value={approval.approvers.join(', ')}
        hint={
          approval.mode === 'sequential'
            ? 'Roles in the order they approve, separated by commas.'
            : 'Roles separated by commas.'
        }
        onCommit={(text) =>
          onPatch({ approval: { ...approval, approvers: splitList(text) } })
        }
      />
      {approval.mode === 'nOfM' && (
        <NumberInput
          label="Approvals required"
          min={1}
          value={approval.required}
          hint={`Out of ${approval.approvers.length} approvers.`}
          onCommit={(required) =>
            onPatch({ approval: { ...approval, required } })
          }
        />
      )}
    </section>
  );
}

export function BranchSettings({ node, onPatch }: SettingsProps) {
  return (
    <section className="canvas-section" aria-label="Branch">
      <h3>Branch</h3>
      <SelectInput
        label="Mode"
        value={node.branch?.mode ?? 'exclusive'}
        options={[
          {
            value: 'exclusive',
            label: 'Exclusive: the first path whose condition holds',
          },
          {
            value: 'inclusive',
            label: 'Inclusive: every path whose condition holds',
          },
        ]}
        onChange={(mode) => onPatch({ branch: { mode } })}
        hint="Set conditions on the outgoing connections; mark one as the default."
      />
    </section>
  );
}

export function MilestoneSettings({ node, onPatch }: SettingsProps) {
  return (
    <section className="canvas-section" aria-label="Milestone">
      <h3>Milestone</h3>
      <SelectInput
        label="Board stage"
        value={node.stage ?? ''}
        options={[
          { value: '', label: 'No stage change' },
          ...[
            ...new Set([...defaultStages, ...(node.stage ? [node.stage] : [])]),
          ].map((stage) => ({ value: stage, label: stage })),
        ]}
        onChange={(stage) => onPatch({ stage: stage || undefined })}
      />
    </section>
  );
}

export function WaitSettings({ node, onPatch }: SettingsProps) {
  const wait = node.wait ?? {};
  return (
    <section className="canvas-section" aria-label="Wait">
      <h3>Wait</h3>
      <TextInput
        label="Duration"
        value={wait.duration ?? ''}
        mono
        placeholder="P3D"
        error={durationError(wait.duration)}
        hint="ISO 8601 duration, such as P3D for three days."
        onCommit={(duration) =>
          onPatch({ wait: { ...wait, duration: duration || undefined } })
        }
      />
      <TextInput
        label="Until"
        value={wait.until ?? ''}
        mono
        placeholder="2026-01-31T09:00:00Z"
        hint="An ISO date or date-time, such as 2026-05-01. The duration wins when both are set."
        onCommit={(until) =>
          onPatch({ wait: { ...wait, until: until || undefined } })
        }
      />
    </section>
  );
}

export function DeadlineSettings(
  props: SettingsProps & { outgoing: PlaybookEdge[] },
) {
  const { node, onPatch, outgoing } = props;
  const deadline = node.deadline;
  const reminders = node.reminders;
  return (
    <section className="canvas-section" aria-label="Deadline and reminders">
      <h3>Deadline and reminders</h3>
      {deadline ? (
        <>
          <TextInput
            label="Deadline after"
            value={deadline.after}
            mono
            error={durationError(deadline.after)}
            onCommit={(after) => onPatch({ deadline: { ...deadline, after } })}
          />
          <SelectInput
            label="Path when late"
            value={deadline.edge}
            options={outgoing.map((edge) => ({
              value: edge.key,
              label: `${edge.name ?? edge.key} → ${edge.to}`,
            }))}
            onChange={(edge) => onPatch({ deadline: { ...deadline, edge } })}
          />
          <button
            type="button"
            className="small"
            onClick={() => onPatch({ deadline: undefined })}
          >
            Remove deadline
          </button>
        </>
      ) : (
        <button
          type="button"
          className="small"
          disabled={outgoing.length === 0}
          title={
            outgoing.length === 0
              ? 'Connect this step to the path to take when it is late first.'
              : undefined
          }
          onClick={() => {
            const edge = outgoing[0];
            if (edge) onPatch({ deadline: { after: 'P7D', edge: edge.key } });
          }}
        >
          Add deadline
        </button>
      )}
      {reminders ? (
        <>
          <TextInput
            label="Remind every"
            value={reminders.every}
            mono
            error={durationError(reminders.every)}
            onCommit={(every) =>
              onPatch({ reminders: { ...reminders, every } })
            }
          />
          <NumberInput
            label="Reminders at most"
            min={1}
            value={reminders.times}
            hint="Leave empty to remind while the step is open."
            onCommit={(times) =>
              onPatch({ reminders: { ...reminders, times } })
            }
          />
          <button
            type="button"
            className="small"
            onClick={() => onPatch({ reminders: undefined })}
          >
            Remove reminders
          </button>
        </>
      ) : (
        <button
          type="button"
          className="small"
          onClick={() => onPatch({ reminders: { every: 'P2D' } })}
        >
          Add reminders
        </button>
      )}
    </section>
  );
}
