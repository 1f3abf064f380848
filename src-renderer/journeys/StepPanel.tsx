import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../shell/Dialog.tsx';
import { ApprovalStep } from './ApprovalStep.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { FileRequestStep } from './FileRequestStep.tsx';
import { FormStep } from './FormStep.tsx';
import { StateBadge } from './StepList.tsx';
import { StepDialog, type StepDialogKind } from './StepDialog.tsx';
import {
  formatDate,
  isFinished,
  isOpen,
  isOverdue,
  type JourneyView,
  type PlaybookData,
  type Step,
} from './model.ts';
import { useStepAction, type ActArgs, type ActionError } from './useAction.ts';

type Props = {
  journey: JourneyView;
  playbook?: PlaybookData;
  step: Step;
  apply: (view: JourneyView) => void;
};

function errorTitle(error: ActionError): string {
  if (error.code === 'DOCUMENT_REJECTED') return 'The document was rejected';
  if (error.code === 'FORM_INVALID')
    return 'Some answers are invalid; correct the marked fields';
  return 'The action failed';
}

/** The selected step: its facts, the work for its kind and its actions. */
export function StepPanel({ journey, playbook, step, apply }: Props) {
  const { run, busy, error, clear } = useStepAction(journey.id, apply);
  const [dialog, setDialog] = useState<StepDialogKind>();
  const [reopening, setReopening] = useState(false);
  const node = playbook?.nodes.find((candidate) => candidate.key === step.key);
  const active = journey.status === 'active';

  useEffect(clear, [step.key, clear]);

  const act = async (args: ActArgs) => {
    const done = await run(args);
    if (done) setDialog(undefined);
    return done;
  };

  return (
    <section className="step-panel panel" aria-labelledby="step-panel-title">
      <header className="step-panel-head">
        <h2 id="step-panel-title">{step.name}</h2>
        <StateBadge state={step.state} />
      </header>
      <StepFacts step={step} />
      {step.help && <p className="step-help">{step.help}</p>}
      {!active && isOpen(step) && (
        <p className="notice warning">
          The journey is {journey.status}; resume it to act on this step.
        </p>
      )}
      {error && <ErrorNote title={errorTitle(error)} error={error} />}
      <div className="step-work">
        <StepWork
          key={`${step.key}-${step.attempt}`}
          journey={journey}
          node={node}
          step={step}
          busy={busy || !active}
          error={error}
          run={act}
        />
      </div>
      {active && (
        <footer className="step-actions">
          {isOpen(step) && (
            <>
              <button type="button" onClick={() => setDialog('reassign')}>
                Reassign…
              </button>
              <button type="button" onClick={() => setDialog('skip')}>
                Skip…
              </button>
            </>
          )}
          {isFinished(step) && (
            <button type="button" onClick={() => setReopening(true)}>
              Reopen…
            </button>
          )}
        </footer>
      )}
      {dialog && (
        <StepDialog
          kind={dialog}
          step={step}
          busy={busy}
          error={error}
          onCancel={() => {
            setDialog(undefined);
            clear();
          }}
          run={act}
        />
      )}
      {reopening && (
        <ConfirmDialog
          title={`Reopen ${step.name}?`}
          message="The step becomes ready again with a new attempt, and the steps after it wait for it once more."
          confirmLabel="Reopen step"
          busy={busy}
          onCancel={() => setReopening(false)}
          onConfirm={() => {
            setReopening(false);
            void run({ stepKey: step.key, action: 'reopen' });
          }}
        />
      )}
    </section>
  );
}

function StepFacts({ step }: { step: Step }) {
  const overdue = isOverdue(step, new Date());
  return (
    <dl className="facts">
      <dt>Owner</dt>
      <dd>{step.role ?? 'Unassigned role'}</dd>
      <dt>Assignee</dt>
      <dd>{step.assignee ?? 'Nobody yet'}</dd>
      {step.dueAt && (
        <>
          <dt>Due</dt>
          <dd className={overdue ? 'overdue' : undefined}>
            {formatDate(step.dueAt)}
            {overdue && ' (overdue)'}
          </dd>
        </>
      )}
      {step.attempt > 1 && (
        <>
          <dt>Attempt</dt>
          <dd>{step.attempt}</dd>
        </>
      )}
    </dl>
  );
}

type WorkProps = {
  journey: JourneyView;
  node?: PlaybookData['nodes'][number];
  step: Step;
  busy: boolean;
  error?: ActionError;
  run: (args: ActArgs) => Promise<boolean>;
};

function StepWork({ journey, node, step, busy, error, run }: WorkProps) {
  switch (step.kind) {
    case 'form':
      return (
        <FormStep
          step={step}
          spec={node?.form}
          vars={journey.vars}
          busy={busy}
          error={error}
          run={run}
        />
      );
    case 'fileRequest':
      return <FileRequestStep step={step} busy={busy} run={run} />;
    case 'approval':
      return (
        <ApprovalStep
          step={step}
          required={node?.approval?.required}
          busy={busy}
          run={run}
        />
      );
    case 'task':
      return isOpen(step) ? (
        <TaskWork step={step} busy={busy} run={run} />
      ) : null;
    case 'milestone':
      return (
        <p className="muted">
          A milestone completes by itself when the steps before it are done.
        </p>
      );
    default:
      return null;
  }
}

function TaskWork({ step, busy, run }: Omit<WorkProps, 'journey'>) {
  const [comment, setComment] = useState('');
  return (
    <div className="task-step">
      <div className="field">
        <label htmlFor="task-comment">
          Comment <span className="muted">(optional)</span>
        </label>
        <textarea
          id="task-comment"
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            void run({
              stepKey: step.key,
              action: 'complete',
              ...(comment.trim() ? { comment: comment.trim() } : {}),
            })
          }
        >
          Mark complete
        </button>
      </div>
    </div>
  );
}
