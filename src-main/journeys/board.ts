import type { Workspace } from '../workspace/workspace.ts';

export type BoardFilter = {
  segment?: string;
  stage?: string;
  riskTier?: string;
  owner?: string;
  hasIncident?: boolean;
  limit?: number;
};

export type BoardCard = {
  journeyId: string;
  clientId: string;
  clientName: string;
  owner: string | null;
  segment: string;
  riskTier: string;
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
};

function filterClause(filter: BoardFilter): { sql: string; params: unknown[] } {
  const where = ["j.status != 'cancelled'"];
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
  return { sql: where.join(' AND '), params };
}

/**
 * Returns what the board shows: journey counts per segment and stage, and
 * the most recently updated cards.
 */
export function boardData(ws: Workspace, filter: BoardFilter = {}): BoardData {
  const { sql, params } = filterClause(filter);
  const counts = ws.db
    .prepare(
      `SELECT j.segment, j.stage, COUNT(*) AS count FROM journeys j
       WHERE ${sql} GROUP BY j.segment, j.stage`,
    )
    .all(...params) as BoardData['counts'];
  const rows = ws.db
    .prepare(
      `SELECT j.id AS journeyId, j.client_id AS clientId, c.name AS clientName,
         c.owner, j.segment, j.risk_tier AS riskTier, j.stage, j.status,
         j.progress, j.next_step AS nextStep, j.next_due_at AS nextDueAt,
         j.has_incident AS hasIncident, j.started_at AS startedAt
       FROM journeys j JOIN clients c ON c.id = j.client_id
       WHERE ${sql} ORDER BY j.updated_at DESC LIMIT ?`,
    )
    .all(...params, filter.limit ?? 50) as (Omit<BoardCard, 'hasIncident'> & {
    hasIncident: number;
  })[];
  return {
    stages: ws.settings.stages(),
    counts,
    cards: rows.map((row) => ({ ...row, hasIncident: row.hasIncident === 1 })),
  };
}
