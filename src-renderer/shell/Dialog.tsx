import { useEffect, useId, useRef, type ReactNode } from 'react';

export type DialogProps = {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons shown at the bottom right, primary action last. */
  footer?: ReactNode;
  wide?: boolean;
  /** Extra text under the title, linked as the dialog's description. */
  description?: ReactNode;
};

/**
 * Returns where focus starts in a dialog: its first field, else its first
 * footer button (Cancel, in a confirmation), rather than the close button.
 */
function initialFocus(dialog: HTMLDialogElement): HTMLElement | null {
  return (
    dialog.querySelector<HTMLElement>(
      '.dialog-body :is(input, select, textarea):not([disabled])',
    ) ?? dialog.querySelector<HTMLElement>('.dialog-footer button')
  );
}

/**
 * Renders a modal dialog on the native <dialog> element: showModal() traps focus
 * and makes the rest of the window inert, and Escape calls onClose. Mount
 * it to open it and unmount it to close it.
 */
export function Dialog(props: DialogProps) {
  const { title, onClose, children, footer, wide, description } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener =
      document.activeElement instanceof HTMLElement
        ? document.activeElement
        : null;
    if (!dialog.open) dialog.showModal();
    initialFocus(dialog)?.focus();
    const cancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      // Keyboard users continue from the control that opened the dialog.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'wide' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
    >
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="ghost small"
          aria-label="Close"
          onClick={onClose}
        >
          ✕
        </button>
      </div>
      <div className="dialog-body">
        {description && (
          <p id={descriptionId} className="muted">
            {description}
          </p>
        )}
        {children}
      </div>
      {footer && <div className="dialog-footer">{footer}</div>}
    </dialog>
  );
}

export type ConfirmDialogProps = {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before a destructive or irreversible action. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog
      title={props.title}
      onClose={props.onCancel}
      footer={
        <>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className={props.danger ? 'danger' : 'primary'}
            disabled={props.busy}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <div className="confirm-message">{props.message}</div>
    </Dialog>
  );
}
