import { useId, useState } from 'react';
import { invoke } from '../api/client.ts';
import { ErrorNote } from './ErrorNote.tsx';
import {
  formatDateTime,
  type JourneyView,
  type PlaybookData,
} from './model.ts';
import { toActionError, type ActionError } from './useAction.ts';

type Incident = JourneyView['incidents'][number];

type Props = {
  journey: JourneyView;
  playbook?: PlaybookData;
  onChange: (view: JourneyView) => void;
};

/** Open incidents, each with the branch's paths to choose from. */
export function IncidentPanel({ journey, playbook, onChange }: Props) {
  const open = journey.incidents.filter((incident) => !incident.resolvedAt);
  if (open.length === 0) return null;
  return (
    <div className="incidents">
      {open.map((incident) => (
        <IncidentCard
          key={incident.id}
          journeyId={journey.id}
          incident={incident}
          playbook={playbook}
          onChange={onChange}
        />
      ))}
    </div>
  );
}

type CardProps = {
  journeyId: string;
  incident: Incident;
  playbook?: PlaybookData;
  onChange: (view: JourneyView) => void;
};

function IncidentCard({ journeyId, incident, playbook, onChange }: CardProps) {
  const id = useId();
  const [choice, setChoice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError>();
  const edges = (playbook?.edges ?? []).filter(
    (edge) => edge.from === incident.nodeKey,
  );
  const names = new Map(playbook?.nodes.map((node) => [node.key, node.name]));
  const branchName = names.get(incident.nodeKey) ?? incident.nodeKey;

  const resolve = async () => {
    if (!choice) return;
    setBusy(true);
    setError(undefined);
    try {
      onChange(
        await invoke('journeys:resolve', {
          id: journeyId,
          branchKey: incident.nodeKey,
          edgeKey: choice,
        }),
      );
    } catch (failure) {
      setError(toActionError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="incident panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span className="badge danger">Incident</span> {branchName} needs a
        decision
      </h2>
      <p>{incident.message}</p>
      <p className="muted">Raised {formatDateTime(incident.openedAt)}</p>
      <fieldset>
        <legend>Choose the path the journey takes</legend>
        {edges.length === 0 && (
          <p className="muted">The branch has no outgoing paths.</p>
        )}
        {edges.map((edge) => (
          <label key={edge.key} className="choice">
            <input
              type="radio"
              name={`${id}-edge`}
              value={edge.key}
              checked={choice === edge.key}
              onChange={() => setChoice(edge.key)}
            />
            <span>
              {edge.name ?? `To ${names.get(edge.to) ?? edge.to}`}
              <span className="muted"> → {names.get(edge.to) ?? edge.to}</span>
              {edge.condition && (
                <code className="condition">{edge.condition}</code>
              )}
              {edge.isDefault && <span className="badge">default</span>}
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <ErrorNote title="Could not resolve the incident" error={error} />
      )}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={!choice || busy}
          onClick={() => void resolve()}
        >
          Take this path
        </button>
      </div>
    </section>
  );
}
