import { useId, useState } from 'react';
import type { ActArgs } from './useAction.ts';

type Props = {
  stepKey: string;
  busy: boolean;
  run: (args: ActArgs) => Promise<boolean>;
  approveLabel?: string;
  rejectLabel?: string;
};

/**
 * Approve or reject with a comment. A rejection needs the comment, because
 * it tells whoever reworks the step what to change.
 */
export function Decision({
  stepKey,
  busy,
  run,
  approveLabel = 'Approve',
  rejectLabel = 'Reject',
}: Props) {
  const id = useId();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);

  const decide = async (action: 'approve' | 'reject') => {
    const text = comment.trim();
    if (action === 'reject' && text === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    const done = await run({
      stepKey,
      action,
      ...(text === '' ? {} : { comment: text }),
    });
    if (done) setComment('');
  };

  return (
    <div className="decision">
      <div className="field">
        <label htmlFor={`${id}-comment`}>
          Comment <span className="muted">(required to reject)</span>
        </label>
        <textarea
          id={`${id}-comment`}
          value={comment}
          aria-invalid={missing}
          aria-describedby={missing ? `${id}-error` : undefined}
          onChange={(event) => {
            setComment(event.target.value);
            if (event.target.value.trim() !== '') setMissing(false);
          }}
        />
        {missing && (
          <span id={`${id}-error`} className="field-error">
            Enter a comment that says what must change before rejecting.
          </span>
        )}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void decide('approve')}
        >
          {approveLabel}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => void decide('reject')}
        >
          {rejectLabel}
        </button>
      </div>
    </div>
  );
}
