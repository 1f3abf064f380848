import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { BoardCard as Card } from '../../src-shared/ipc/contract.ts';
import { BoardCard, type CardActions } from './BoardCard.tsx';

/** Card height plus the gap below it, in pixels; see `.card` in board.css. */
export const cardRowHeight = 132;

/** A request to focus one card, with a serial so repeats still run. */
export type FocusRequest = {
  lane: number;
  column: number;
  index: number;
  serial: number;
};

type Props = {
  cards: Card[];
  label: string;
  lane: number;
  column: number;
  height: number;
  now: Date;
  actions: CardActions;
  focusRequest: FocusRequest | undefined;
  onFocusCard: (lane: number, column: number, index: number) => void;
  onDragCard: (card: Card | undefined) => void;
};

const maxFocusFrames = 10;

/** Focuses a card once the virtualizer has rendered it. */
function focusWhenRendered(container: HTMLElement, index: number) {
  let frames = 0;
  const attempt = () => {
    const card = container.querySelector<HTMLElement>(
      `[data-card-index="${index}"]`,
    );
    if (card) {
      card.focus({ preventScroll: false });
      return;
    }
    if (++frames < maxFocusFrames) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/**
 * Renders the cards of one segment and stage, virtualized. Only the cards
 * in view, plus a few either side, are in the DOM, whatever the cell holds.
 */
export function BoardCell(props: Props) {
  const { cards, lane, column, focusRequest } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => cardRowHeight,
    overscan: 4,
  });

  useEffect(() => {
    if (!focusRequest || !scroller.current) return;
    if (focusRequest.lane !== lane || focusRequest.column !== column) return;
    virtualizer.scrollToIndex(focusRequest.index, { align: 'auto' });
    focusWhenRendered(scroller.current, focusRequest.index);
  }, [focusRequest, lane, column, virtualizer]);

  return (
    <div
      ref={scroller}
      className="cell-scroll"
      style={{ height: props.height }}
    >
      <div
        role="list"
        aria-label={props.label}
        className="cell-list"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item, rendered) => {
          const card = cards[item.index];
          if (!card) return null;
          return (
            <div
              key={card.journeyId}
              role="presentation"
              className="cell-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <BoardCard
                card={card}
                now={props.now}
                lane={lane}
                column={column}
                index={item.index}
                tabStop={rendered === 0}
                actions={props.actions}
                onFocusCard={props.onFocusCard}
                onDragCard={props.onDragCard}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
