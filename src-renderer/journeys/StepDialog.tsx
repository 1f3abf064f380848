import { useState } from 'react';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import type { Step } from './model.ts';
import type { ActArgs, ActionError } from './useAction.ts';

export type StepDialogKind = 'skip' | 'reassign';

type Props = {
  kind: StepDialogKind;
  step: Step;
  busy: boolean;
  error?: ActionError;
  onCancel: () => void;
  run: (args: ActArgs) => Promise<boolean>;
};

const texts = {
  skip: {
    title: 'Skip',
    label: 'Reason (required)',
    missing: 'Enter why the step is skipped; it is kept in the timeline.',
    confirm: 'Skip step',
    description:
      'The journey moves on as if the step were done. You can reopen it later.',
  },
  reassign: {
    title: 'Reassign',
    label: 'Assignee name',
    missing: 'Enter the name of the person who takes over the step.',
    confirm: 'Reassign',
    description: 'The person you name is notified that the step is theirs.',
  },
};

/** Asks for the reason of a skip or the new assignee of a step. */
export function StepDialog({ kind, step, busy, error, onCancel, run }: Props) {
  const text = texts[kind];
  const [value, setValue] = useState(
    kind === 'reassign' ? (step.assignee ?? '') : '',
  );
  const [touched, setTouched] = useState(false);
  const missing = value.trim() === '';

  const submit = () => {
    setTouched(true);
    if (missing) return;
    void run(
      kind === 'skip'
        ? { stepKey: step.key, action: 'skip', comment: value.trim() }
        : { stepKey: step.key, action: 'reassign', assignee: value.trim() },
    );
  };

  return (
    <Dialog
      title={`${text.title} “${step.name}”`}
      description={text.description}
      onClose={onCancel}
      footer={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={submit}
          >
            {text.confirm}
          </button>
        </>
      }
    >
      <form
        className="field"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label htmlFor="step-dialog-value">{text.label}</label>
        {kind === 'skip' ? (
          <textarea
            id="step-dialog-value"
            value={value}
            autoFocus
            aria-invalid={touched && missing}
            onChange={(event) => setValue(event.target.value)}
          />
        ) : (
          <input
            id="step-dialog-value"
            value={value}
            autoFocus
            aria-invalid={touched && missing}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
        {touched && missing && (
          <span className="field-error">{text.missing}</span>
        )}
      </form>
      {error && (
        <ErrorNote title={`Could not ${kind} the step`} error={error} />
      )}
    </Dialog>
  );
}
