import { useEffect, useState } from 'react';
import { invoke } from '../api/client.ts';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import type { ClientAttributes } from '../../src-shared/segments/attributes.ts';

type Classification = ResultOf<'clients:classify'>;

/** Milliseconds after the last change before the attributes are classified. */
const classifyDelayMillis = 250;

export type LiveClassification = {
  result: Classification | undefined;
  pending: boolean;
  error: string | undefined;
};

/**
 * Classifies the attributes as they are typed, once typing pauses, so a
 * dialog can show the segment and risk tier the client will get.
 */
export function useClassification(
  attributes: ClientAttributes,
  enabled: boolean,
): LiveClassification {
  const key = JSON.stringify(attributes);
  const [state, setState] = useState<LiveClassification>({
    result: undefined,
    pending: enabled,
    error: undefined,
  });

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setState((old) => ({ ...old, pending: true }));
    const timer = setTimeout(() => {
      invoke('clients:classify', {
        attributes: JSON.parse(key) as Record<string, unknown>,
      })
        .then((result) => {
          if (current) setState({ result, pending: false, error: undefined });
        })
        .catch((error: unknown) => {
          if (!current) return;
          const message =
            error instanceof Error ? error.message : String(error);
          setState({ result: undefined, pending: false, error: message });
        });
    }, classifyDelayMillis);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, enabled]);

  return state;
}
