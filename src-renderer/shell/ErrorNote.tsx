import { IpcCallError } from '../api/client.ts';

/**
 * Shows an error inside a dialog, where toasts sit behind the backdrop.
 * It names what failed, the back end's message and the code as reference.
 */
export function ErrorNote({ title, error }: { title: string; error: unknown }) {
  const message =
    error instanceof Error ? error.message : 'An unexpected error occurred.';
  return (
    <div className="error-note" role="alert">
      <strong>{title}</strong>
      <span>{message}</span>
      {error instanceof IpcCallError && (
        <span className="muted">
          Reference: <code>{error.code}</code>
        </span>
      )}
    </div>
  );
}
