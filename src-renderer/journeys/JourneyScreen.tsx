import { useState, type KeyboardEvent } from 'react';
import { DocumentsTab } from './DocumentsTab.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { IncidentPanel } from './IncidentPanel.tsx';
import { JourneyHeader } from './JourneyHeader.tsx';
import { isOpen, type JourneyView, type Step } from './model.ts';
import { StepList } from './StepList.tsx';
import { StepPanel } from './StepPanel.tsx';
import { TimelineTab } from './TimelineTab.tsx';
import { toActionError } from './useAction.ts';
import { useJourney } from './useJourney.ts';
import './journey.css';

const tabs = [
  { id: 'steps', label: 'Steps' },
  { id: 'documents', label: 'Documents' },
  { id: 'timeline', label: 'Timeline' },
] as const;
type Tab = (typeof tabs)[number]['id'];

/** Shows one journey: header, incidents and the steps, documents and timeline tabs. */
export function JourneyScreen({ journeyId }: { journeyId: string }) {
  const data = useJourney(journeyId);
  const [tab, setTab] = useState<Tab>('steps');
  const [selected, setSelected] = useState<string>();
  const { journey, playbook, error } = data;

  // After an action closes the selected step, move on to the next open one.
  const applyAndFollow = (view: JourneyView) => {
    data.apply(view);
    const step = view.steps.find((entry) => entry.key === selected);
    if (step && !isOpen(step)) setSelected(undefined);
  };

  if (!journey) {
    return (
      <section className="journey" aria-label="Journey">
        {error ? (
          <div className="panel">
            <ErrorNote
              title="Could not load the journey"
              error={toActionError(error)}
            />
            <button type="button" onClick={data.reload}>
              Try again
            </button>
          </div>
        ) : (
          <p className="loading" role="status">
            <span className="spinner" /> Loading the journey…
          </p>
        )}
      </section>
    );
  }

  const steps = journey.steps as Step[];
  const current =
    steps.find((step) => step.key === selected) ??
    steps.find(isOpen) ??
    steps[0];

  return (
    <section
      className="journey"
      aria-label={`Journey of ${journey.clientName}`}
    >
      <JourneyHeader journey={journey} onChange={data.apply} />
      <IncidentPanel
        journey={journey}
        playbook={playbook}
        onChange={data.apply}
      />
      <TabBar tab={tab} onChange={setTab} />
      <div
        id={`journey-tab-${tab}`}
        role="tabpanel"
        aria-labelledby={`journey-tab-button-${tab}`}
        className="journey-tabpanel"
      >
        {tab === 'steps' &&
          (steps.length === 0 ? (
            <p className="empty">This playbook has no steps to work on.</p>
          ) : (
            <div className="steps-layout">
              <StepList
                steps={steps}
                selected={current?.key}
                onSelect={setSelected}
              />
              {current && (
                <StepPanel
                  journey={journey}
                  playbook={playbook}
                  step={current}
                  apply={applyAndFollow}
                />
              )}
            </div>
          ))}
        {tab === 'documents' && (
          <DocumentsTab
            journeyId={journey.id}
            steps={steps}
            revision={data.revision}
          />
        )}
        {tab === 'timeline' && (
          <TimelineTab
            journeyId={journey.id}
            steps={steps}
            revision={data.revision}
          />
        )}
      </div>
    </section>
  );
}

function TabBar({ tab, onChange }: { tab: Tab; onChange: (tab: Tab) => void }) {
  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern describes.
  const move = (event: KeyboardEvent) => {
    const index = tabs.findIndex((entry) => entry.id === tab);
    const offsets: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1 };
    const step = offsets[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (next) {
      onChange(next.id);
      document.getElementById(`journey-tab-button-${next.id}`)?.focus();
    }
  };
  return (
    <div
      className="journey-tabs"
      role="tablist"
      aria-label="Journey sections"
      onKeyDown={move}
    >
      {tabs.map((entry) => (
        <button
          key={entry.id}
          id={`journey-tab-button-${entry.id}`}
          type="button"
          role="tab"
          aria-selected={tab === entry.id}
          aria-controls={`journey-tab-${entry.id}`}
          tabIndex={tab === entry.id ? 0 : -1}
          className={tab === entry.id ? 'active' : undefined}
          onClick={() => onChange(entry.id)}
        >
          {entry.label}
        </button>
      ))}
    </div>
  );
}
