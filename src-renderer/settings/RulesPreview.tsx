import type {
  ClassificationOutcome,
  RulesPreview as Preview,
} from '../../src-shared/ipc/contract.ts';
import type { RiskTier, Segment } from '../../src-shared/playbooks/model.ts';
import { riskLabels, segmentLabels } from '../board/model.ts';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import type { LivePreview } from './useRulesPreview.ts';

type Sample = Preview['samples'][number];

const numberFormat = new Intl.NumberFormat('en-US');

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Sums up a client's attributes in a line, such as "8 employees". */
export function describeAttributes(attributes: Record<string, unknown>) {
  const parts: string[] = [];
  const count = (key: string, unit: string) => {
    const value = attributes[key];
    if (typeof value === 'number') {
      parts.push(`${numberFormat.format(value)} ${unit}`);
    }
  };
  count('employees', 'employees');
  count('annualContractValue', 'a year');
  count('stakeholders', 'stakeholders');
  const integrations = list(attributes.integrations);
  if (integrations.length > 0) parts.push(integrations.join(', '));
  const compliance = list(attributes.compliance);
  if (compliance.length > 0) parts.push(compliance.join(', '));
  if (typeof attributes.risk === 'string') {
    parts.push(`assessed ${attributes.risk}`);
  }
  return parts.join(' · ') || 'No attributes';
}

function SegmentBadge({ segment }: { segment: Segment }) {
  return (
    <span className={`badge segment-${segment}`}>{segmentLabels[segment]}</span>
  );
}

function RiskBadge({ tier }: { tier: RiskTier }) {
  const tone = { low: 'success', medium: 'warning', high: 'danger' }[tier];
  return <span className={`badge ${tone}`}>{riskLabels[tier]}</span>;
}

function outcomeOf(sample: Sample): ClassificationOutcome {
  return sample.draft ?? sample.saved;
}

function differs(sample: Sample): boolean {
  const { draft, saved } = sample;
  if (!draft) return false;
  if (!draft.ok || !saved.ok) return draft.ok !== saved.ok;
  return draft.segment !== saved.segment || draft.riskTier !== saved.riskTier;
}

function Was({ text }: { text: string | undefined }) {
  return text ? <span className="settings-was">was {text}</span> : null;
}

function SampleRow({ sample }: { sample: Sample }) {
  const outcome = outcomeOf(sample);
  const saved = sample.saved.ok ? sample.saved : undefined;
  const changed = differs(sample);
  const segmentChanged =
    outcome.ok && saved && saved.segment !== outcome.segment;
  const riskChanged =
    outcome.ok && saved && saved.riskTier !== outcome.riskTier;
  return (
    <tr className={changed ? 'changed' : undefined} data-sample={sample.id}>
      <th scope="row">
        <span className="settings-sample-name">{sample.name}</span>
        <span className="muted">
          {sample.source === 'example' ? 'Example' : 'Your client'}
        </span>
        {changed && <span className="badge info">Changed</span>}
      </th>
      <td className="muted">{describeAttributes(sample.attributes)}</td>
      {outcome.ok ? (
        <>
          <td data-testid="preview-segment">
            <SegmentBadge segment={outcome.segment} />
            {segmentChanged && <Was text={segmentLabels[saved.segment]} />}
          </td>
          <td>
            <span className="settings-rule-ref">
              Rule {outcome.segmentRule}
            </span>{' '}
            {outcome.segmentReason}
          </td>
          <td data-testid="preview-risk">
            <RiskBadge tier={outcome.riskTier} />
            {riskChanged && <Was text={riskLabels[saved.riskTier]} />}
          </td>
          <td>
            <span className="settings-rule-ref">Rule {outcome.riskRule}</span>{' '}
            {outcome.riskReason}
          </td>
        </>
      ) : (
        <td colSpan={4} className="field-error">
          {outcome.message}
        </td>
      )}
    </tr>
  );
}

/** Shows how the sample clients classify under the draft rules. */
export function RulesPreview({ live }: { live: LivePreview }) {
  const { preview, pending, failure } = live;
  const changed = preview?.samples.filter(differs).length ?? 0;
  return (
    <section className="panel settings-preview" aria-labelledby="preview-title">
      <div className="settings-section-head">
        <h3 id="preview-title">Preview</h3>
        <p className="muted" role="status" aria-live="polite">
          {pending && <span className="spinner" aria-hidden="true" />}{' '}
          {preview &&
            !preview.error &&
            changed === 0 &&
            'No client classifies differently from the saved rules.'}
          {preview &&
            !preview.error &&
            changed > 0 &&
            `${changed} of ${preview.samples.length} clients classify differently from the saved rules.`}
          {preview?.error &&
            'The draft has an error, so the preview shows the saved rules.'}
        </p>
      </div>
      {failure !== undefined && (
        <ErrorNote title="Could not preview the rules" error={failure} />
      )}
      {preview?.error && (
        <div className="error-note" role="alert">
          <strong>The draft rules are invalid</strong>
          <span>{preview.error.message}</span>
        </div>
      )}
      {preview && (
        <div className="settings-table-scroll">
          <table className="settings-preview-table">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Attributes</th>
                <th scope="col">Segment</th>
                <th scope="col">Segment rule</th>
                <th scope="col">Risk tier</th>
                <th scope="col">Risk rule</th>
              </tr>
            </thead>
            <tbody>
              {preview.samples.map((sample) => (
                <SampleRow key={sample.id} sample={sample} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
