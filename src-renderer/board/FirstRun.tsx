import { useId, useState } from 'react';
import { invoke } from '../api/client.ts';
import { reportError } from '../shell/toasts.ts';
import { SampleProgress } from './SampleProgress.tsx';
import { sampleClients, useSampleLoad } from './sampleLoader.ts';

type Props = {
  /** Called once the user chose to start empty and it was recorded. */
  onStartEmpty: () => void;
};

function Choice(props: {
  title: string;
  text: string;
  primary?: boolean;
  disabled: boolean;
  onChoose: () => void;
}) {
  const textId = useId();
  return (
    <button
      type="button"
      className={`first-run-choice${props.primary ? ' recommended' : ''}`}
      aria-describedby={textId}
      disabled={props.disabled}
      onClick={props.onChoose}
    >
      <span className="first-run-choice-title">{props.title}</span>
      <span id={textId} className="first-run-choice-text">
        {props.text}
      </span>
    </button>
  );
}

/**
 * Greets a new workspace and offers two starts: the sample workspace
 * or an empty board. The back end records the choice, so the screen shows
 * only once.
 */
export function FirstRun({ onStartEmpty }: Props) {
  const running = useSampleLoad((state) => state.running);
  const load = useSampleLoad((state) => state.load);
  const [saving, setSaving] = useState(false);
  const titleId = useId();

  const startEmpty = async () => {
    setSaving(true);
    try {
      await invoke('workspace:chooseStart', { choice: 'empty' });
      onStartEmpty();
    } catch (error) {
      reportError('Could not record the choice', error);
      setSaving(false);
    }
  };

  return (
    <section className="first-run panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Welcome to Embark</h2>
      <p className="muted">
        This workspace is new. Explore Embark with sample clients, or start with
        an empty board and the built-in playbooks.
      </p>
      <div className="first-run-choices">
        <Choice
          primary
          title="Load the sample workspace"
          text={`${sampleClients} clients across SMB, mid-market and enterprise, with journeys at every stage.`}
          disabled={running || saving}
          onChoose={() => void load()}
        />
        <Choice
          title="Start empty"
          text="Add your first client or import a CSV file. The built-in playbooks are ready to use."
          disabled={running || saving}
          onChoose={() => void startEmpty()}
        />
      </div>
      <SampleProgress />
      <p className="muted first-run-hint">
        You can load the sample later from the command palette (Ctrl+Shift+P),
        or from the File menu of the desktop app.
      </p>
    </section>
  );
}
