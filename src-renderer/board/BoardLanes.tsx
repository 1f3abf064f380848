import { useRef, useState, type KeyboardEvent } from 'react';
import type {
  Board,
  BoardCard as Card,
} from '../../src-shared/ipc/contract.ts';
import { segments, type Segment } from '../../src-shared/playbooks/model.ts';
import { BoardCell, cardRowHeight, type FocusRequest } from './BoardCell.tsx';
import type { CardActions } from './BoardCard.tsx';
import {
  cellCount,
  cellSizes,
  laneCount,
  moveFocus,
  segmentLabels,
  type BoardGrid,
  type CardPosition,
} from './model.ts';

type Props = {
  board: Board;
  grid: BoardGrid;
  columns: string[];
  now: Date;
  actions: CardActions;
  onDropOnLane: (card: Card, segment: Segment) => void;
};

/** Height of an empty lane's cells, and the smallest and largest height of
 * a lane with cards, in pixels. */
const emptyCellHeight = 48;
const minCellHeight = cardRowHeight + 16;
const maxCellHeight = cardRowHeight * 3 + 16;

function laneHeight(grid: BoardGrid, lane: number): number {
  const tallest = Math.max(0, ...(grid[lane] ?? []).map((cell) => cell.length));
  if (tallest === 0) return emptyCellHeight;
  const wanted = tallest * cardRowHeight + 16;
  return Math.min(maxCellHeight, Math.max(minCellHeight, wanted));
}

function useRovingFocus(grid: BoardGrid) {
  const [position, setPosition] = useState<CardPosition>();
  const [request, setRequest] = useState<FocusRequest>();
  const focusAt = (next: CardPosition) =>
    setRequest((old) => ({ ...next, serial: (old?.serial ?? 0) + 1 }));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!position) return;
    const next = moveFocus(cellSizes(grid), position, event.key);
    if (!next) return;
    event.preventDefault();
    focusAt(next);
  };
  const onFocusCard = (lane: number, column: number, index: number) =>
    setPosition({ lane, column, index });
  return { request, onKeyDown, onFocusCard };
}

/** Swimlanes per segment and columns per stage, with drag to migrate. */
export function BoardLanes(props: Props) {
  const { board, grid, columns } = props;
  const roving = useRovingFocus(grid);
  // The ref serves the drag events, which can run before a re-render; the
  // state shows the drop hints.
  const draggedRef = useRef<Card>(undefined);
  const [dragged, setDraggedState] = useState<Card>();
  const setDragged = (card: Card | undefined) => {
    draggedRef.current = card;
    setDraggedState(card);
  };
  const [dropLane, setDropLane] = useState<Segment>();
  const template = `repeat(${columns.length}, minmax(168px, 1fr))`;

  return (
    <div
      className="board-lanes"
      role="group"
      aria-label="Clients by segment and stage. Use the arrow keys to move between cards and Enter to open a journey."
      onKeyDown={roving.onKeyDown}
    >
      <div className="board-columns" style={{ gridTemplateColumns: template }}>
        {columns.map((stage) => (
          <div key={stage} className="column-head">
            {stage}
          </div>
        ))}
      </div>
      {segments.map((segment, lane) => {
        const accepts = dragged !== undefined && dragged.segment !== segment;
        const acceptsNow = () => {
          const current = draggedRef.current;
          return current !== undefined && current.segment !== segment;
        };
        return (
          <section
            key={segment}
            className={`lane lane-${segment}${dropLane === segment ? ' drop-target' : ''}`}
            aria-label={`${segmentLabels[segment]} lane`}
            data-segment={segment}
            onDragOver={(event) => {
              if (!acceptsNow()) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              setDropLane(segment);
            }}
            onDragLeave={(event) => {
              const to = event.relatedTarget;
              if (!(to instanceof Node) || !event.currentTarget.contains(to)) {
                setDropLane(undefined);
              }
            }}
            onDrop={(event) => {
              event.preventDefault();
              setDropLane(undefined);
              const card = draggedRef.current;
              if (card && acceptsNow()) props.onDropOnLane(card, segment);
              setDragged(undefined);
            }}
          >
            <h2 className="lane-head">
              <span className="lane-swatch" aria-hidden="true" />
              {segmentLabels[segment]}
              <span className="lane-count">
                {laneCount(board.counts, segment)}{' '}
                {laneCount(board.counts, segment) === 1 ? 'client' : 'clients'}
              </span>
              {accepts && <span className="lane-hint">Drop to move here</span>}
            </h2>
            <div
              className="lane-cells"
              style={{ gridTemplateColumns: template }}
            >
              {columns.map((stage, column) => {
                const count = cellCount(board.counts, segment, stage);
                const label = `${segmentLabels[segment]}, ${stage}: ${count} ${count === 1 ? 'client' : 'clients'}`;
                return (
                  <div key={stage} className="cell" data-stage={stage}>
                    <div className="cell-count" aria-hidden="true">
                      {count}
                    </div>
                    <BoardCell
                      cards={grid[lane]?.[column] ?? []}
                      label={label}
                      lane={lane}
                      column={column}
                      height={laneHeight(grid, lane)}
                      now={props.now}
                      actions={props.actions}
                      focusRequest={roving.request}
                      onFocusCard={roving.onFocusCard}
                      onDragCard={setDragged}
                    />
                  </div>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
