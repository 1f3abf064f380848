import { riskLabels, segmentLabels } from '../board/model.ts';
import type { LiveClassification } from './useClassification.ts';

/** Shows the segment and risk tier that the attributes classify as. */
export function ClassificationPreview({ live }: { live: LiveClassification }) {
  const { result, pending, error } = live;
  return (
    <div className="classification" role="status" aria-live="polite">
      <span className="classification-label">Classifies as</span>
      {error && <span className="field-error">Cannot classify: {error}</span>}
      {!error && !result && <span className="muted">…</span>}
      {result && (
        <>
          <span
            className={`badge segment-${result.segment}`}
            data-testid="classified-segment"
          >
            {segmentLabels[result.segment]}
          </span>
          <span className="badge" data-testid="classified-risk">
            {riskLabels[result.riskTier]}
          </span>
        </>
      )}
      {pending && <span className="spinner" aria-hidden="true" />}
    </div>
  );
}
