import { useEffect, useState } from 'react';
import { invoke } from '../api/client.ts';
import type { RulesPreview } from '../../src-shared/ipc/contract.ts';
import type { SegmentRules } from '../../src-shared/segments/table.ts';

/** Milliseconds after the last edit before the draft is classified. */
const previewDelayMillis = 300;

export type LivePreview = {
  preview: RulesPreview | undefined;
  pending: boolean;
  /** The call itself failed (the back end is unreachable). */
  failure: unknown;
};

/**
 * Classifies the sample clients with the draft rules once editing pauses,
 * and again after a save changes the rules it compares against. The back
 * end saves nothing for a preview.
 */
export function useRulesPreview(
  draft: SegmentRules | undefined,
  saved: SegmentRules | undefined,
): LivePreview {
  const key = draft === undefined ? '' : JSON.stringify(draft);
  const savedKey = JSON.stringify(saved);
  const [state, setState] = useState<LivePreview>({
    preview: undefined,
    pending: true,
    failure: undefined,
  });

  useEffect(() => {
    if (key === '') return;
    let current = true;
    setState((old) => ({ ...old, pending: true }));
    const timer = setTimeout(() => {
      invoke('settings:previewSegmentRules', { rules: JSON.parse(key) })
        .then((preview) => {
          if (current)
            setState({ preview, pending: false, failure: undefined });
        })
        .catch((failure: unknown) => {
          if (current) setState((old) => ({ ...old, pending: false, failure }));
        });
    }, previewDelayMillis);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, savedKey]);

  return state;
}
