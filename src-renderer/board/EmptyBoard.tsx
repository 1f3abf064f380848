import { useEffect, useState } from 'react';
import { invoke } from '../api/client.ts';
import { useShell } from '../shell/store.ts';
import { FirstRun } from './FirstRun.tsx';
import { SampleProgress } from './SampleProgress.tsx';
import { sampleClients, useSampleLoad } from './sampleLoader.ts';

/** Whether the workspace still needs the first-run choice; undefined while asking. */
function useFirstRun(): [boolean | undefined, (value: boolean) => void] {
  const [firstRun, setFirstRun] = useState<boolean>();
  useEffect(() => {
    let current = true;
    invoke('workspace:info', {}).then(
      (info) => {
        if (current) setFirstRun(info.firstRun);
      },
      // Until the workspace info arrives, the board offers the same choices as below.
      () => {
        if (current) setFirstRun(false);
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return [firstRun, setFirstRun];
}

/**
 * The board without clients: the first-run screen for a new workspace,
 * else an empty state that offers the sample, a first client or a CSV file.
 */
export function EmptyBoard() {
  const [firstRun, setFirstRun] = useFirstRun();
  const running = useSampleLoad((state) => state.running);
  const load = useSampleLoad((state) => state.load);
  const openDialog = useShell((state) => state.openDialog);

  if (firstRun === undefined) return null;
  if (firstRun) return <FirstRun onStartEmpty={() => setFirstRun(false)} />;

  return (
    <section className="empty-board panel" aria-labelledby="empty-title">
      <h2 id="empty-title">No clients yet</h2>
      <p className="muted">
        The board shows every client's journey by segment and stage. Load the
        sample workspace to explore {sampleClients} clients at different stages,
        or add your first client.
      </p>
      <div className="empty-actions">
        <button
          type="button"
          className="primary"
          disabled={running}
          aria-busy={running}
          onClick={() => void load()}
        >
          {running && <span className="spinner" aria-hidden="true" />}
          {running ? 'Loading the sample workspace…' : 'Load sample workspace'}
        </button>
        <button
          type="button"
          disabled={running}
          onClick={() => openDialog({ kind: 'newClient' })}
        >
          Add the first client
        </button>
        <button
          type="button"
          className="ghost"
          disabled={running}
          onClick={() => openDialog({ kind: 'importCsv' })}
        >
          Import a CSV file
        </button>
      </div>
      <SampleProgress />
    </section>
  );
}
