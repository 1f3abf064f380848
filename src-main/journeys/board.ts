import type { RiskTier, Segment } from '../../src-shared/playbooks/model.ts';
import type { Workspace } from '../workspace/workspace.ts';

export type BoardFilter = {
  segment?: string;
  stage?: string;
  riskTier?: string;
  owner?: string;
  hasIncident?: boolean;
  /** Part of the client's name, matched case-insensitively. */
  search?: string;
  sort?: BoardSort;
  /** Cards to return, at most 100,000 (default 50). */
  limit?: number;
};

export type BoardSort = 'updated' | 'name' | 'progress' | 'due';

export const MAX_BOARD_LIMIT = 100_000;

/** ORDER BY clauses; the journey id last makes every order total. */
const sortOrders: Record<BoardSort, string> = {
  updated: 'j.updated_at DESC, j.id',
  name: 'c.name COLLATE NOCASE, j.id',
  progress: 'j.progress DESC, j.id',
  due: 'j.next_due_at IS NULL, j.next_due_at, j.id',
};

export type BoardCard = {
  journeyId: string;
  clientId: string;
  clientName: string;
  owner: string | null;
  /** Read from the journeys table, whose values the engine wrote. */
  segment: Segment;
  riskTier: RiskTier;
  stage: string;
  status: string;
  progress: number;
  nextStep: string | null;
  nextDueAt: string | null;
  hasIncident: boolean;
  startedAt: string;
};

export type BoardData = {
  stages: string[];
  counts: { segment: string; stage: string; count: number }[];
  cards: BoardCard[];
  /** Journeys that match the filter; `cards` contains the first of them. */
  total: number;
};

function filterClause(
  ws: Workspace,
  filter: BoardFilter,
): { sql: string; params: unknown[] } {
  const where = ["j.status != 'cancelled'"];
  // Archived clients leave the board with their journeys. The check costs
  // a lookup per journey, so it is added only when some client is archived.
  const anyArchived = ws.db
    .prepare('SELECT 1 FROM clients WHERE archived_at IS NOT NULL LIMIT 1')
    .get();
  if (anyArchived) {
    where.push(
      'j.client_id NOT IN (SELECT id FROM clients WHERE archived_at IS NOT NULL)',
    );
  }
  const params: unknown[] = [];
  const equal = (column: string, value: unknown) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  equal('j.segment', filter.segment);
  equal('j.stage', filter.stage);
  equal('j.risk_tier', filter.riskTier);
  if (filter.hasIncident !== undefined) {
    equal('j.has_incident', filter.hasIncident ? 1 : 0);
  }
  if (filter.owner !== undefined) {
    where.push('j.client_id IN (SELECT id FROM clients WHERE owner = ?)');
    params.push(filter.owner);
  }
  const search = filter.search?.trim();
  if (search) {
    // SQLite's LIKE ignores ASCII case; wildcards in the text are escaped.
    where.push(`c.name LIKE ? ESCAPE '\\'`);
    params.push(`%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
  }
  return { sql: where.join(' AND '), params };
}

/**
 * Returns what the board shows: journey counts per segment and stage, the
 * number of matching journeys, and the first cards in the requested order
 * (by default the most recently updated).
 */
export function boardData(ws: Workspace, filter: BoardFilter = {}): BoardData {
  const { sql, params } = filterClause(ws, filter);
  // The client's name is needed only to search; without it the counts come
  // from the journeys' board index alone.
  const from = filter.search?.trim()
    ? 'journeys j JOIN clients c ON c.id = j.client_id'
    : 'journeys j';
  const limit = Math.min(filter.limit ?? 50, MAX_BOARD_LIMIT);
  // Cards in update order walk the updated_at index and stop at the limit.
  // The unary + keeps SQLite from choosing the board index for a filter,
  // which would sort every matching journey first.
  const cardSql =
    (filter.sort ?? 'updated') === 'updated'
      ? sql.replace(/\bj\.(segment|stage|risk_tier|has_incident) =/g, '+j.$1 =')
      : sql;
  const order = sortOrders[filter.sort ?? 'updated'];
  const counts = ws.db
    .prepare(
      `SELECT j.segment, j.stage, COUNT(*) AS count
       FROM ${from} WHERE ${sql} GROUP BY j.segment, j.stage`,
    )
    .all(...params) as BoardData['counts'];
  const total = counts.reduce((sum, row) => sum + row.count, 0);
  const rows = ws.db
    .prepare(
      `SELECT j.id AS journeyId, j.client_id AS clientId, c.name AS clientName,
         c.owner, j.segment, j.risk_tier AS riskTier, j.stage, j.status,
         j.progress, j.next_step AS nextStep, j.next_due_at AS nextDueAt,
         j.has_incident AS hasIncident, j.started_at AS startedAt
       FROM journeys j JOIN clients c ON c.id = j.client_id
       WHERE ${cardSql} ORDER BY ${order} LIMIT ?`,
    )
    .all(...params, limit) as (Omit<BoardCard, 'hasIncident'> & {
    hasIncident: number;
  })[];
  return {
    stages: ws.settings.stages(),
    counts,
    cards: rows.map((row) => ({ ...row, hasIncident: row.hasIncident === 1 })),
    total,
  };
}
