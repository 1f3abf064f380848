import { useMemo, useRef, useState } from 'react';
import type { BoardCard as Card } from '../../src-shared/ipc/contract.ts';
import { useShell } from '../shell/store.ts';
import type { CardActions } from './BoardCard.tsx';
import { BoardLanes } from './BoardLanes.tsx';
import { BoardToolbar } from './BoardToolbar.tsx';
import { CardMenu } from './CardMenu.tsx';
import { EmptyBoard } from './EmptyBoard.tsx';
import {
  boardColumns,
  defaultFilters,
  groupCards,
  hasActiveFilters,
  ownersOf,
  type BoardFilters,
} from './model.ts';
import { useBoard } from './useBoard.ts';
import './board.css';

type OpenMenu = { card: Card; anchor: DOMRect };

function useCardActions(setMenu: (menu: OpenMenu | undefined) => void) {
  const open = useShell((state) => state.open);
  const openDialog = useShell((state) => state.openDialog);
  return useMemo<CardActions>(
    () => ({
      openJourney: (card) => open('journey', { journeyId: card.journeyId }),
      openClient: (card) =>
        openDialog({
          kind: 'client',
          clientId: card.clientId,
          journeyId: card.journeyId,
        }),
      moveTo: (card) => openDialog({ kind: 'moveTo', card }),
      openMenu: (card, anchor) => setMenu({ card, anchor }),
    }),
    [open, openDialog, setMenu],
  );
}

/** Owners seen in any load, so that filtering by one keeps the others. */
function useKnownOwners(cards: Card[] | undefined): string[] {
  const known = useRef(new Set<string>());
  return useMemo(() => {
    for (const owner of ownersOf(cards ?? [])) known.current.add(owner);
    return [...known.current].sort((a, b) => a.localeCompare(b));
  }, [cards]);
}

/** Renders the pipeline board: every journey by segment and stage. */
export function Board() {
  const [filters, setFilters] = useState<BoardFilters>(defaultFilters);
  const [menu, setMenu] = useState<OpenMenu>();
  const search = useShell((state) => state.search);
  const setSearch = useShell((state) => state.setSearch);
  const openDialog = useShell((state) => state.openDialog);
  const { board, loading, failed, reload } = useBoard(filters);
  const actions = useCardActions(setMenu);
  const owners = useKnownOwners(board?.cards);
  const filtered = hasActiveFilters(filters, search);

  const layout = useMemo(() => {
    if (!board) return undefined;
    const columns = boardColumns(board.stages, board.cards);
    return { columns, grid: groupCards(board.cards, columns), now: new Date() };
  }, [board]);

  const clear = () => {
    setFilters({ ...defaultFilters, sort: filters.sort });
    setSearch('');
  };

  return (
    <section className="screen board" aria-labelledby="board-title">
      <h1 id="board-title">Board</h1>
      {!(board && board.total === 0 && !filtered) && (
        <BoardToolbar
          filters={filters}
          onChange={setFilters}
          owners={owners}
          stages={board?.stages ?? []}
          total={board?.total}
          loading={loading}
          filtered={filtered}
          onClear={clear}
          onImport={() => openDialog({ kind: 'importCsv' })}
        />
      )}
      {!board && failed && (
        <div className="panel board-message" role="alert">
          <p>The board could not be loaded.</p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {!board && !failed && (
        <p className="muted board-message" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the board…
        </p>
      )}
      {board && board.total === 0 && !filtered && <EmptyBoard />}
      {board && board.total === 0 && filtered && (
        <div className="panel board-message" role="status">
          <p>No clients match these filters.</p>
          <button type="button" onClick={clear}>
            Clear filters
          </button>
        </div>
      )}
      {board && layout && board.total > 0 && (
        <BoardLanes
          board={board}
          grid={layout.grid}
          columns={layout.columns}
          now={layout.now}
          actions={actions}
          onDropOnLane={(card, segment) =>
            openDialog({ kind: 'migrate', card, segment })
          }
        />
      )}
      {menu && (
        <CardMenu
          label={`Actions for ${menu.card.clientName}`}
          anchor={menu.anchor}
          onClose={() => setMenu(undefined)}
          items={[
            {
              label: 'Open journey',
              run: () => actions.openJourney(menu.card),
            },
            {
              label: 'Client details',
              run: () => actions.openClient(menu.card),
            },
            {
              label: 'Move to segment…',
              run: () => actions.moveTo(menu.card),
            },
          ]}
        />
      )}
    </section>
  );
}
