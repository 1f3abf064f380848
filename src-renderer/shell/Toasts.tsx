import { useEffect } from 'react';
import { useToasts, type Toast } from './toasts.ts';

const successMillis = 5000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToasts((state) => state.dismiss);
  useEffect(() => {
    // Errors stay until dismissed, so there is time to read the reference.
    if (toast.tone === 'error') return;
    const timer = setTimeout(() => dismiss(toast.id), successMillis);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);

  return (
    <div className={`toast toast-${toast.tone}`} role="group">
      <div className="toast-text">
        <strong>{toast.title}</strong>
        {toast.message && <span>{toast.message}</span>}
        {toast.code && (
          <span className="muted">
            Reference: <code>{toast.code}</code>
          </span>
        )}
      </div>
      <button
        type="button"
        className="ghost small"
        aria-label={`Dismiss: ${toast.title}`}
        onClick={() => dismiss(toast.id)}
      >
        ✕
      </button>
    </div>
  );
}

/** Errors and confirmations, announced to screen readers as they appear. */
export function Toasts() {
  const toasts = useToasts((state) => state.toasts);
  const errors = toasts.filter((toast) => toast.tone === 'error');
  const others = toasts.filter((toast) => toast.tone !== 'error');
  return (
    <div className="toasts">
      <div role="alert" aria-live="assertive">
        {errors.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </div>
      <div role="status" aria-live="polite">
        {others.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </div>
    </div>
  );
}
