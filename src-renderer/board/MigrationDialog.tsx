import { useEffect, useId, useState } from 'react';
import { invoke } from '../api/client.ts';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import type { Segment } from '../../src-shared/playbooks/model.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { useShell } from '../shell/store.ts';
import { notify, reportError } from '../shell/toasts.ts';
import { segmentLabels, stepLabel } from './model.ts';

type Migration = ResultOf<'journeys:migrate'>;

type Props = {
  journeyId: string;
  clientName: string;
  from: Segment;
  to: Segment;
  onClose: () => void;
  /** Called after the journey has moved. */
  onMoved?: () => void;
};

/** Renders one column of a migration preview, labelling steps by `names`. */
export function StepList(props: {
  title: string;
  steps: string[];
  empty: string;
  names?: Record<string, string>;
}) {
  const id = useId();
  return (
    <section className="migration-list" aria-labelledby={id}>
      <h3 id={id}>
        {props.title} <span className="muted">({props.steps.length})</span>
      </h3>
      {props.steps.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        // A long list scrolls, so it takes focus for keyboard scrolling.
        <ul tabIndex={0} aria-labelledby={id}>
          {props.steps.map((key) => (
            <li key={key} title={key}>
              {props.names?.[key] ?? stepLabel(key)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Shows what moving a journey to another segment's playbook changes (a dry
 * run) and moves it only when the user confirms.
 */
export function MigrationDialog(props: Props) {
  const { journeyId, to } = props;
  const [preview, setPreview] = useState<Migration>();
  const [failure, setFailure] = useState<string>();
  const [reason, setReason] = useState('');
  const [moving, setMoving] = useState(false);
  const refreshBoard = useShell((state) => state.refreshBoard);
  const reasonId = useId();

  useEffect(() => {
    invoke('journeys:migrate', { id: journeyId, segment: to, dryRun: true })
      .then(setPreview)
      .catch((error: unknown) => {
        setFailure(error instanceof Error ? error.message : String(error));
      });
  }, [journeyId, to]);

  const confirm = async () => {
    setMoving(true);
    try {
      await invoke('journeys:migrate', {
        id: journeyId,
        segment: to,
        dryRun: false,
        reason: reason.trim() || undefined,
      });
      notify(
        `${props.clientName} moved to ${segmentLabels[to]}`,
        'Finished steps were kept.',
      );
      refreshBoard();
      props.onMoved?.();
      props.onClose();
    } catch (error) {
      reportError(`Could not move ${props.clientName}`, error);
      setMoving(false);
    }
  };

  return (
    <Dialog
      wide
      title={`Move ${props.clientName} to ${segmentLabels[to]}`}
      description={`The journey leaves the ${segmentLabels[props.from]} playbook for the ${segmentLabels[to]} playbook. Finished steps are kept; nothing changes until you confirm.`}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!preview || moving}
            onClick={() => void confirm()}
          >
            {moving && <span className="spinner" aria-hidden="true" />}
            Confirm move
          </button>
        </>
      }
    >
      {!preview && !failure && (
        <p role="status" className="muted">
          <span className="spinner" aria-hidden="true" /> Comparing the
          playbooks…
        </p>
      )}
      {failure && (
        <p role="alert" className="field-error">
          The move cannot be previewed: {failure} Close this dialog and try
          again, or check the journey's status.
        </p>
      )}
      {preview && (
        <div className="migration-lists">
          <StepList
            title="Kept"
            steps={preview.kept}
            empty="No steps carry over."
          />
          <StepList title="Added" steps={preview.added} empty="No new steps." />
          <StepList
            title="Removed"
            steps={preview.removed}
            empty="No steps are removed."
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={reasonId}>Reason</label>
        <textarea
          id={reasonId}
          value={reason}
          placeholder="Why this client moves, for the audit trail"
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
    </Dialog>
  );
}
