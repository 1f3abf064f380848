import { useEffect, useMemo, useState } from 'react';
import { invoke } from '../api/client.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { formatDateTime, type Step, type TimelineEntry } from './model.ts';
import { describeEvent } from './timeline-text.ts';
import { toActionError, type ActionError } from './useAction.ts';

type Props = { journeyId: string; steps: Step[]; revision: number };

/** Everything that happened on the journey, newest first. */
export function TimelineTab({ journeyId, steps, revision }: Props) {
  const [entries, setEntries] = useState<TimelineEntry[]>();
  const [error, setError] = useState<ActionError>();
  const names = useMemo(
    () => new Map(steps.map((step) => [step.key, step.name])),
    [steps],
  );

  useEffect(() => {
    let current = true;
    invoke('journeys:timeline', { id: journeyId })
      .then((list) => {
        if (current) setEntries([...list].sort((a, b) => b.seq - a.seq));
      })
      .catch((failure: unknown) => {
        if (current) setError(toActionError(failure));
      });
    return () => {
      current = false;
    };
  }, [journeyId, revision]);

  if (error)
    return <ErrorNote title="Could not load the timeline" error={error} />;
  if (!entries)
    return (
      <p className="loading">
        <span className="spinner" /> Loading the timeline…
      </p>
    );
  if (entries.length === 0)
    return <p className="empty">Nothing has happened on this journey yet.</p>;
  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map((entry) => (
        <li
          key={entry.seq}
          className={`timeline-entry event-${entry.type.split('.')[0]}`}
        >
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          <span className="timeline-by">{entry.by}</span>
          <span className="timeline-what">{describeEvent(entry, names)}</span>
        </li>
      ))}
    </ol>
  );
}
