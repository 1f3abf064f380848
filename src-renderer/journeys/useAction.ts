import { useCallback, useState } from 'react';
import { errorMessages } from '../../src-shared/errors.ts';
import type { ArgsOf } from '../../src-shared/ipc/contract.ts';
import { IpcCallError, invoke } from '../api/client.ts';
import type { JourneyView } from './model.ts';

export type ActArgs = Omit<ArgsOf<'journeys:act'>, 'id'>;

/** A failed call as the panel shows it. */
export type ActionError = {
  message: string;
  code?: string;
  details: Record<string, unknown>;
};

export function toActionError(error: unknown): ActionError {
  if (error instanceof IpcCallError) {
    return {
      message: error.message || errorMessages[error.code],
      code: error.code,
      details: error.details,
    };
  }
  return {
    message:
      error instanceof Error ? error.message : 'An unexpected error occurred.',
    details: {},
  };
}

/**
 * Runs a step action through `journeys:act`, tracks whether it is running
 * and keeps the last error, so the panel can show what failed in place.
 */
export function useStepAction(
  journeyId: string,
  apply: (view: JourneyView) => void,
) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();

  const run = useCallback(
    async (args: ActArgs): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        apply(await invoke('journeys:act', { id: journeyId, ...args }));
        return true;
      } catch (failure) {
        setError(toActionError(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [journeyId, apply],
  );

  const clear = useCallback(() => setError(undefined), []);
  return { run, busy, error, clear };
}
