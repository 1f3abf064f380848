import type { ActionError } from './useAction.ts';

/** An inline error: what failed, the back end's reason and its code. */
export function ErrorNote({
  title,
  error,
}: {
  title: string;
  error: ActionError;
}) {
  return (
    <div className="error-note" role="alert">
      <strong>{title}</strong>
      <span>{error.message}</span>
      {error.code && <span className="muted">Reference: {error.code}</span>}
    </div>
  );
}
