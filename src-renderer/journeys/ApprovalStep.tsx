import { Decision } from './Decision.tsx';
import { formatDateTime, isOpen, type Approval, type Step } from './model.ts';
import type { ActArgs } from './useAction.ts';

const modeLabels: Record<Approval['mode'], string> = {
  single: 'One approver decides',
  sequential: 'Each approver in order',
  all: 'Every approver must approve',
  nOfM: 'A set number of approvers must approve',
};

type Props = {
  step: Step;
  required?: number;
  busy: boolean;
  run: (args: ActArgs) => Promise<boolean>;
};

/** An approval: its mode, approvers, votes so far and the decision. */
export function ApprovalStep({ step, required, busy, run }: Props) {
  const approval = step.approval;
  if (!approval)
    return <p className="muted">This approval has no approvers.</p>;
  const voted = new Set(approval.votes.map((vote) => vote.role ?? vote.by));
  return (
    <div className="approval-step">
      <dl className="facts">
        <dt>Mode</dt>
        <dd>
          {modeLabels[approval.mode]}
          {approval.mode === 'nOfM' && required !== undefined
            ? ` (${required} of ${approval.approvers.length})`
            : ''}
        </dd>
        <dt>Approvers</dt>
        <dd>
          <ol className="approvers">
            {approval.approvers.map((role) => (
              <li key={role}>
                {role}
                {voted.has(role) && <span className="muted"> · voted</span>}
              </li>
            ))}
          </ol>
        </dd>
      </dl>
      <h3>Votes</h3>
      {approval.votes.length === 0 ? (
        <p className="muted">No votes yet.</p>
      ) : (
        <ul className="votes">
          {approval.votes.map((vote) => (
            <li key={`${vote.by}-${vote.at}`}>
              <span
                className={`badge ${vote.decision === 'approve' ? 'success' : 'danger'}`}
              >
                {vote.decision === 'approve' ? 'Approved' : 'Rejected'}
              </span>{' '}
              <strong>{vote.by}</strong>
              {vote.role && <span className="muted"> as {vote.role}</span>}
              <span className="muted"> · {formatDateTime(vote.at)}</span>
              {vote.comment && <p className="vote-comment">{vote.comment}</p>}
            </li>
          ))}
        </ul>
      )}
      {isOpen(step) && <Decision stepKey={step.key} busy={busy} run={run} />}
    </div>
  );
}
