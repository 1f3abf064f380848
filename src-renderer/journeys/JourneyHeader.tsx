import { useState } from 'react';
import { invoke } from '../api/client.ts';
import { Dialog } from '../shell/Dialog.tsx';
import type { JourneyView } from './model.ts';
import { toActionError, type ActionError } from './useAction.ts';
import { ErrorNote } from './ErrorNote.tsx';

const segmentLabels: Record<string, string> = {
  smb: 'SMB',
  'mid-market': 'Mid-market',
  enterprise: 'Enterprise',
};

const statusTones: Record<string, string> = {
  active: 'info',
  paused: 'warning',
  completed: 'success',
  cancelled: 'danger',
};

type Props = { journey: JourneyView; onChange: (view: JourneyView) => void };

/** Client name, classification, status and progress, with status actions. */
export function JourneyHeader({ journey, onChange }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();
  const [cancelling, setCancelling] = useState(false);

  const setStatus = async (
    status: 'pause' | 'resume' | 'cancel',
    reason?: string,
  ) => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(
        await invoke('journeys:setStatus', { id: journey.id, status, reason }),
      );
      setCancelling(false);
    } catch (failure) {
      setError(toActionError(failure));
    } finally {
      setBusy(false);
    }
  };

  const open = journey.status === 'active' || journey.status === 'paused';
  return (
    <header className="journey-header panel">
      <div className="journey-title">
        <h1>{journey.clientName}</h1>
        <span className={`badge segment-${journey.segment}`}>
          {segmentLabels[journey.segment] ?? journey.segment}
        </span>
        <span className={`badge risk-${journey.riskTier}`}>
          {journey.riskTier} risk
        </span>
        <span className={`badge ${statusTones[journey.status] ?? ''}`}>
          {journey.status}
        </span>
      </div>
      <div className="journey-progress">
        <span className="muted">
          Stage <strong className="journey-stage">{journey.stage}</strong>
        </span>
        <progress
          max={100}
          value={journey.progress}
          aria-label="Journey progress"
        />
        <span>{journey.progress}%</span>
      </div>
      {open && (
        <div className="journey-actions">
          {journey.status === 'active' ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => void setStatus('pause')}
            >
              Pause
            </button>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => void setStatus('resume')}
            >
              Resume
            </button>
          )}
          <button
            type="button"
            className="ghost danger-text"
            disabled={busy}
            onClick={() => setCancelling(true)}
          >
            Cancel journey…
          </button>
        </div>
      )}
      {error && !cancelling && (
        <ErrorNote
          title="Could not change the journey's status"
          error={error}
        />
      )}
      {cancelling && (
        <CancelDialog
          clientName={journey.clientName}
          busy={busy}
          error={error}
          onCancel={() => {
            setCancelling(false);
            setError(undefined);
          }}
          onConfirm={(reason) => void setStatus('cancel', reason)}
        />
      )}
    </header>
  );
}

type CancelProps = {
  clientName: string;
  busy: boolean;
  error?: ActionError;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
};

function CancelDialog(props: CancelProps) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === '';
  const submit = () => {
    setTouched(true);
    if (!missing) props.onConfirm(reason.trim());
  };
  return (
    <Dialog
      title="Cancel this journey?"
      description={`${props.clientName}'s open steps are cancelled and the journey cannot be resumed.`}
      onClose={props.onCancel}
      footer={
        <>
          <button type="button" onClick={props.onCancel}>
            Keep the journey
          </button>
          <button
            type="button"
            className="danger"
            disabled={props.busy}
            onClick={submit}
          >
            Cancel journey
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="cancel-reason">Reason (required)</label>
        <textarea
          id="cancel-reason"
          value={reason}
          autoFocus
          aria-invalid={touched && missing}
          aria-describedby={
            touched && missing ? 'cancel-reason-error' : undefined
          }
          onChange={(event) => setReason(event.target.value)}
        />
        {touched && missing && (
          <span id="cancel-reason-error" className="field-error">
            Enter why the journey is cancelled; it is kept in the timeline.
          </span>
        )}
      </div>
      {props.error && (
        <ErrorNote title="Could not cancel the journey" error={props.error} />
      )}
    </Dialog>
  );
}
