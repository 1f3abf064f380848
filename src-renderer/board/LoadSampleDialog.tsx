import { useState } from 'react';
import { Dialog } from '../shell/Dialog.tsx';
import { SampleProgress } from './SampleProgress.tsx';
import { sampleClients, useSampleLoad } from './sampleLoader.ts';

/**
 * Confirms loading the sample workspace from the menu or the command
 * palette, lists what it adds, and shows the progress until it ends.
 */
export function LoadSampleDialog({ onClose }: { onClose: () => void }) {
  const running = useSampleLoad((state) => state.running);
  const load = useSampleLoad((state) => state.load);
  const [started, setStarted] = useState(false);

  const confirm = async () => {
    setStarted(true);
    if (await load()) onClose();
    else setStarted(false);
  };

  return (
    <Dialog
      title="Load the sample workspace?"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {started ? 'Hide' : 'Cancel'}
          </button>
          <button
            type="button"
            className="primary"
            disabled={running}
            onClick={() => void confirm()}
          >
            {running && <span className="spinner" aria-hidden="true" />}
            Load sample
          </button>
        </>
      }
    >
      <p>
        Adds {sampleClients} sample clients across SMB, mid-market and
        enterprise, each with a journey on the built-in playbooks, advanced to
        different stages, with sample form answers and documents.
      </p>
      <p className="muted">
        Your own clients, journeys and playbooks stay as they are. Sample
        clients can be archived like any other.
      </p>
      {running && !started && (
        <p className="muted">A sample load is already running.</p>
      )}
      <SampleProgress />
    </Dialog>
  );
}
