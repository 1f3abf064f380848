// The board's data (grouped counts per segment and stage, and the first 50
// cards) over 100,000 journeys.
import { rmSync } from 'node:fs';
import { addClient } from '../src-main/clients/service.ts';
import { boardData } from '../src-main/journeys/board.ts';
import { advanceJourney } from '../src-main/sample/drive.ts';
import {
  openWorkspace,
  type Workspace,
} from '../src-main/workspace/workspace.ts';
import {
  atMost,
  percentile,
  round,
  tempDataDir,
  type BenchResult,
} from './result.ts';

const journeyTotal = 100_000;

const templates = [
  { employees: 12, annualContractValue: 8000, risk: 'low' },
  {
    employees: 300,
    annualContractValue: 90000,
    stakeholders: 5,
    integrations: ['crm'],
  },
  {
    employees: 5000,
    annualContractValue: 600000,
    stakeholders: 12,
    compliance: ['SOC2'],
  },
];

async function seedTemplates(ws: Workspace): Promise<void> {
  const actor = ws.settings.identity();
  for (const [index, attributes] of templates.entries()) {
    const added = addClient(
      ws,
      { name: `Template ${index}`, attributes },
      {},
      actor,
    );
    for (let step = 0; step < index + 2; step += 1) {
      await advanceJourney(ws, added.journeyId!);
    }
  }
}

/** Copies the template journeys into `count` rows in one transaction. */
function cloneJourneys(ws: Workspace, count: number): void {
  const stages = ws.settings.stages();
  ws.db.transaction(() => {
    ws.db.exec(`
      CREATE TEMP TABLE seq(n INTEGER PRIMARY KEY);
      WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${count})
      INSERT INTO seq SELECT n FROM c;
      INSERT INTO clients (id, name, contacts, attributes, owner, notes, segment,
        risk_tier, created_at, updated_at)
      SELECT 'client-' || s.n, 'Client ' || s.n, c.contacts, c.attributes,
        'owner ' || (s.n % 7), '', c.segment, c.risk_tier, c.created_at, c.updated_at
      FROM seq s JOIN (SELECT *, ROW_NUMBER() OVER (ORDER BY created_at) - 1 AS k FROM clients) c
        ON c.k = s.n % 3;
      INSERT INTO journeys (id, client_id, playbook_id, playbook_version, segment,
        risk_tier, status, stage, progress, next_step, next_due_at, has_incident,
        state, started_at, updated_at)
      SELECT 'journey-' || s.n, 'client-' || s.n, j.playbook_id, j.playbook_version,
        j.segment, j.risk_tier, j.status,
        json_extract('${JSON.stringify(stages)}', '$[' || (s.n % ${stages.length}) || ']'),
        (s.n * 7) % 101, j.next_step, j.next_due_at, (s.n % 53 = 0), j.state,
        j.started_at, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || s.n || ' seconds')
      FROM seq s JOIN (SELECT *, ROW_NUMBER() OVER (ORDER BY started_at) - 1 AS k FROM journeys) j
        ON j.k = s.n % 3;
      DROP TABLE seq;
    `);
  })();
  ws.db.exec('ANALYZE');
}

/**
 * Fills a workspace with `total` journeys of as many clients: three driven
 * through the engine to different steps, and copies of them made in SQL,
 * spread over the segments and stages.
 */
export async function seedLargeBoard(
  ws: Workspace,
  total: number,
): Promise<void> {
  await seedTemplates(ws);
  cloneJourneys(ws, total - templates.length);
}

export async function benchBoard(): Promise<BenchResult[]> {
  const dataDir = tempDataDir('board');
  const ws = openWorkspace(dataDir, { log: false });
  try {
    await seedLargeBoard(ws, journeyTotal);
    boardData(ws);
    const timings: number[] = [];
    for (let run = 0; run < 30; run += 1) {
      const started = performance.now();
      const data = boardData(ws);
      timings.push(performance.now() - started);
      if (data.cards.length !== 50) throw new Error('board returned no cards');
    }
    const filtered: number[] = [];
    for (let run = 0; run < 10; run += 1) {
      const started = performance.now();
      boardData(ws, { segment: 'enterprise', riskTier: 'medium' });
      filtered.push(performance.now() - started);
    }
    return [
      atMost(
        'board data over 100,000 journeys (p95)',
        round(percentile(timings, 95)),
        'ms',
        100,
      ),
      atMost(
        'board data filtered by segment and risk, 100,000 journeys (p95)',
        round(percentile(filtered, 95)),
        'ms',
        100,
      ),
    ];
  } finally {
    ws.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
