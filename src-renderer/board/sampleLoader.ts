import { create } from 'zustand';
import { invoke } from '../api/client.ts';
import { useShell } from '../shell/store.ts';
import { notify, reportError } from '../shell/toasts.ts';

/** Clients in the sample workspace, across every segment and stage. */
export const sampleClients = 30;

/**
 * Clients created per call. The back end runs one call at a time, so
 * loading in chunks lets the window show progress between them.
 */
const chunkSize = 5;

type SampleLoad = {
  running: boolean;
  /** Sample clients created so far in the running load. */
  done: number;
  total: number;
  /** Loads the sample; resolves to false when it failed (after a toast). */
  load: () => Promise<boolean>;
};

/**
 * Loads the sample workspace once at a time, whichever screen or command
 * started it, and refreshes the board when it ends.
 */
export const useSampleLoad = create<SampleLoad>()((set, get) => ({
  running: false,
  done: 0,
  total: sampleClients,
  load: async () => {
    if (get().running) return false;
    set({ running: true, done: 0, total: sampleClients });
    let journeys = 0;
    try {
      for (let first = 0; first < sampleClients; first += chunkSize) {
        const clients = Math.min(chunkSize, sampleClients - first);
        const result = await invoke('workspace:loadSample', {
          clients,
          first,
        });
        journeys += result.journeys;
        set({ done: first + clients });
      }
      notify(
        'Sample workspace loaded',
        `${sampleClients} clients with ${journeys} journeys.`,
      );
      return true;
    } catch (error) {
      reportError(
        'Could not load the whole sample workspace',
        new Error(
          `${get().done} of ${sampleClients} sample clients were added ` +
            `before this error: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      return false;
    } finally {
      set({ running: false });
      useShell.getState().refreshBoard();
    }
  },
}));
