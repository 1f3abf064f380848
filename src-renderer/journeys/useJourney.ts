import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '../api/client.ts';
import type { JourneyView, PlaybookData } from './model.ts';

const playbooks = new Map<string, Promise<PlaybookData>>();

/** Loads a playbook version once per window; versions never change. */
export function loadPlaybook(id: string, version: number) {
  const key = `${id}@${version}`;
  let pending = playbooks.get(key);
  if (!pending) {
    pending = invoke('playbooks:get', { id, version });
    pending.catch(() => playbooks.delete(key));
    playbooks.set(key, pending);
  }
  return pending;
}

export type JourneyData = {
  journey?: JourneyView;
  playbook?: PlaybookData;
  error?: unknown;
  loading: boolean;
  /** Bumped after every change, so tabs that list history reload. */
  revision: number;
  reload: () => void;
  /** Shows the journey a call returned. */
  apply: (view: JourneyView) => void;
};

/** Loads a journey and the playbook version it runs on. */
export function useJourney(journeyId: string): JourneyData {
  const [journey, setJourney] = useState<JourneyView>();
  const [playbook, setPlaybook] = useState<PlaybookData>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [revision, setRevision] = useState(0);
  const request = useRef(0);

  const reload = useCallback(() => {
    const current = ++request.current;
    setLoading(true);
    invoke('journeys:get', { id: journeyId })
      .then(async (view) => {
        const definition = await loadPlaybook(
          view.playbookId,
          view.playbookVersion,
        );
        if (current !== request.current) return;
        setJourney(view);
        setPlaybook(definition);
        setError(undefined);
        setRevision((value) => value + 1);
      })
      .catch((failure: unknown) => {
        if (current === request.current) setError(failure);
      })
      .finally(() => {
        if (current === request.current) setLoading(false);
      });
  }, [journeyId]);

  useEffect(() => {
    setJourney(undefined);
    reload();
  }, [reload]);

  const apply = useCallback((view: JourneyView) => {
    setJourney(view);
    setRevision((value) => value + 1);
    if (view.playbookVersion !== undefined) {
      void loadPlaybook(view.playbookId, view.playbookVersion).then(
        setPlaybook,
      );
    }
  }, []);

  return { journey, playbook, error, loading, revision, reload, apply };
}
