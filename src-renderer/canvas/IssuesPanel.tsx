import { useStore } from 'zustand';
import type { CanvasIssue } from './issues.ts';
import type { CanvasStore } from './store.ts';

function selectIssue(store: CanvasStore, issue: CanvasIssue) {
  const { select } = store.getState();
  if (issue.nodeKey) select({ nodes: [issue.nodeKey], edges: [] });
  else if (issue.edgeKey) select({ nodes: [], edges: [issue.edgeKey] });
}

/** Validation errors and warnings; choosing one selects its step. */
export function IssuesPanel({ store }: { store: CanvasStore }) {
  const issues = useStore(store, (state) => state.issues);
  const errors = issues.all.filter((issue) => issue.severity === 'error');
  const warnings = issues.all.length - errors.length;
  return (
    <section className="canvas-issues" aria-label="Validation">
      <h2 className="canvas-panel-title">
        {issues.all.length === 0
          ? 'No problems'
          : `${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}
      </h2>
      {issues.all.length === 0 ? (
        <p className="muted">The playbook is ready to publish.</p>
      ) : (
        <ul>
          {issues.all.map((issue, index) => (
            <li key={index}>
              <button
                type="button"
                className={`canvas-issue ${issue.severity}`}
                disabled={!issue.nodeKey && !issue.edgeKey}
                onClick={() => selectIssue(store, issue)}
              >
                <span
                  className={`badge ${issue.severity === 'error' ? 'danger' : 'warning'}`}
                >
                  {issue.severity}
                </span>{' '}
                {issue.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
