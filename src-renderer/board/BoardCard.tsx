import type { KeyboardEvent, MouseEvent } from 'react';
import type { BoardCard as Card } from '../../src-shared/ipc/contract.ts';
import { daysInJourney, dueState, riskLabels, stepLabel } from './model.ts';

export type CardActions = {
  openJourney: (card: Card) => void;
  openClient: (card: Card) => void;
  moveTo: (card: Card) => void;
  openMenu: (card: Card, anchor: DOMRect) => void;
};

type Props = {
  card: Card;
  now: Date;
  lane: number;
  column: number;
  index: number;
  /** The cell's Tab stop: the first card rendered in each cell. */
  tabStop: boolean;
  actions: CardActions;
  onFocusCard: (lane: number, column: number, index: number) => void;
  onDragCard: (card: Card | undefined) => void;
};

const riskTone = { low: 'success', medium: 'warning', high: 'danger' };

function dueBadge(nextDueAt: string | null, now: Date) {
  const state = dueState(nextDueAt, now);
  if (!state || !nextDueAt) return null;
  const date = new Date(nextDueAt).toLocaleDateString();
  return state === 'overdue' ? (
    <span className="badge danger" title={`Was due ${date}`}>
      Overdue
    </span>
  ) : (
    <span className="badge warning" title={`Due ${date}`}>
      Due soon
    </span>
  );
}

/** Returns the next step, or the journey's status once it is not active. */
function nextLine(card: Card): string {
  if (card.status !== 'active') {
    return card.status.charAt(0).toUpperCase() + card.status.slice(1);
  }
  return card.nextStep ? `Next: ${stepLabel(card.nextStep)}` : 'No open step';
}

function onCardKeyDown(
  event: KeyboardEvent<HTMLDivElement>,
  card: Card,
  actions: CardActions,
) {
  if (event.target !== event.currentTarget) return;
  const key = event.key;
  const menuKey = key === 'ContextMenu' || (key === 'F10' && event.shiftKey);
  if (key === 'Enter') actions.openJourney(card);
  else if (key === 'm' || key === 'M') actions.moveTo(card);
  else if (key === 'i' || key === 'I') actions.openClient(card);
  else if (menuKey) {
    actions.openMenu(card, event.currentTarget.getBoundingClientRect());
  } else return;
  event.preventDefault();
}

/** Renders one client's card: progress, owner, next step and markers. */
export function BoardCard(props: Props) {
  const { card, now, actions, lane, column, index } = props;
  const days = daysInJourney(card.startedAt, now);
  const openMenu = (event: MouseEvent<HTMLButtonElement>) => {
    event.stopPropagation();
    actions.openMenu(card, event.currentTarget.getBoundingClientRect());
  };

  return (
    <div
      role="listitem"
      tabIndex={props.tabStop ? 0 : -1}
      className="card"
      data-journey-id={card.journeyId}
      data-card-index={index}
      aria-label={card.clientName}
      aria-keyshortcuts="Enter M I Shift+F10"
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', card.journeyId);
        event.dataTransfer.effectAllowed = 'move';
        props.onDragCard(card);
      }}
      onDragEnd={() => props.onDragCard(undefined)}
      onFocus={(event) => {
        if (event.target === event.currentTarget) {
          props.onFocusCard(lane, column, index);
        }
      }}
      onClick={() => actions.openJourney(card)}
      onKeyDown={(event) => onCardKeyDown(event, card, actions)}
    >
      <div className="card-top">
        <span className="card-name" title={card.clientName}>
          {card.clientName}
        </span>
        <button
          type="button"
          className="ghost small card-menu-button"
          tabIndex={-1}
          aria-label={`Actions for ${card.clientName}`}
          aria-haspopup="menu"
          onClick={openMenu}
        >
          ⋯
        </button>
      </div>
      <div className="card-progress">
        <div
          className="progress"
          role="progressbar"
          aria-label={`Progress of ${card.clientName}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(card.progress)}
        >
          <div
            className="progress-fill"
            style={{ width: `${card.progress}%` }}
          />
        </div>
        <span className="card-percent" aria-hidden="true">
          {Math.round(card.progress)}%
        </span>
      </div>
      <div className="card-next" title={card.nextStep ?? undefined}>
        {nextLine(card)}
      </div>
      <div className="card-meta">
        <span>{card.owner ?? 'Unassigned'}</span>
        <span aria-hidden="true">·</span>
        <span>{days === 1 ? '1 day' : `${days} days`}</span>
      </div>
      <div className="card-badges">
        <span className={`badge ${riskTone[card.riskTier]}`}>
          {riskLabels[card.riskTier]}
        </span>
        {dueBadge(card.nextDueAt, now)}
        {card.hasIncident && <span className="badge danger">Incident</span>}
      </div>
    </div>
  );
}
