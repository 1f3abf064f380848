import {
  formatDate,
  groupByMilestone,
  isOverdue,
  stateLabels,
  type Step,
} from './model.ts';

const kindLabels: Record<string, string> = {
  task: 'Task',
  form: 'Form',
  fileRequest: 'Files',
  approval: 'Approval',
  milestone: 'Milestone',
  wait: 'Wait',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`badge state state-${state}`}>
      <span className="state-mark" aria-hidden="true" />
      {stateLabels[state] ?? state}
    </span>
  );
}

type Props = {
  steps: Step[];
  selected?: string;
  onSelect: (key: string) => void;
};

/** The journey's steps in flow order, grouped by the milestone ahead. */
export function StepList({ steps, selected, onSelect }: Props) {
  const now = new Date();
  return (
    <nav className="step-list" aria-label="Steps">
      {groupByMilestone(steps).map((group) => (
        <section key={group.key} className="step-group">
          <h2 className="step-group-title">{group.title}</h2>
          <ul>
            {group.steps.map((step) => (
              <li key={step.key}>
                <StepRow
                  step={step}
                  selected={step.key === selected}
                  overdue={isOverdue(step, now)}
                  onSelect={() => onSelect(step.key)}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

type RowProps = {
  step: Step;
  selected: boolean;
  overdue: boolean;
  onSelect: () => void;
};

function StepRow({ step, selected, overdue, onSelect }: RowProps) {
  return (
    <button
      type="button"
      className={`step-row${selected ? ' selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      data-step={step.key}
      onClick={onSelect}
    >
      <span className="step-row-main">
        <span className="step-name">{step.name}</span>
        <StateBadge state={step.state} />
      </span>
      <span className="step-row-meta">
        <span>{kindLabels[step.kind] ?? step.kind}</span>
        {step.role && <span>Owner: {step.role}</span>}
        {step.assignee && <span>Assignee: {step.assignee}</span>}
        {step.dueAt && (
          <span className={overdue ? 'overdue' : undefined}>
            {overdue ? 'Overdue since ' : 'Due '}
            {formatDate(step.dueAt)}
          </span>
        )}
        {step.attempt > 1 && <span>Attempt {step.attempt}</span>}
      </span>
    </button>
  );
}
