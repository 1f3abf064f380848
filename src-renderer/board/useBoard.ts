import { useEffect, useState } from 'react';
import { invoke } from '../api/client.ts';
import type { Board } from '../../src-shared/ipc/contract.ts';
import { useShell } from '../shell/store.ts';
import { reportError } from '../shell/toasts.ts';
import { boardQuery, type BoardFilters } from './model.ts';

/** Milliseconds the search waits after the last key before it reloads. */
const searchDelayMillis = 200;

export type BoardLoad = {
  board: Board | undefined;
  loading: boolean;
  /** Set when the last load failed; the board keeps its previous data. */
  failed: boolean;
  reload: () => void;
};

function useDebounced<T>(value: T, millis: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), millis);
    return () => clearTimeout(timer);
  }, [value, millis]);
  return current;
}

/** Loads the board for the filters and the top bar's search. */
export function useBoard(filters: BoardFilters): BoardLoad {
  const search = useDebounced(
    useShell((state) => state.search),
    searchDelayMillis,
  );
  const version = useShell((state) => state.boardVersion);
  const refreshBoard = useShell((state) => state.refreshBoard);
  const [board, setBoard] = useState<Board>();
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    invoke('board:get', boardQuery(filters, search))
      .then((result) => {
        if (!current) return;
        setBoard(result);
        setFailed(false);
      })
      .catch((error: unknown) => {
        if (!current) return;
        setFailed(true);
        reportError('Could not load the board', error);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [filters, search, version]);

  return { board, loading, failed, reload: refreshBoard };
}
