import { useState } from 'react';
import { invoke } from '../api/client.ts';
import { useShell } from '../shell/store.ts';
import { notify, reportError } from '../shell/toasts.ts';

/** Clients in the sample workspace, across every segment and stage. */
const sampleClients = 30;

/** First-run screen: load the sample workspace or add the first client. */
export function EmptyBoard() {
  const [loading, setLoading] = useState(false);
  const openDialog = useShell((state) => state.openDialog);
  const refreshBoard = useShell((state) => state.refreshBoard);

  const loadSample = async () => {
    setLoading(true);
    try {
      const result = await invoke('workspace:loadSample', {
        clients: sampleClients,
      });
      notify(
        'Sample workspace loaded',
        `${result.clients} clients with ${result.journeys} journeys.`,
      );
      refreshBoard();
    } catch (error) {
      reportError('Could not load the sample workspace', error);
    } finally {
      setLoading(false);
    }
  };

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
          disabled={loading}
          aria-busy={loading}
          onClick={() => void loadSample()}
        >
          {loading && <span className="spinner" aria-hidden="true" />}
          {loading ? 'Loading the sample workspace…' : 'Load sample workspace'}
        </button>
        <button
          type="button"
          disabled={loading}
          onClick={() => openDialog({ kind: 'newClient' })}
        >
          Add the first client
        </button>
        <button
          type="button"
          className="ghost"
          disabled={loading}
          onClick={() => openDialog({ kind: 'importCsv' })}
        >
          Import a CSV file
        </button>
      </div>
      {loading && (
        <p role="status" className="muted">
          Creating clients and starting their journeys. This takes a few
          seconds.
        </p>
      )}
    </section>
  );
}
