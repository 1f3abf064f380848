import { create } from 'zustand';
import { errorMessages } from '../../src-shared/errors.ts';
import { IpcCallError } from '../api/client.ts';

export type Toast = {
  id: number;
  tone: 'error' | 'success' | 'info';
  title: string;
  message: string;
  /** The error code, shown as a reference to quote in a support request. */
  code?: string;
};

type ToastState = {
  toasts: Toast[];
  push: (toast: Omit<Toast, 'id'>) => void;
  dismiss: (id: number) => void;
};

let nextId = 1;
const maxToasts = 4;

export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  push: (toast) =>
    set((state) => ({
      toasts: [...state.toasts, { ...toast, id: nextId++ }].slice(-maxToasts),
    })),
  dismiss: (id) =>
    set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

/**
 * Shows a failed call as an error toast. `title` names what failed, such
 * as "Could not load the board"; the message comes from the back end.
 */
export function reportError(title: string, error: unknown): void {
  const push = useToasts.getState().push;
  if (error instanceof IpcCallError) {
    push({
      tone: 'error',
      title,
      message: error.message || errorMessages[error.code],
      code: error.code,
    });
    return;
  }
  const message =
    error instanceof Error ? error.message : 'An unexpected error occurred.';
  push({ tone: 'error', title, message });
}

export function notify(title: string, message = ''): void {
  useToasts.getState().push({ tone: 'success', title, message });
}
