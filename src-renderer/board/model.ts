import type { ArgsOf, BoardCard } from '../../src-shared/ipc/contract.ts';
import {
  segments,
  type RiskTier,
  type Segment,
} from '../../src-shared/playbooks/model.ts';

export const segmentLabels: Record<Segment, string> = {
  smb: 'SMB',
  'mid-market': 'Mid-market',
  enterprise: 'Enterprise',
};

export const riskLabels: Record<RiskTier, string> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
};

export type BoardSort = NonNullable<ArgsOf<'board:get'>['sort']>;

export const sortLabels: Record<BoardSort, string> = {
  updated: 'Recently updated',
  name: 'Name',
  progress: 'Progress',
  due: 'Due date',
};

/** The filters the toolbar sets; undefined means any. */
export type BoardFilters = {
  segment?: Segment;
  owner?: string;
  stage?: string;
  riskTier?: RiskTier;
  hasIncident?: boolean;
  sort: BoardSort;
};

export const defaultFilters: BoardFilters = { sort: 'updated' };

/**
 * The largest board the renderer requests, which is the contract's maximum:
 * the board is virtualized, so every matching card is loaded at once.
 */
export const boardCardLimit = 100_000;

export function boardQuery(
  filters: BoardFilters,
  search: string,
): ArgsOf<'board:get'> {
  const query: ArgsOf<'board:get'> = {
    sort: filters.sort,
    limit: boardCardLimit,
  };
  if (filters.segment) query.segment = filters.segment;
  if (filters.owner) query.owner = filters.owner;
  if (filters.stage) query.stage = filters.stage;
  if (filters.riskTier) query.riskTier = filters.riskTier;
  if (filters.hasIncident) query.hasIncident = true;
  const trimmed = search.trim();
  if (trimmed) query.search = trimmed.slice(0, 200);
  return query;
}

export function hasActiveFilters(filters: BoardFilters, search: string) {
  return (
    search.trim() !== '' ||
    filters.segment !== undefined ||
    filters.owner !== undefined ||
    filters.stage !== undefined ||
    filters.riskTier !== undefined ||
    filters.hasIncident === true
  );
}

/**
 * Returns the board's columns: the workspace stages, then any stage a card
 * names that the list lacks (a stage renamed after its journeys started),
 * so that no card is hidden.
 */
export function boardColumns(stages: string[], cards: BoardCard[]): string[] {
  const columns = [...stages];
  const known = new Set(stages);
  for (const card of cards) {
    if (!known.has(card.stage)) {
      known.add(card.stage);
      columns.push(card.stage);
    }
  }
  return columns;
}

/** Cards per lane (segment order) and column, in the order they came. */
export type BoardGrid = BoardCard[][][];

export function groupCards(cards: BoardCard[], columns: string[]): BoardGrid {
  const columnIndex = new Map(columns.map((stage, index) => [stage, index]));
  const grid: BoardGrid = segments.map(() => columns.map(() => []));
  for (const card of cards) {
    const lane = segments.indexOf(card.segment);
    const column = columnIndex.get(card.stage);
    if (lane < 0 || column === undefined) continue;
    grid[lane]?.[column]?.push(card);
  }
  return grid;
}

export type CountRow = { segment: string; stage: string; count: number };

export function cellCount(counts: CountRow[], segment: string, stage: string) {
  const row = counts.find(
    (item) => item.segment === segment && item.stage === stage,
  );
  return row?.count ?? 0;
}

export function laneCount(counts: CountRow[], segment: string): number {
  return counts
    .filter((item) => item.segment === segment)
    .reduce((sum, item) => sum + item.count, 0);
}

/** Distinct owners in name order, for the owner filter. */
export function ownersOf(cards: BoardCard[]): string[] {
  const owners = new Set<string>();
  for (const card of cards) if (card.owner) owners.add(card.owner);
  return [...owners].sort((a, b) => a.localeCompare(b));
}

const dayMillis = 24 * 60 * 60 * 1000;

/** Whole days since the journey started; 0 on its first day. */
export function daysInJourney(startedAt: string, now: Date): number {
  const started = Date.parse(startedAt);
  if (Number.isNaN(started)) return 0;
  return Math.max(0, Math.floor((now.getTime() - started) / dayMillis));
}

export type DueState = 'overdue' | 'soon' | undefined;

/** Days ahead of a due date at which a card shows the due-soon marker. */
export const dueSoonDays = 2;

export function dueState(nextDueAt: string | null, now: Date): DueState {
  if (!nextDueAt) return undefined;
  const due = Date.parse(nextDueAt);
  if (Number.isNaN(due)) return undefined;
  const left = due - now.getTime();
  if (left < 0) return 'overdue';
  if (left <= dueSoonDays * dayMillis) return 'soon';
  return undefined;
}

/** Abbreviations that step keys use, written in capitals in labels. */
const acronyms = new Set([
  'sso',
  'uat',
  'crm',
  'erp',
  'api',
  'kyc',
  'it',
  'sla',
]);

/**
 * Turns a step key such as `contract_terms` into `Contract terms`. The
 * board receives step keys only, so labels are made from them.
 */
export function stepLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => (acronyms.has(word) ? word.toUpperCase() : word));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A card's place on the board: lane, column and index in the cell. */
export type CardPosition = { lane: number; column: number; index: number };

/** Cards per cell, as `grid[lane][column]`, which is all moveFocus needs. */
export type CellSizes = number[][];

export function cellSizes(grid: BoardGrid): CellSizes {
  return grid.map((lane) => lane.map((cell) => cell.length));
}

function sizeAt(sizes: CellSizes, lane: number, column: number): number {
  return sizes[lane]?.[column] ?? 0;
}

/**
 * Finds the card that an arrow key moves to. Up and Down move within a
 * cell and then into the nearest non-empty cell of the lane above or
 * below; Left and Right move to the nearest non-empty column of the same
 * lane, keeping the index where possible. Returns undefined at an edge.
 */
export function moveFocus(
  sizes: CellSizes,
  from: CardPosition,
  key: string,
): CardPosition | undefined {
  const { lane, column, index } = from;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const step = key === 'ArrowUp' ? -1 : 1;
    const next = index + step;
    if (next >= 0 && next < sizeAt(sizes, lane, column)) {
      return { lane, column, index: next };
    }
    for (let l = lane + step; l >= 0 && l < sizes.length; l += step) {
      const size = sizeAt(sizes, l, column);
      if (size > 0) return { lane: l, column, index: step > 0 ? 0 : size - 1 };
    }
    return undefined;
  }
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const step = key === 'ArrowLeft' ? -1 : 1;
    const columns = sizes[lane]?.length ?? 0;
    for (let c = column + step; c >= 0 && c < columns; c += step) {
      const size = sizeAt(sizes, lane, c);
      if (size > 0)
        return { lane, column: c, index: Math.min(index, size - 1) };
    }
    return undefined;
  }
  if (key === 'Home') return { lane, column, index: 0 };
  if (key === 'End') {
    return {
      lane,
      column,
      index: Math.max(0, sizeAt(sizes, lane, column) - 1),
    };
  }
  return undefined;
}

export function otherSegments(segment: Segment): Segment[] {
  return segments.filter((item) => item !== segment);
}
