import { describe, expect, it } from 'vitest';
import type { BoardCard } from '../../../src-shared/ipc/contract.ts';
import {
  boardColumns,
  boardQuery,
  cellCount,
  cellSizes,
  daysInJourney,
  defaultFilters,
  dueState,
  groupCards,
  hasActiveFilters,
  laneCount,
  moveFocus,
  otherSegments,
  ownersOf,
  stepLabel,
} from '../../../src-renderer/board/model.ts';

const stages = ['Intake', 'Discovery', 'Setup'];

function card(overrides: Partial<BoardCard>): BoardCard {
  return {
    journeyId: 'j',
    clientId: 'c',
    clientName: 'Client',
    owner: null,
    segment: 'smb',
    riskTier: 'low',
    stage: 'Intake',
    status: 'active',
    progress: 0,
    nextStep: null,
    nextDueAt: null,
    hasIncident: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('boardQuery', () => {
  it('sends only the set filters', () => {
    expect(boardQuery(defaultFilters, '  ')).toEqual({
      sort: 'updated',
      limit: 100_000,
    });
  });

  it('trims the search and drops a false incident filter', () => {
    const query = boardQuery(
      { sort: 'name', segment: 'enterprise', hasIncident: false },
      ' acme ',
    );
    expect(query).toEqual({
      sort: 'name',
      limit: 100_000,
      segment: 'enterprise',
      search: 'acme',
    });
  });

  it('cuts the search to the contract maximum', () => {
    expect(boardQuery(defaultFilters, 'x'.repeat(300)).search).toHaveLength(
      200,
    );
  });
});

describe('hasActiveFilters', () => {
  it('ignores the sort order', () => {
    expect(hasActiveFilters({ sort: 'due' }, '')).toBe(false);
  });

  it('counts the search and each filter', () => {
    expect(hasActiveFilters(defaultFilters, 'a')).toBe(true);
    expect(hasActiveFilters({ sort: 'updated', owner: 'ana' }, '')).toBe(true);
    expect(hasActiveFilters({ sort: 'updated', hasIncident: true }, '')).toBe(
      true,
    );
  });
});

describe('grouping', () => {
  const cards = [
    card({ journeyId: 'a', segment: 'smb', stage: 'Intake' }),
    card({ journeyId: 'b', segment: 'enterprise', stage: 'Setup' }),
    card({ journeyId: 'c', segment: 'smb', stage: 'Intake' }),
    card({ journeyId: 'd', segment: 'mid-market', stage: 'Legacy' }),
  ];

  it('appends stages that the workspace list lacks', () => {
    expect(boardColumns(stages, cards)).toEqual([...stages, 'Legacy']);
  });

  it('puts each card in its lane and column, in order', () => {
    const grid = groupCards(cards, boardColumns(stages, cards));
    expect(grid[0]?.[0]?.map((item) => item.journeyId)).toEqual(['a', 'c']);
    expect(grid[2]?.[2]?.map((item) => item.journeyId)).toEqual(['b']);
    expect(grid[1]?.[3]?.map((item) => item.journeyId)).toEqual(['d']);
    expect(cellSizes(grid)).toEqual([
      [2, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
    ]);
  });

  it('reads counts per cell and per lane', () => {
    const counts = [
      { segment: 'smb', stage: 'Intake', count: 3 },
      { segment: 'smb', stage: 'Live', count: 4 },
    ];
    expect(cellCount(counts, 'smb', 'Intake')).toBe(3);
    expect(cellCount(counts, 'smb', 'Setup')).toBe(0);
    expect(laneCount(counts, 'smb')).toBe(7);
    expect(laneCount(counts, 'enterprise')).toBe(0);
  });

  it('lists distinct owners by name', () => {
    const owners = ownersOf([
      card({ owner: 'zoe' }),
      card({ owner: 'Ana' }),
      card({ owner: null }),
      card({ owner: 'zoe' }),
    ]);
    expect(owners).toEqual(['Ana', 'zoe']);
  });
});

describe('card markers', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it('counts whole days in the journey', () => {
    expect(daysInJourney('2026-03-10T08:00:00.000Z', now)).toBe(0);
    expect(daysInJourney('2026-03-08T11:00:00.000Z', now)).toBe(2);
    expect(daysInJourney('not a date', now)).toBe(0);
    expect(daysInJourney('2026-03-12T00:00:00.000Z', now)).toBe(0);
  });

  it('marks overdue and due within two days', () => {
    expect(dueState(null, now)).toBeUndefined();
    expect(dueState('2026-03-10T11:59:00.000Z', now)).toBe('overdue');
    expect(dueState('2026-03-12T12:00:00.000Z', now)).toBe('soon');
    expect(dueState('2026-03-12T12:01:00.000Z', now)).toBeUndefined();
  });

  it('turns step keys into labels', () => {
    expect(stepLabel('data_protection_questionnaire')).toBe(
      'Data protection questionnaire',
    );
    expect(stepLabel('securityReview')).toBe('Security review');
    expect(stepLabel('kick-off')).toBe('Kick off');
  });

  it('offers the other two segments', () => {
    expect(otherSegments('mid-market')).toEqual(['smb', 'enterprise']);
  });
});

describe('moveFocus', () => {
  // Lanes: smb, mid-market, enterprise; columns: three stages.
  const sizes = [
    [2, 0, 3],
    [0, 0, 0],
    [1, 4, 0],
  ];

  it('moves within a cell', () => {
    const from = { lane: 0, column: 0, index: 0 };
    expect(moveFocus(sizes, from, 'ArrowDown')).toEqual({
      lane: 0,
      column: 0,
      index: 1,
    });
    expect(moveFocus(sizes, from, 'ArrowUp')).toBeUndefined();
  });

  it('skips empty lanes going down and up', () => {
    expect(
      moveFocus(sizes, { lane: 0, column: 0, index: 1 }, 'ArrowDown'),
    ).toEqual({ lane: 2, column: 0, index: 0 });
    expect(
      moveFocus(sizes, { lane: 2, column: 0, index: 0 }, 'ArrowUp'),
    ).toEqual({ lane: 0, column: 0, index: 1 });
  });

  it('skips empty columns and clamps the index', () => {
    expect(
      moveFocus(sizes, { lane: 0, column: 0, index: 1 }, 'ArrowRight'),
    ).toEqual({ lane: 0, column: 2, index: 1 });
    expect(
      moveFocus(sizes, { lane: 2, column: 1, index: 3 }, 'ArrowLeft'),
    ).toEqual({ lane: 2, column: 0, index: 0 });
    expect(
      moveFocus(sizes, { lane: 2, column: 1, index: 0 }, 'ArrowRight'),
    ).toBeUndefined();
  });

  it('jumps to the ends of a cell', () => {
    const from = { lane: 2, column: 1, index: 1 };
    expect(moveFocus(sizes, from, 'End')).toEqual({ ...from, index: 3 });
    expect(moveFocus(sizes, from, 'Home')).toEqual({ ...from, index: 0 });
    expect(moveFocus(sizes, from, 'Enter')).toBeUndefined();
  });
});

describe('stepLabel abbreviations', () => {
  it('writes known abbreviations in capitals', () => {
    expect(stepLabel('sso_setup')).toBe('SSO setup');
    expect(stepLabel('uat_signoff')).toBe('UAT signoff');
    expect(stepLabel('itinerary')).toBe('Itinerary');
  });
});
